// The policy a run is judged by, and the exit code it leads to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "src/audit/evaluate.hpp"
#include "src/cli/exit_code.hpp"
#include "src/score/score.hpp"

namespace dockaudit::audit {

// With neither threshold, any failure breaks the policy.
struct Policy {
  std::optional<double> fail_under;    // --fail-under: the lowest acceptable score
  std::optional<Severity> fail_on;     // --fail-on: failures this severe or worse break it
};

struct PolicyOutcome {
  bool met = true;
  std::vector<std::string> reasons;  // why it is not met, one sentence each
  bool incomplete = false;           // some result is an error
  cli::ExitCode exit_code = cli::kPolicyMet;
};

PolicyOutcome judge(const Policy& policy, const std::vector<Finding>& findings,
                    const score::Score& score);

}  // namespace dockaudit::audit
