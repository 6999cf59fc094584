#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "src/score/score.hpp"

using namespace dockaudit;
using audit::Status;

namespace {

audit::Finding finding(const checks::Check& check, Status status, double weight) {
  audit::Finding made;
  made.check = &check;
  made.result.check_id = check.id;
  made.result.status = status;
  made.weight = weight;
  return made;
}

}  // namespace

TEST_CASE("a container check's weight is shared by its containers") {
  std::vector<audit::Finding> findings;
  for (int i = 0; i < 99; ++i) findings.push_back(finding(checks::container_user, Status::pass, 3));
  findings.push_back(finding(checks::container_user, Status::fail, 3));
  findings.push_back(finding(checks::daemon_userns_remap, Status::fail, 1));
  const auto score = score::compute(findings);
  // (3 × 99/100 + 1 × 0) / (3 + 1)
  REQUIRE(score.overall.has_value());
  CHECK(*score.overall == doctest::Approx(74.25));
  REQUIRE(score.sections.size() == 2);
  CHECK(*score.sections[0].percent == doctest::Approx(0));
  CHECK(*score.sections[1].percent == doctest::Approx(99));
}

TEST_CASE("errors count as failures; not applicable results do not count") {
  const auto score = score::compute({finding(checks::container_apparmor, Status::not_applicable, 2),
                                     finding(checks::container_user, Status::error, 1),
                                     finding(checks::container_user, Status::pass, 1)});
  CHECK(*score.overall == doctest::Approx(50));
  CHECK(score.by_status.at(Status::not_applicable) == 1);
}

TEST_CASE("with nothing counted there is no score rather than a perfect one") {
  const auto score =
      score::compute({finding(checks::container_selinux, Status::not_applicable, 2)});
  CHECK_FALSE(score.overall.has_value());
}
