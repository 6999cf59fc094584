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
  // Which targets it covers; every list given must match (an empty list
  // matches anything). Globs use * and ?.
  std::vector<std::string> containers;  // container name globs
  std::vector<std::string> images;      // image globs ("nginx:*"), of containers and images
  std::vector<std::string> labels;      // "key=value" or "key" (any value)
  std::string justification;
  std::string owner;
  std::string expires;  // YYYY-MM-DD; the waiver holds through that day

  // What it did in this run.
  enum class State { active, expired, unused };
  State state = State::unused;
  int matched = 0;  // findings it covered (or would have, once expired)
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

// Throws WaiverError.
WaiverFile load_waivers(const std::filesystem::path& path);

// Marks each failing finding that a waiver covers: waived, with the waiver
// noted, while the waiver holds on `today` (YYYY-MM-DD); still failing, with
// the expired waiver noted, after. Records each waiver's state and matches.
void apply_waivers(std::vector<audit::Finding>& findings, WaiverFile& file,
                   const snapshot::Snapshot& snapshot, const std::string& today);

}  // namespace dockaudit::waiver
