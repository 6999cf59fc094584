#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;
using testing::status_of;

TEST_CASE("image.user fails an image without USER and passes USER 1000") {
  CHECK(status_of(checks::image_user, testing::image("busybox")) == Status::fail);
  CHECK(status_of(checks::image_user, testing::image("hardened")) == Status::pass);
  auto root = testing::image("hardened");
  for (const char* user : {"0", "root", "0:1000", "root:staff"}) {
    CAPTURE(user);
    root.user = user;
    CHECK(status_of(checks::image_user, root) == Status::fail);
  }
}

TEST_CASE("image.healthcheck needs a test other than NONE") {
  CHECK(status_of(checks::image_healthcheck, testing::image("hardened")) == Status::pass);
  CHECK(status_of(checks::image_healthcheck, testing::image("busybox")) == Status::fail);
  const auto disabled =
      testing::results_of(checks::image_healthcheck, std::vector{testing::image("built")});
  REQUIRE(disabled.size() == 1);
  CHECK(disabled[0].status == Status::fail);
  CHECK(disabled[0].detail.find("NONE") != std::string::npos);
}

TEST_CASE("image checks name the image by its tag and report an uninspectable one as error") {
  auto broken = testing::image("busybox");
  broken.inspect_error = "GET /v1.41/images/x/json answered HTTP 500: layer missing";
  const auto results =
      testing::results_of(checks::image_user, std::vector{testing::image("hardened"), broken});
  REQUIRE(results.size() == 2);
  CHECK(results[0].target.type == audit::Scope::image);
  CHECK(results[0].target.name == "local/hardened:1");
  CHECK(results[1].status == Status::error);
  CHECK(results[1].detail.find("layer missing") != std::string::npos);
}

TEST_CASE("image checks are one error when the images could not be listed") {
  auto snapshot = testing::snapshot_with_images({});
  snapshot.images = snapshot::Gathered<std::vector<snapshot::Image>>::failure("HTTP 500: boom");
  const auto results = checks::image_healthcheck.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::error);
  CHECK(results[0].detail.find("boom") != std::string::npos);
}
