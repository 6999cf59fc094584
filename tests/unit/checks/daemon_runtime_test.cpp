#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;

namespace {

void set(snapshot::Snapshot& snapshot, const std::string& key, nlohmann::json value) {
  snapshot.daemon.effective.settings[key] = {std::move(value), snapshot::Origin::file, "test"};
}

Status status(const checks::Check& check, const snapshot::Snapshot& snapshot) {
  const auto results = check.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  return results.front().status;
}

}  // namespace

TEST_CASE("the captured engines: default and daemon-wide-hardened /info") {
  const auto plain = testing::snapshot_with({});
  CHECK(status(checks::daemon_live_restore, plain) == Status::fail);
  CHECK(status(checks::daemon_experimental, plain) == Status::pass);
  CHECK(status(checks::daemon_remote_logging, plain) == Status::fail);
  CHECK(status(checks::daemon_authorization_plugin, plain) == Status::fail);
  CHECK(status(checks::daemon_seccomp_profile, plain) == Status::manual);
  CHECK(status(checks::daemon_storage_aufs, plain) == Status::pass);
  CHECK(status(checks::daemon_base_device_size, plain) == Status::not_applicable);

  const auto hardened = testing::snapshot_with({}, "info/info-daemonwide-defaults.json");
  CHECK(status(checks::daemon_experimental, hardened) == Status::fail);
  CHECK(status(checks::daemon_seccomp_profile, hardened) == Status::pass);

  const auto userns = testing::snapshot_with({}, "info/info-userns.json");
  CHECK(status(checks::daemon_live_restore, userns) == Status::pass);
}

TEST_CASE("log level: info passes; debug or another level fails") {
  auto snapshot = testing::snapshot_with({});
  CHECK(status(checks::daemon_log_level, snapshot) == Status::pass);
  set(snapshot, "log-level", "warn");
  CHECK(status(checks::daemon_log_level, snapshot) == Status::fail);
  set(snapshot, "log-level", "info");
  set(snapshot, "debug", true);
  CHECK(status(checks::daemon_log_level, snapshot) == Status::fail);
}

TEST_CASE(
    "storage drivers aufs and devicemapper fail; the base size matters only for the "
    "latter") {
  auto snapshot = testing::snapshot_with({});
  snapshot.engine.value->storage_driver = "devicemapper";
  CHECK(status(checks::daemon_storage_devicemapper, snapshot) == Status::fail);
  CHECK(status(checks::daemon_base_device_size, snapshot) == Status::pass);
  set(snapshot, "storage-opts", nlohmann::json::array({"dm.basesize=20G"}));
  CHECK(status(checks::daemon_base_device_size, snapshot) == Status::manual);
  snapshot.engine.value->storage_driver = "aufs";
  CHECK(status(checks::daemon_storage_aufs, snapshot) == Status::fail);
}

TEST_CASE("no-new-privileges daemon-wide: the engine's own report, else the setting") {
  auto snapshot = testing::snapshot_with({});
  CHECK(status(checks::daemon_no_new_privileges, snapshot) == Status::fail);
  set(snapshot, "no-new-privileges", true);
  CHECK(status(checks::daemon_no_new_privileges, snapshot) == Status::pass);
  auto reported = testing::snapshot_with({});
  reported.engine.value->security_options.push_back("name=no-new-privileges");
  CHECK(status(checks::daemon_no_new_privileges, reported) == Status::pass);
}

TEST_CASE("live restore is not applicable in swarm mode; unreachable engines are errors") {
  auto swarm = testing::snapshot_with({});
  swarm.engine.value->swarm_state = "active";
  CHECK(status(checks::daemon_live_restore, swarm) == Status::not_applicable);
  auto down = testing::snapshot_with({});
  down.engine = snapshot::Gathered<snapshot::Engine>::failure("socket missing");
  for (const auto* check : {&checks::daemon_live_restore, &checks::daemon_experimental,
                            &checks::daemon_remote_logging, &checks::daemon_seccomp_profile,
                            &checks::daemon_authorization_plugin, &checks::daemon_rootless}) {
    CAPTURE(check->id);
    CHECK(status(*check, down) == Status::error);
  }
}

TEST_CASE("remote logging, authorization plugins, cgroup parent and rootless") {
  auto snapshot = testing::snapshot_with({});
  snapshot.engine.value->logging_driver = "journald";
  CHECK(status(checks::daemon_remote_logging, snapshot) == Status::pass);
  snapshot.engine.value->authorization_plugins = {"opa-docker-authz"};
  CHECK(status(checks::daemon_authorization_plugin, snapshot) == Status::pass);
  CHECK(status(checks::daemon_cgroup_parent, snapshot) == Status::pass);
  set(snapshot, "cgroup-parent", "/docker-limited");
  CHECK(status(checks::daemon_cgroup_parent, snapshot) == Status::manual);
  CHECK(status(checks::daemon_rootless, snapshot) == Status::manual);
  snapshot.engine.value->security_options.push_back("name=rootless");
  CHECK(status(checks::daemon_rootless, snapshot) == Status::pass);
  CHECK(status(checks::daemon_default_ulimits, snapshot) == Status::manual);
}
