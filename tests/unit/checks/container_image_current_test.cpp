#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;

namespace {

// A container created from `reference`, and the local busybox image tagged
// local/busybox:1 with the given id.
audit::Result judged(const std::string& reference, const std::string& tagged_id) {
  auto container = testing::container("c_default");
  container.image = reference;
  auto image = testing::image("busybox");
  image.id = tagged_id;
  auto snapshot = testing::snapshot_with({container});
  snapshot.images = {std::vector{image}, ""};
  const auto results = checks::container_image_current.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  return results.front();
}

}  // namespace

TEST_CASE("familiar_reference spells references as docker images lists them") {
  using snapshot::familiar_reference;
  CHECK(familiar_reference("nginx") == "nginx:latest");
  CHECK(familiar_reference("docker.io/library/nginx:1.27") == "nginx:1.27");
  CHECK(familiar_reference("index.docker.io/library/nginx") == "nginx:latest");
  CHECK(familiar_reference("docker.io/acme/app:2") == "acme/app:2");
  CHECK(familiar_reference("registry.local:5000/app") == "registry.local:5000/app:latest");
  CHECK(familiar_reference("registry.local:5000/team/app:3") == "registry.local:5000/team/app:3");
  CHECK(familiar_reference("docker.io/library/team/app:1") == "library/team/app:1");
  CHECK(familiar_reference("nginx@sha256:abc") == "nginx@sha256:abc");
  CHECK(familiar_reference("docker.io/library/nginx:1@sha256:abc") == "nginx:1@sha256:abc");
}

TEST_CASE("container.image-current passes when the tag still names the container's image") {
  const auto own = testing::container("c_default").image_id;
  const auto result = judged("local/busybox:1", own);
  CHECK(result.status == Status::pass);
  CHECK(result.evidence[2].value == own);
  CHECK(judged("docker.io/local/busybox:1", own).status == Status::pass);
}

TEST_CASE("container.image-current fails when the tag has moved to a newer image") {
  const auto result = judged("local/busybox:1", "sha256:" + std::string(64, 'e'));
  CHECK(result.status == Status::fail);
  CHECK(result.detail.find("now names image sha256:eeee") != std::string::npos);
  CHECK(result.detail.find("recreate it") != std::string::npos);
  CHECK(result.evidence[0].value == "local/busybox:1");
}

TEST_CASE("container.image-current passes image ids and digests, and is manual for lost tags") {
  const auto own = testing::container("c_default").image_id;
  const auto moved = "sha256:" + std::string(64, 'e');
  CHECK(judged(own, moved).status == Status::pass);
  CHECK(judged(own.substr(7, 12), moved).status == Status::pass);
  CHECK(judged("local/busybox@sha256:" + std::string(64, 'a'), moved).status == Status::pass);
  // A short hex name that is not a prefix of the image id is a repository name.
  CHECK(judged("abcdefabcdef", moved).status == Status::manual);
  const auto lost = judged("local/busybox:2", moved);
  CHECK(lost.status == Status::manual);
  CHECK(lost.detail.find("no local image is tagged local/busybox:2") != std::string::npos);
}

TEST_CASE("container.image-current is an error for every container when images are unknown") {
  auto snapshot = testing::snapshot_with({testing::container("c_default")});
  snapshot.images = snapshot::Gathered<std::vector<snapshot::Image>>::failure("HTTP 500");
  const auto results = checks::container_image_current.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::error);
  CHECK(results[0].detail == "images could not be listed: HTTP 500");
  CHECK(results[0].target.name == testing::container("c_default").name);
}
