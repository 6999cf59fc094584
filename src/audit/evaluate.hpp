// The evaluate and tailor stages: run the profile's checks on a snapshot and
// attach the profile's severity and weight to each result.
#pragma once

#include <vector>

#include "src/audit/result.hpp"
#include "src/profile/profile.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::audit {

struct Finding {
  Result result;
  const checks::Check* check = nullptr;
  Severity severity = Severity::medium;
  double weight = 1.0;  // the check's weight; the score shares it among targets
};

std::vector<Finding> evaluate(const snapshot::Snapshot& snapshot, const profile::Profile& profile);

}  // namespace dockaudit::audit
