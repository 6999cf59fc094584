#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "src/collect/docker_host.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;
using audit::Status;

namespace {

// / on 8:1; /var/lib/docker on 8:1 as well (dockerd's self bind mount);
// /srv/docker on its own device 253:2.
constexpr const char* kMountinfo =
    "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "40 22 0:5 / /dev rw,nosuid shared:2 - devtmpfs udev rw\n"
    "51 22 8:1 /var/lib/docker /var/lib/docker rw,relatime - ext4 /dev/sda1 rw\n"
    "60 22 253:2 / /srv/docker rw,relatime shared:30 - xfs /dev/mapper/vg-docker rw\n"
    "61 22 253:3 / /srv/with\\040space rw,relatime - xfs /dev/mapper/vg-space rw\n";

Status partition_status(const std::string& docker_root_dir, bool remapped = false) {
  testing::TempTree tree;
  tree.file("/proc/self/mountinfo", kMountinfo);
  auto snapshot = testing::snapshot_with({});
  snapshot.engine.value->docker_root_dir = docker_root_dir;
  if (remapped) snapshot.engine.value->security_options.push_back("name=userns");
  snapshot.docker_host.data_root_filesystem = collect::read_data_root_filesystem(
      tree.root(), collect::data_root_of(*snapshot.engine.value));
  return checks::host_data_root_partition.evaluate(snapshot)[0].status;
}

}  // namespace

TEST_CASE("the data root passes only on a device other than the root's") {
  CHECK(partition_status("/srv/docker") == Status::pass);
  CHECK(partition_status("/srv/docker/100000.100000", true) == Status::pass);
  CHECK(partition_status("/srv/with space/docker") == Status::pass);
  // A self bind mount is a mount point, but on the root's device.
  CHECK(partition_status("/var/lib/docker") == Status::fail);
  CHECK(partition_status("/srv/dockerish") == Status::fail);
}

TEST_CASE("the userns-remap leaf is stripped only when the engine remaps") {
  snapshot::Engine engine;
  engine.docker_root_dir = "/var/lib/docker/100000.100000";
  CHECK(collect::data_root_of(engine) == "/var/lib/docker/100000.100000");
  engine.security_options = {"name=userns"};
  CHECK(collect::data_root_of(engine) == "/var/lib/docker");
}

TEST_CASE("the data root check is an error without mountinfo or an engine") {
  auto snapshot = testing::snapshot_with({});
  snapshot.docker_host.data_root_filesystem =
      collect::read_data_root_filesystem("/nonexistent-root", "/var/lib/docker");
  CHECK(checks::host_data_root_partition.evaluate(snapshot)[0].status == Status::error);
}

TEST_CASE("the docker group lists /etc/group members and users with it as primary group") {
  testing::TempTree tree;
  tree.file("/etc/group", "root:x:0:\ndocker:x:998:alice,bob\nstaff:x:50:carol\n");
  tree.file("/etc/passwd",
            "root:x:0:0::/root:/bin/sh\nci:x:1001:998::/home/ci:/bin/sh\ncarol:x:1002:50::/:\n");
  snapshot::Daemon daemon;
  daemon.units = {snapshot::SystemdUnits{}, ""};
  const auto group = collect::read_docker_group(tree.root(), daemon);
  REQUIRE(group.ok());
  CHECK(group.value->gid == 998u);
  CHECK(group.value->members == std::vector<std::string>{"alice (/etc/group)", "bob (/etc/group)",
                                                         "ci (primary group in /etc/passwd)"});

  auto snapshot = testing::snapshot_with({});
  snapshot.docker_host.docker_group = group;
  const auto results = checks::host_docker_group.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::manual);
  CHECK(results[0].detail.find("alice") != std::string::npos);
  CHECK(results[0].detail.find("trusted_users") != std::string::npos);

  snapshot.docker_host.docker_group = collect::read_docker_group(tree.root() / "missing", daemon);
  CHECK(checks::host_docker_group.evaluate(snapshot)[0].status == Status::error);
}

TEST_CASE("1.2.1 and 1.2.2 are manual with the engine's own words as evidence") {
  auto snapshot = testing::snapshot_with({});
  const auto hardened = checks::host_os_hardened.evaluate(snapshot);
  CHECK(hardened[0].status == Status::manual);
  CHECK(hardened[0].evidence[1].path == "/info KernelVersion");
  CHECK_FALSE(hardened[0].evidence[1].value.get<std::string>().empty());
  CHECK(checks::host_engine_current.evaluate(snapshot)[0].status == Status::manual);
  snapshot.engine = snapshot::Gathered<snapshot::Engine>::failure("connection refused");
  CHECK(checks::host_engine_current.evaluate(snapshot)[0].status == Status::error);
}

TEST_CASE("the docker group is judged against trusted_users when a profile gives it") {
  testing::TempTree tree;
  tree.file("/etc/group", "docker:x:998:alice,bob\n");
  tree.file("/etc/passwd", "ci:x:1001:998::/home/ci:/bin/sh\n");
  snapshot::Daemon daemon;
  daemon.units = {snapshot::SystemdUnits{}, ""};
  auto snapshot = testing::snapshot_with({});
  snapshot.docker_host.docker_group = collect::read_docker_group(tree.root(), daemon);
  const auto with = [&](nlohmann::json trusted) {
    const auto parameters = checks::resolve_parameters(checks::host_docker_group.parameters,
                                                       {{"trusted_users", trusted}});
    return checks::run(checks::host_docker_group, snapshot, parameters).at(0);
  };
  const auto all_trusted = with({"alice", "bob", "ci"});
  CHECK(all_trusted.status == Status::pass);
  const auto untrusted = with({"alice"});
  CHECK(untrusted.status == Status::fail);
  CHECK(untrusted.detail == "group docker has members not in trusted_users: bob, ci");
  CHECK(with(nlohmann::json::array()).status == Status::fail);
  CHECK(with(nullptr).status == Status::manual);
}

TEST_CASE("1.2.2 judges the engine's build date against max_age_days") {
  auto snapshot = testing::snapshot_with({});
  snapshot.engine.value->build_time = "2026-01-10T08:00:00.000000000+00:00";
  snapshot.collected_at = 1796342400;  // 2026-12-04T00:00:00Z
  const auto judged = [&](std::int64_t days) {
    const auto parameters = checks::resolve_parameters(checks::host_engine_current.parameters,
                                                       {{"max_age_days", days}});
    return checks::run(checks::host_engine_current, snapshot, parameters).at(0);
  };
  CHECK(judged(365).status == Status::pass);
  const auto old = judged(180);
  CHECK(old.status == Status::fail);
  CHECK(old.detail.find("was built 328 days before the audit (180 allowed)") != std::string::npos);
  CHECK(checks::host_engine_current.evaluate(snapshot)[0].status == Status::pass);
  snapshot.engine.value->build_time = "Fri Jan 10 2026";
  CHECK(judged(365).status == Status::manual);
}
