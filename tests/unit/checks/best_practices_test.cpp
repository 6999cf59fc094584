#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;

namespace {

snapshot::Snapshot engine_with_options(std::vector<std::string> options) {
  auto snapshot = testing::snapshot_with({});
  snapshot.engine.value->security_options = std::move(options);
  return snapshot;
}

}  // namespace

TEST_CASE("host.mac-enabled passes when the engine reports AppArmor or SELinux") {
  for (const char* option : {"name=apparmor", "name=selinux"}) {
    CAPTURE(option);
    const auto results =
        checks::host_mac_enabled.evaluate(engine_with_options({"name=seccomp", option}));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == Status::pass);
  }
  const auto both = checks::host_mac_enabled.evaluate(
      engine_with_options({"name=apparmor", "name=selinux"}));
  CHECK(both[0].detail == "the engine confines containers with AppArmor and SELinux");
}

TEST_CASE("host.mac-enabled fails without either, and names SELinux left unused by dockerd") {
  auto snapshot = engine_with_options({"name=seccomp,profile=builtin"});
  auto results = checks::host_mac_enabled.evaluate(snapshot);
  CHECK(results[0].status == Status::fail);
  CHECK(results[0].detail == "the engine confines containers with neither AppArmor nor SELinux");
  snapshot.host.selinux_enabled = {true, ""};
  results = checks::host_mac_enabled.evaluate(snapshot);
  CHECK(results[0].status == Status::fail);
  CHECK(results[0].detail.find("selinux-enabled") != std::string::npos);
  snapshot.engine = snapshot::Gathered<snapshot::Engine>::failure("permission denied");
  CHECK(checks::host_mac_enabled.evaluate(snapshot)[0].status == Status::error);
}

TEST_CASE("ops.backups is manual and lists the writable volumes and bind mounts") {
  auto snapshot = testing::snapshot_with(
      {testing::container("c_namedvol"), testing::container("c_vetc"),
       testing::container("c_default")});
  const auto results = checks::ops_backups.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::manual);
  CHECK(checks::ops_backups.manual);
  const auto& evidence = results[0].evidence;
  REQUIRE(evidence.size() == 4);
  CHECK(evidence[2].path == "writable volumes in use (host paths)");
  CHECK(evidence[2].value.size() == 1);
  CHECK(evidence[2].value[0] == "/var/lib/docker/volumes/myvol/_data");
  // c_vetc mounts /etc read-only: nothing a container keeps is there.
  CHECK(evidence[3].value.empty());
  snapshot.engine = snapshot::Gathered<snapshot::Engine>::failure("timeout");
  CHECK(checks::ops_backups.evaluate(snapshot)[0].status == Status::error);
}

TEST_CASE("ops.incident-response is manual with the logging driver as evidence") {
  auto snapshot = testing::snapshot_with({});
  const auto results = checks::ops_incident_response.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::manual);
  CHECK(results[0].evidence[0].path == "/info LoggingDriver");
  CHECK(results[0].detail.find("json-file") != std::string::npos);
}
