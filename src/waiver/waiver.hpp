// Waivers: failures a site accepts for a while, each with a justification, an
// owner and an expiry date, kept in a YAML file of the site's own.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "src/audit/evaluate.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::waiver {

struct Waiver {
  std::string place;  // "waivers.yaml:12": the file and the line the entry starts on
  std::string check;  // a check id
  // Which targets it covers; every list given must match, and a list matches
  // when any of its entries does. A waiver with none of them covers every
  // target of its check, and is the only kind that covers the daemon, the
  // host, the swarm and rows about all containers at once. Globs are
  // fnmatch(3)'s: *, ? and [...].
  std::vector<std::string> containers;  // container name globs; never match an image
  // Image globs ("nginx:*"): a container's Config.Image as written and as
  // `docker images` spells it, and its image id; an image's tags and id.
  std::vector<std::string> images;
  std::vector<std::string> labels;  // "key=value" or "key" (any value); Config.Labels
  std::string justification;        // required: why the risk is accepted
  std::string owner;                // required: who renews or removes it
  std::string expires;              // required, YYYY-MM-DD; the waiver holds through that day

  // What it did in this run.
  enum class State { active, expired, unused };
  // expired once past its date, whatever it matches; else active when it
  // covered a failure, unused when it covered none.
  State state = State::unused;
  int matched = 0;  // failures it covered (or would have, had it not expired)
};

std::string_view to_string(Waiver::State state);  // "active", "expired", "unused"

struct WaiverFile {
  std::string path;
  std::vector<Waiver> waivers;
};

// A waiver file that cannot be used: nothing is audited. The message names
// the file, line and column.
class WaiverError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A mapping with one key, `waivers`, a list of entries with the keys of
// Waiver. Throws WaiverError for an unknown or duplicate key, a missing
// required key, an unknown check id (with the nearest one), a value of the
// wrong type or empty, a date that is not a real YYYY-MM-DD day, an empty
// file, or a second YAML document.
WaiverFile load_waivers(const std::filesystem::path& path);

// Marks each failing finding that a waiver covers: waived, with the waiver
// noted, while the waiver holds on `today` (YYYY-MM-DD, the audit's UTC date);
// still failing, with the expired waiver noted, after. Only status fail is
// waivable: an error means the check could not look, and no waiver accepts
// what nobody saw. When several waivers cover a finding, the first that holds
// is noted (else the first expired one); each of them counts the match.
// Records each waiver's state and matches.
void apply_waivers(std::vector<audit::Finding>& findings, WaiverFile& file,
                   const snapshot::Snapshot& snapshot, const std::string& today);

}  // namespace dockaudit::waiver
