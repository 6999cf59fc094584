#include "src/audit/policy.hpp"

#include <cmath>

#include <fmt/format.h>

namespace dockaudit::audit {

PolicyOutcome judge(const Policy& policy, const std::vector<Finding>& findings,
                    const score::Score& score) {
  PolicyOutcome outcome;
  int failures = 0;
  int severe = 0;
  for (const auto& finding : findings) {
    if (finding.result.status == Status::error) outcome.incomplete = true;
    if (finding.result.status != Status::fail) continue;
    ++failures;
    if (policy.fail_on && finding.severity >= *policy.fail_on) ++severe;
  }
  const auto plural = [](int count) { return count == 1 ? "" : "s"; };
  if (!policy.fail_on && !policy.fail_under && failures > 0) {
    outcome.reasons.push_back(fmt::format("{} result{} failed", failures, plural(failures)));
  }
  if (policy.fail_on && severe > 0) {
    outcome.reasons.push_back(fmt::format("{} result{} of severity {} or higher failed "
                                          "(--fail-on {})",
                                          severe, plural(severe), to_string(*policy.fail_on),
                                          to_string(*policy.fail_on)));
  }
  if (policy.fail_under) {
    if (!score.overall) {
      outcome.reasons.push_back(
          fmt::format("no result counted in the score, so it cannot reach {} (--fail-under)",
                      *policy.fail_under));
    } else if (std::round(*score.overall * 10) / 10 < *policy.fail_under) {
      // Judged as printed (one decimal), so 89.96 shown as 90.0 meets 90.
      outcome.reasons.push_back(fmt::format("the score {:.1f} is under {} (--fail-under)",
                                            *score.overall, *policy.fail_under));
    }
  }
  outcome.met = outcome.reasons.empty();
  outcome.exit_code = !outcome.met          ? cli::kPolicyNotMet
                      : outcome.incomplete ? cli::kAuditIncomplete
                                           : cli::kPolicyMet;
  return outcome;
}

}  // namespace dockaudit::audit
