#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;

namespace {

const checks::Check* const kSwarmChecks[] = {
    &checks::swarm_manager_count,      &checks::swarm_listen_interface,
    &checks::swarm_overlay_encryption, &checks::swarm_secrets,
    &checks::swarm_autolock,           &checks::swarm_autolock_key_rotation,
    &checks::swarm_node_cert_rotation, &checks::swarm_ca_rotation,
    &checks::swarm_plane_separation,
};

Status status_on(const checks::Check& check, const snapshot::Snapshot& snapshot) {
  const auto results = check.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  CHECK(results[0].target.type == audit::Scope::swarm);
  return results[0].status;
}

}  // namespace

TEST_CASE("every swarm check is not applicable with swarm mode off, never pass") {
  const auto snapshot = testing::snapshot_with({});  // LocalNodeState inactive
  for (const auto* check : kSwarmChecks) {
    CAPTURE(check->id);
    CHECK(status_on(*check, snapshot) == Status::not_applicable);
  }
}

TEST_CASE("every swarm check is an error when the swarm state cannot be read") {
  auto snapshot = testing::snapshot_with({});
  snapshot.engine.value->swarm_state.clear();
  auto unreachable = testing::snapshot_with({});
  unreachable.engine = snapshot::Gathered<snapshot::Engine>::failure("socket missing");
  for (const auto* check : kSwarmChecks) {
    CAPTURE(check->id);
    CHECK(status_on(*check, snapshot) == Status::error);
    CHECK(status_on(*check, unreachable) == Status::error);
  }
}

TEST_CASE("on a worker the manager-only swarm checks are not applicable") {
  auto snapshot = testing::swarm_manager_snapshot();
  snapshot.engine.value->swarm_control_available = false;
  snapshot.swarm = {};
  for (const auto* check : kSwarmChecks) {
    CAPTURE(check->id);
    const auto expected =
        check == &checks::swarm_listen_interface ? Status::manual : Status::not_applicable;
    CHECK(status_on(*check, snapshot) == expected);
  }
}

TEST_CASE("on the captured manager: one manager, default settings") {
  const auto snapshot = testing::swarm_manager_snapshot();
  CHECK(status_on(checks::swarm_manager_count, snapshot) == Status::pass);
  CHECK(status_on(checks::swarm_autolock, snapshot) == Status::fail);
  CHECK(status_on(checks::swarm_autolock_key_rotation, snapshot) == Status::not_applicable);
  const auto overlay = checks::swarm_overlay_encryption.evaluate(snapshot);
  CHECK(overlay[0].status == Status::fail);
  CHECK(overlay[0].evidence[0].value == nlohmann::json({"plain", "ingress"}));
  const auto secrets = checks::swarm_secrets.evaluate(snapshot);
  CHECK(secrets[0].status == Status::manual);
  CHECK(secrets[0].evidence[0].value == nlohmann::json({"db_password"}));
  const auto certificates = checks::swarm_node_cert_rotation.evaluate(snapshot);
  CHECK(certificates[0].status == Status::manual);
  CHECK(certificates[0].detail.find("90 days") != std::string::npos);
  CHECK(status_on(checks::swarm_ca_rotation, snapshot) == Status::manual);
  CHECK(status_on(checks::swarm_plane_separation, snapshot) == Status::manual);
  CHECK(status_on(checks::swarm_listen_interface, snapshot) == Status::manual);
}

TEST_CASE("swarm checks judge what the manager reports") {
  auto snapshot = testing::swarm_manager_snapshot();
  snapshot.swarm.cluster.value->autolock_managers = true;
  CHECK(status_on(checks::swarm_autolock, snapshot) == Status::pass);
  CHECK(status_on(checks::swarm_autolock_key_rotation, snapshot) == Status::manual);
  snapshot.swarm.cluster.value->autolock_managers.reset();
  CHECK(status_on(checks::swarm_autolock, snapshot) == Status::error);

  auto& nodes = *snapshot.swarm.nodes.value;
  nodes.push_back(nodes.front());
  CHECK(status_on(checks::swarm_manager_count, snapshot) == Status::fail);  // two managers
  nodes.push_back(nodes.front());
  CHECK(status_on(checks::swarm_manager_count, snapshot) == Status::pass);

  for (auto& network : *snapshot.swarm.overlay_networks.value) network.encrypted = true;
  CHECK(status_on(checks::swarm_overlay_encryption, snapshot) == Status::pass);
}

TEST_CASE("a locked manager passes auto-lock and cannot be read for the rest") {
  auto snapshot = testing::swarm_manager_snapshot();
  snapshot.engine.value->swarm_state = "locked";
  snapshot.swarm = {};
  CHECK(status_on(checks::swarm_autolock, snapshot) == Status::pass);
  CHECK(status_on(checks::swarm_manager_count, snapshot) == Status::error);
}

TEST_CASE("a manager part that failed is an error with its reason") {
  auto snapshot = testing::swarm_manager_snapshot();
  snapshot.swarm.nodes = snapshot::Gathered<std::vector<snapshot::SwarmNode>>::failure("HTTP 500");
  const auto results = checks::swarm_manager_count.evaluate(snapshot);
  CHECK(results[0].status == Status::error);
  CHECK(results[0].detail.find("HTTP 500") != std::string::npos);
}
