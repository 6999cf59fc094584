#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;

TEST_CASE("manual image checks give every image a manual result with its identity") {
  for (const auto* check :
       {&checks::image_trusted_base, &checks::image_minimal_packages, &checks::image_rebuilt,
        &checks::image_setuid, &checks::image_verified_packages, &checks::image_signed_artifacts}) {
    CAPTURE(check->id);
    CHECK(check->manual);
    const auto results = testing::results_of(
        *check, std::vector{testing::image("busybox"), testing::image("built")});
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == Status::manual);
    CHECK(results[1].evidence.at(0).path == "RepoTags");
    CHECK(results[1].evidence.at(0).value == nlohmann::json({"local/built:1"}));
  }
}

TEST_CASE("image.rebuilt shows the build date and image.trusted-base the missing digest") {
  const auto image = testing::image("busybox");
  const auto rebuilt = testing::results_of(checks::image_rebuilt, std::vector{image});
  CHECK(rebuilt[0].detail.find(image.created) != std::string::npos);
  const auto base = testing::results_of(checks::image_trusted_base, std::vector{image});
  CHECK(base[0].detail.find("no registry digest") != std::string::npos);
}

TEST_CASE("image.content-trust is manual and shows dockaudit's own DOCKER_CONTENT_TRUST") {
  auto snapshot = testing::snapshot_with({});
  auto results = checks::image_content_trust.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::manual);
  CHECK(results[0].evidence[0].value.is_null());
  CHECK(results[0].detail.find("unset") != std::string::npos);

  snapshot.client.docker_content_trust = "1";
  results = checks::image_content_trust.evaluate(snapshot);
  CHECK(results[0].status == Status::manual);
  CHECK(results[0].evidence[0].value == "1");
  CHECK(results[0].detail.find("turns content trust on") != std::string::npos);

  snapshot.client.docker_content_trust = "false";
  results = checks::image_content_trust.evaluate(snapshot);
  CHECK(results[0].detail.find("turns content trust off") != std::string::npos);
}
