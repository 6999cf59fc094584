// The evaluate and tailor stages: run the profile's checks on a snapshot and
// attach the profile's severity and weight to each result.
#pragma once

#include <vector>

#include "src/audit/result.hpp"
#include "src/profile/profile.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::audit {

// The waiver that covered a finding: the finding is then waived, or, when the
// waiver has expired, still failing with the waiver named.
struct WaiverNote {
  std::string place;  // "waivers.yaml:12": where the waiver is written
  std::string justification;
  std::string owner;
  std::string expires;  // YYYY-MM-DD
  bool expired = false;
};

// How a finding compares with the baseline run (--baseline).
enum class Drift { none, new_finding, unchanged, resolved };
std::string_view to_string(Drift drift);  // "", "new", "unchanged", "resolved"

struct Finding {
  Result result;
  const checks::Check* check = nullptr;
  Severity severity = Severity::medium;
  double weight = 1.0;  // the check's weight; the score shares it among targets
  std::optional<WaiverNote> waiver;
  Drift drift = Drift::none;
};

// The stable key of a finding's target across runs: "daemon:dockerd",
// "container:web", "image:nginx:1.27", "host:/etc/docker/daemon.json".
// Containers and images are keyed by name, which survives re-creation.
std::string target_key(const Target& target);

// "<check id>@<target key>": what --baseline, SARIF and JUnit match runs by.
std::string finding_id(const Result& result);

std::vector<Finding> evaluate(const snapshot::Snapshot& snapshot, const profile::Profile& profile);

}  // namespace dockaudit::audit
