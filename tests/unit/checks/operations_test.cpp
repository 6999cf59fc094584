#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;

namespace {

snapshot::Snapshot host_with(std::vector<std::string> container_images) {
  std::vector<snapshot::Container> containers;
  for (auto& image_id : container_images) {
    auto container = testing::container("c_default");
    container.image_id = std::move(image_id);
    containers.push_back(std::move(container));
  }
  auto snapshot = testing::snapshot_with(std::move(containers));
  snapshot.images = {std::vector{testing::image("busybox"), testing::image("built")}, ""};
  return snapshot;
}

}  // namespace

TEST_CASE("ops.image-sprawl passes when every image is used and lists the unused ones") {
  const auto busybox = testing::image("busybox").id;
  const auto built = testing::image("built").id;
  auto results = checks::ops_image_sprawl.evaluate(host_with({busybox, built, built}));
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::pass);

  results = checks::ops_image_sprawl.evaluate(host_with({busybox}));
  CHECK(results[0].status == Status::manual);
  CHECK(results[0].detail.find("1 of 2 images") != std::string::npos);
  CHECK(results[0].evidence.back().value == nlohmann::json({"local/built:1"}));
}

TEST_CASE("ops.image-sprawl is an error when images or containers could not be listed") {
  auto snapshot = host_with({});
  snapshot.containers = snapshot::Gathered<std::vector<snapshot::Container>>::failure("EACCES");
  CHECK(checks::ops_image_sprawl.evaluate(snapshot)[0].status == Status::error);
  snapshot = host_with({});
  snapshot.images = snapshot::Gathered<std::vector<snapshot::Image>>::failure("HTTP 500");
  CHECK(checks::ops_image_sprawl.evaluate(snapshot)[0].status == Status::error);
}

TEST_CASE("ops.container-sprawl reads the /info counters") {
  auto snapshot = testing::snapshot_with({});
  auto& counts = snapshot.engine.value->counts;
  CHECK(counts.containers == 0);  // info-default.json
  CHECK(checks::ops_container_sprawl.evaluate(snapshot)[0].status == Status::pass);

  counts = {12, 4, 1, 7, 30};
  const auto results = checks::ops_container_sprawl.evaluate(snapshot);
  CHECK(results[0].status == Status::manual);
  CHECK(results[0].detail.find("7 of 12") != std::string::npos);

  counts.stopped.reset();
  CHECK(checks::ops_container_sprawl.evaluate(snapshot)[0].status == Status::error);
  snapshot.engine = snapshot::Gathered<snapshot::Engine>::failure("socket missing");
  CHECK(checks::ops_container_sprawl.evaluate(snapshot)[0].status == Status::error);
}
