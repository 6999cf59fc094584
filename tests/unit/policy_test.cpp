#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "src/audit/policy.hpp"

using namespace dockaudit;
using audit::Severity;
using audit::Status;

namespace {

audit::Finding finding(const checks::Check& check, Status status, Severity severity) {
  audit::Finding made;
  made.check = &check;
  made.result.check_id = check.id;
  made.result.status = status;
  made.severity = severity;
  return made;
}

audit::PolicyOutcome judge(const audit::Policy& policy,
                           const std::vector<audit::Finding>& findings) {
  return audit::judge(policy, findings, score::compute(findings));
}

}  // namespace

TEST_CASE("without thresholds any failure breaks the policy and errors alone leave it incomplete") {
  const auto failed = judge({}, {finding(checks::container_user, Status::fail, Severity::low),
                                 finding(checks::container_user, Status::pass, Severity::low)});
  CHECK_FALSE(failed.met);
  CHECK(failed.exit_code == cli::kPolicyNotMet);
  REQUIRE(failed.reasons.size() == 1);
  CHECK(failed.reasons[0] == "1 result failed");

  const auto errored = judge({}, {finding(checks::container_user, Status::error, Severity::high),
                                  finding(checks::container_user, Status::pass, Severity::high)});
  CHECK(errored.met);
  CHECK(errored.incomplete);
  CHECK(errored.exit_code == cli::kAuditIncomplete);

  const auto clean = judge({}, {finding(checks::container_user, Status::pass, Severity::high),
                                finding(checks::container_user, Status::waived, Severity::high)});
  CHECK(clean.met);
  CHECK(clean.exit_code == cli::kPolicyMet);
}

TEST_CASE("--fail-on breaks the policy only for failures that severe or worse") {
  const std::vector<audit::Finding> findings{
      finding(checks::container_user, Status::fail, Severity::medium),
      finding(checks::container_privileged, Status::pass, Severity::critical)};
  CHECK(judge({std::nullopt, Severity::high}, findings).exit_code == cli::kPolicyMet);
  const auto medium = judge({std::nullopt, Severity::medium}, findings);
  CHECK(medium.exit_code == cli::kPolicyNotMet);
  REQUIRE(medium.reasons.size() == 1);
  CHECK(medium.reasons[0] == "1 result of severity medium or higher failed (--fail-on medium)");
  // A waived failure is accepted, whatever its severity.
  const std::vector<audit::Finding> waived{
      finding(checks::container_privileged, Status::waived, Severity::critical)};
  CHECK(judge({std::nullopt, Severity::low}, waived).exit_code == cli::kPolicyMet);
}

TEST_CASE("--fail-under compares the score as it is printed, to one decimal") {
  // One pass and one fail of equal weight: 50.0.
  const std::vector<audit::Finding> half{
      finding(checks::container_user, Status::pass, Severity::low),
      finding(checks::container_user, Status::fail, Severity::low)};
  CHECK(judge({50.0, std::nullopt}, half).exit_code == cli::kPolicyMet);
  const auto under = judge({50.1, std::nullopt}, half);
  CHECK(under.exit_code == cli::kPolicyNotMet);
  REQUIRE(under.reasons.size() == 1);
  CHECK(under.reasons[0] == "the score 50.0 is under 50.1 (--fail-under)");

  // 2 of 3 passing is 66.67, printed 66.7: it meets 66.7.
  const std::vector<audit::Finding> two_thirds{
      finding(checks::container_user, Status::pass, Severity::low),
      finding(checks::container_user, Status::pass, Severity::low),
      finding(checks::container_user, Status::fail, Severity::low)};
  CHECK(judge({66.7, std::nullopt}, two_thirds).met);
  CHECK_FALSE(judge({66.8, std::nullopt}, two_thirds).met);
}

TEST_CASE("--fail-under cannot be met when nothing counted in the score") {
  const auto outcome =
      judge({10.0, std::nullopt}, {finding(checks::container_user, Status::manual, Severity::low)});
  CHECK_FALSE(outcome.met);
  REQUIRE(outcome.reasons.size() == 1);
  CHECK(outcome.reasons[0].find("no result counted in the score") != std::string::npos);
}

TEST_CASE("both thresholds give one reason each, and the policy breaks before incompleteness") {
  const auto outcome = judge({90.0, Severity::high},
                             {finding(checks::container_privileged, Status::fail, Severity::critical),
                              finding(checks::container_user, Status::error, Severity::low)});
  CHECK(outcome.reasons.size() == 2);
  CHECK(outcome.incomplete);
  CHECK(outcome.exit_code == cli::kPolicyNotMet);
}
