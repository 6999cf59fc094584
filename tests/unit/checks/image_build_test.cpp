#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "checks/build_steps.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;
using testing::status_of;

namespace {

snapshot::Image with_history(std::vector<std::string> lines) {
  auto image = testing::image("busybox");
  image.history.value.emplace();
  for (auto& line : lines) image.history.value->push_back({std::move(line), 0});
  return image;
}

}  // namespace

TEST_CASE("build steps are read back from legacy and BuildKit history records") {
  using checks::parse_build_step;
  auto step = parse_build_step("/bin/sh -c #(nop) ADD file:c50e in /srv/hello.txt ");
  CHECK(step.instruction == "ADD");
  CHECK(checks::add_destination(step) == "/srv/hello.txt");
  step = parse_build_step("/bin/sh -c apt-get update");
  CHECK(step.instruction == "RUN");
  CHECK(step.arguments == "apt-get update");
  step = parse_build_step("|1 VERSION=2 /bin/sh -c make install");
  CHECK(step.instruction == "RUN");
  CHECK(step.arguments == "make install");
  step = parse_build_step("RUN /bin/sh -c apk update # buildkit");
  CHECK(step.instruction == "RUN");
  CHECK(step.arguments == "apk update");
  step = parse_build_step("ADD alpine-minirootfs.tar.gz / # buildkit");
  CHECK(step.instruction == "ADD");
  CHECK(checks::add_destination(step) == "/");
  CHECK(parse_build_step("").instruction.empty());
  CHECK(parse_build_step("true").instruction.empty());  // docker commit
}

TEST_CASE("package commands skip options and their values") {
  const auto runs =
      checks::package_commands("apt-get -o Acquire::Retries=3 -y install curl && apk update");
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].manager == "apt-get");
  CHECK(runs[0].action == "install");
  CHECK(runs[1].action == "update");
}

TEST_CASE("image.add-instruction fails an ADD step and exempts the base root filesystem") {
  CHECK(status_of(checks::image_add_instruction, testing::image("built")) == Status::fail);
  CHECK(status_of(checks::image_add_instruction, testing::image("busybox")) == Status::pass);
  const auto official =
      with_history({"/bin/sh -c #(nop)  CMD [\"bash\"]", "/bin/sh -c #(nop) ADD file:b4e6 in / "});
  CHECK(status_of(checks::image_add_instruction, official) == Status::pass);
  const auto late = with_history({"/bin/sh -c #(nop) ADD file:b4e6 in / ", "/bin/sh -c true"});
  CHECK(status_of(checks::image_add_instruction, late) == Status::fail);
  const auto buildkit = with_history({"ADD app.tar.gz /srv # buildkit", "ADD rootfs.tar / "});
  const auto results = testing::results_of(checks::image_add_instruction, std::vector{buildkit});
  CHECK(results[0].status == Status::fail);
  REQUIRE(results[0].evidence.size() == 1);
  CHECK(results[0].evidence[0].path == "history[0].CreatedBy");
}

TEST_CASE("image.update-alone fails a RUN that only refreshes the index") {
  const auto results =
      testing::results_of(checks::image_update_alone, std::vector{testing::image("built")});
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::fail);
  REQUIRE(results[0].evidence.size() == 1);
  CHECK(results[0].evidence[0].value == "/bin/sh -c echo apt-get update");
  CHECK(status_of(checks::image_update_alone, testing::image("hardened")) == Status::pass);
  for (const char* good : {"RUN /bin/sh -c apk update && apk add curl # buildkit",
                           "/bin/sh -c yum update -y", "/bin/sh -c apk add --no-cache curl",
                           "/bin/sh -c apt-get update; apt-get -y dist-upgrade"}) {
    CAPTURE(good);
    CHECK(status_of(checks::image_update_alone, with_history({good})) == Status::pass);
  }
  for (const char* bad : {"RUN /bin/sh -c apk update # buildkit", "/bin/sh -c dnf makecache",
                          "/bin/sh -c apt update && echo done"}) {
    CAPTURE(bad);
    CHECK(status_of(checks::image_update_alone, with_history({bad})) == Status::fail);
  }
}

TEST_CASE("history checks are an error when the history could not be read") {
  auto image = testing::image("built");
  image.history = snapshot::Gathered<std::vector<snapshot::HistoryStep>>::failure("HTTP 500");
  CHECK(status_of(checks::image_add_instruction, image) == Status::error);
  CHECK(status_of(checks::image_update_alone, image) == Status::error);
}
