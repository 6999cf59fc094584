#include <doctest/doctest.h>

#include <set>

#include "checks/all_checks.hpp"
#include "src/collect/daemon_config.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;

namespace {

using testing::status_of;

Status status_of_user(const std::string& user) {
  auto container = testing::container("c_default");
  container.user = user;
  const auto results = testing::results_of(checks::container_user, {container});
  REQUIRE(results.size() == 1);
  CHECK(results.front().evidence.front().path == "Config.User");
  CHECK(results.front().evidence.front().value == user);
  return results.front().status;
}

}  // namespace

TEST_CASE("container.user fails every root spelling and passes other users") {
  CHECK(status_of(checks::container_user, "c_default") == Status::fail);
  CHECK(status_of(checks::container_user, "c_user1000") == Status::pass);
  CHECK(status_of(checks::container_user, "c_nobody") == Status::pass);
  for (const char* root : {"", "0", "root", "0:0", "root:root", "0:1000", "root:staff"}) {
    CAPTURE(root);
    CHECK(status_of_user(root) == Status::fail);
  }
  CHECK(status_of_user("1000:0") == Status::pass);
}

TEST_CASE("container.memory-limit needs a positive Memory") {
  CHECK(status_of(checks::container_memory_limit, "c_default") == Status::fail);
  CHECK(status_of(checks::container_memory_limit, "c_mem") == Status::pass);
}

TEST_CASE("container.cpu-limit counts NanoCpus, CpuQuota and CpusetCpus, not shares") {
  CHECK(status_of(checks::container_cpu_limit, "c_default") == Status::fail);
  CHECK(status_of(checks::container_cpu_limit, "c_cpus") == Status::pass);
  CHECK(status_of(checks::container_cpu_limit, "c_shares") == Status::fail);
  auto quota = testing::container("c_default");
  quota.cpu_quota = 50000;
  auto pinned = testing::container("c_default");
  pinned.cpuset_cpus = "0";
  const auto results =
      checks::container_cpu_limit.evaluate(testing::snapshot_with({quota, pinned}));
  CHECK(results[0].status == Status::pass);
  CHECK(results[1].status == Status::pass);
}

TEST_CASE("container.pids-limit treats null, 0 and negative as unlimited") {
  CHECK(status_of(checks::container_pids_limit, "c_pids") == Status::pass);
  CHECK(status_of(checks::container_pids_limit, "c_default") == Status::fail);
  CHECK(status_of(checks::container_pids_limit, "c_pidsm1") == Status::fail);
  CHECK(status_of(checks::container_pids_limit, "c_pids0") == Status::fail);
  auto updated = testing::container("c_default");
  for (std::int64_t stored : {0, -1}) {
    updated.pids_limit = stored;
    CHECK(checks::container_pids_limit.evaluate(testing::snapshot_with({updated}))[0].status ==
          Status::fail);
  }
}

TEST_CASE("container.privileged fails privileged containers, even when only created") {
  CHECK(status_of(checks::container_privileged, "c_priv") == Status::fail);
  CHECK(status_of(checks::container_privileged, "c_default") == Status::pass);
}

TEST_CASE("container.apparmor is not applicable without AppArmor on the host") {
  CHECK(status_of(checks::container_apparmor, "c_aaunc") == Status::not_applicable);
}

TEST_CASE("container.apparmor fails unconfined containers on an AppArmor host") {
  auto snapshot =
      testing::snapshot_with({testing::container("c_aaunc"), testing::container("c_priv"),
                              testing::container("c_default")});
  snapshot.host.apparmor_enabled = {true, ""};
  auto& containers = *snapshot.containers.value;
  containers[1].apparmor_profile = "unconfined";
  containers[2].apparmor_profile = "docker-default";
  const auto results = checks::container_apparmor.evaluate(snapshot);
  CHECK(results[0].status == Status::fail);
  CHECK(results[1].status == Status::fail);
  CHECK(results[2].status == Status::pass);
}

TEST_CASE("container.selinux is not applicable without SELinux, and fails label=disable") {
  CHECK(status_of(checks::container_selinux, "c_labeldis") == Status::not_applicable);
  auto snapshot =
      testing::snapshot_with({testing::container("c_labeldis"), testing::container("c_pidhost"),
                              testing::container("c_default"), testing::container("c_default")});
  snapshot.host.selinux_enabled = {true, ""};
  (*snapshot.containers.value)[2].process_label = "system_u:system_r:container_t:s0:c1,c2";
  const auto results = checks::container_selinux.evaluate(snapshot);
  CHECK(results[0].status == Status::fail);
  CHECK(results[1].status == Status::fail);  // label=disable added by the daemon
  CHECK(results[2].status == Status::pass);
  CHECK(results[3].status == Status::fail);  // unlabelled: daemon without selinux-enabled
}

TEST_CASE("container checks are errors when containers cannot be listed or inspected") {
  auto snapshot = testing::snapshot_with({testing::container("c_default")});
  (*snapshot.containers.value)[0].inspect_error = "HTTP 500";
  CHECK(checks::container_user.evaluate(snapshot)[0].status == Status::error);
  snapshot.containers = snapshot::Gathered<std::vector<snapshot::Container>>::failure("gone");
  const auto results = checks::container_memory_limit.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::error);
}

TEST_CASE("daemon.userns-remap follows the running engine") {
  auto off = testing::snapshot_with({});
  CHECK(checks::daemon_userns_remap.evaluate(off)[0].status == Status::fail);
  auto on = testing::snapshot_with({}, "info/info-userns.json");
  CHECK(checks::daemon_userns_remap.evaluate(on)[0].status == Status::pass);
}

TEST_CASE("daemon.userns-remap reports a file setting the engine does not use") {
  auto snapshot = testing::snapshot_with({});
  snapshot.daemon_config =
      collect::parse_daemon_config("/etc/docker/daemon.json", R"({"userns-remap":"default"})");
  const auto result = checks::daemon_userns_remap.evaluate(snapshot)[0];
  CHECK(result.status == Status::fail);
  CHECK(result.detail.find("has not been restarted") != std::string::npos);
  CHECK(result.evidence[0].value == "default");
}

TEST_CASE("daemon.userns-remap is an error, never a pass, when the engine is unreachable") {
  auto snapshot = testing::snapshot_with({});
  snapshot.daemon_config =
      collect::parse_daemon_config("/etc/docker/daemon.json", R"({"userns-remap":"default"})");
  snapshot.engine = snapshot::Gathered<snapshot::Engine>::failure("socket missing");
  CHECK(checks::daemon_userns_remap.evaluate(snapshot)[0].status == Status::error);
}

TEST_CASE("daemon.config-file fails a file dockerd rejects and names the place") {
  auto snapshot = testing::snapshot_with({});
  snapshot.daemon_config =
      collect::parse_daemon_config("/etc/docker/daemon.json", "{\n  \"icc\": false,\n}");
  const auto result = checks::daemon_config_file.evaluate(snapshot)[0];
  CHECK(result.status == Status::fail);
  CHECK(result.detail.starts_with("/etc/docker/daemon.json:3:1:"));
  snapshot.daemon_config = collect::read_daemon_config("/nonexistent/daemon.json");
  CHECK(checks::daemon_config_file.evaluate(snapshot)[0].status == Status::pass);
}

TEST_CASE("every registered check has its description and a unique id") {
  std::set<std::string_view> ids;
  for (const auto* check : checks::registry()) {
    CAPTURE(check->id);
    CHECK(ids.insert(check->id).second);
    CHECK_FALSE(check->title.empty());
    CHECK_FALSE(check->rationale.empty());
    CHECK_FALSE(check->remediation.empty());
    CHECK_FALSE(check->reads.empty());
    CHECK((check->level == 1 || check->level == 2));
    CHECK(checks::find_check(check->id) == check);
    CHECK(static_cast<bool>(check->evaluate));
    CHECK(check->parameters.empty() == !check->evaluate_with);
    for (const auto& parameter : check->parameters) {
      CAPTURE(parameter.name);
      const auto value = nlohmann::json::parse(parameter.default_value);
      CHECK(checks::matches_type(value, parameter.type));
      CHECK_FALSE(parameter.description.empty());
    }
  }
}

TEST_CASE(
    "daemon.config-file fails a file that conflicts with dockerd's flags or has unknown keys") {
  auto snapshot = testing::snapshot_with({});
  snapshot.daemon_config = collect::parse_daemon_config("/etc/docker/daemon.json", "{}");
  CHECK(checks::daemon_config_file.evaluate(snapshot)[0].status == Status::pass);
  snapshot.daemon.effective.problems.push_back(
      {snapshot::ConfigProblem::Kind::flag_and_file, "debug", "debug is both a flag and a key"});
  const auto result = checks::daemon_config_file.evaluate(snapshot)[0];
  CHECK(result.status == Status::fail);
  CHECK(result.detail.find("debug is both a flag and a key") != std::string::npos);
}

TEST_CASE("daemon.config-drift reports where the engine differs from its files") {
  auto snapshot = testing::snapshot_with({});
  CHECK(checks::daemon_config_drift.evaluate(snapshot)[0].status == Status::pass);
  snapshot.daemon.effective.problems.push_back(
      {snapshot::ConfigProblem::Kind::engine_drift, "live-restore", "file true, engine false"});
  CHECK(checks::daemon_config_drift.evaluate(snapshot)[0].status == Status::fail);
  snapshot.engine = snapshot::Gathered<snapshot::Engine>::failure("down");
  CHECK(checks::daemon_config_drift.evaluate(snapshot)[0].status == Status::error);
}
