#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;

namespace {

void set(snapshot::Snapshot& snapshot, const std::string& key, nlohmann::json value,
         snapshot::Origin origin = snapshot::Origin::file) {
  snapshot.daemon.effective.settings[key] = {std::move(value), origin, "test"};
}

Status status(const checks::Check& check, const snapshot::Snapshot& snapshot) {
  const auto results = check.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  return results.front().status;
}

snapshot::Snapshot listening_on_tcp() {
  auto snapshot = testing::snapshot_with({});
  snapshot.daemon.listeners.push_back({"tcp://0.0.0.0:2376", "hosts in daemon.json"});
  set(snapshot, "tls", false, snapshot::Origin::built_in_default);
  set(snapshot, "tlsverify", false, snapshot::Origin::built_in_default);
  return snapshot;
}

}  // namespace

TEST_CASE("TCP listeners need TLS with client verification; none is not applicable") {
  auto snapshot = testing::snapshot_with({});
  snapshot.daemon.listeners.push_back({"unix:///run/docker.sock", "default"});
  CHECK(status(checks::daemon_tcp_tls, snapshot) == Status::not_applicable);

  auto plain = listening_on_tcp();
  CHECK(status(checks::daemon_tcp_tls, plain) == Status::fail);

  auto verified = listening_on_tcp();
  set(verified, "tlsverify", true);
  CHECK(status(checks::daemon_tcp_tls, verified) == Status::pass);

  // tls alone still verifies clients, unless tlsverify is explicitly false.
  auto tls_only = listening_on_tcp();
  set(tls_only, "tls", true);
  CHECK(status(checks::daemon_tcp_tls, tls_only) == Status::pass);
  set(tls_only, "tlsverify", false, snapshot::Origin::flag);
  CHECK(status(checks::daemon_tcp_tls, tls_only) == Status::fail);
}

TEST_CASE("icc: the bridge network's own option wins; no bridge is not applicable") {
  auto snapshot = testing::snapshot_with({});
  set(snapshot, "icc", true, snapshot::Origin::built_in_default);
  CHECK(status(checks::daemon_icc, snapshot) == Status::not_applicable);
  snapshot.default_bridge = {snapshot::Snapshot::DefaultBridge{false}, ""};
  CHECK(status(checks::daemon_icc, snapshot) == Status::pass);
  snapshot.default_bridge = {snapshot::Snapshot::DefaultBridge{true}, ""};
  CHECK(status(checks::daemon_icc, snapshot) == Status::fail);
  snapshot.default_bridge = {snapshot::Snapshot::DefaultBridge{std::nullopt}, ""};
  CHECK(status(checks::daemon_icc, snapshot) == Status::fail);
  snapshot.default_bridge = snapshot::Gathered<snapshot::Snapshot::DefaultBridge>::failure("500");
  CHECK(status(checks::daemon_icc, snapshot) == Status::error);
}

TEST_CASE("iptables and the userland proxy follow the effective settings") {
  auto snapshot = testing::snapshot_with({});
  snapshot.daemon.effective.settings.erase("iptables");
  CHECK(status(checks::daemon_iptables, snapshot) == Status::error);
  set(snapshot, "iptables", true, snapshot::Origin::built_in_default);
  CHECK(status(checks::daemon_iptables, snapshot) == Status::pass);
  set(snapshot, "iptables", false);
  CHECK(status(checks::daemon_iptables, snapshot) == Status::fail);

  set(snapshot, "userland-proxy", true, snapshot::Origin::built_in_default);
  CHECK(status(checks::daemon_userland_proxy, snapshot) == Status::fail);
  set(snapshot, "userland-proxy", false, snapshot::Origin::flag);
  CHECK(status(checks::daemon_userland_proxy, snapshot) == Status::pass);
}

TEST_CASE("insecure registries: loopback is implicit, anything else fails") {
  auto snapshot = testing::snapshot_with({});
  snapshot.engine.value->insecure_registry_cidrs = {"127.0.0.0/8"};
  CHECK(status(checks::daemon_insecure_registries, snapshot) == Status::pass);
  snapshot.engine.value->insecure_registries = {"registry.example:5000"};
  CHECK(status(checks::daemon_insecure_registries, snapshot) == Status::fail);
}

TEST_CASE("the captured /info of a default engine has only the implicit insecure range") {
  const auto snapshot = testing::snapshot_with({});
  CHECK(snapshot.engine.value->insecure_registry_cidrs == std::vector<std::string>{"127.0.0.0/8"});
  CHECK(status(checks::daemon_insecure_registries, snapshot) == Status::pass);
}

TEST_CASE("a value dockaudit could only guess decides nothing: the check is an error") {
  auto snapshot = testing::snapshot_with({});
  const std::string doubt = "the dockerd behind /run/docker.sock could not be read (denied)";
  for (const char* key : {"iptables", "userland-proxy", "log-level", "cgroup-parent", "hosts"}) {
    snapshot.daemon.effective.settings[key].doubt = doubt;
  }
  for (const auto* check : {&checks::daemon_iptables, &checks::daemon_userland_proxy,
                            &checks::daemon_log_level, &checks::daemon_cgroup_parent,
                            &checks::daemon_tcp_tls}) {
    CAPTURE(check->id);
    const auto result = check->evaluate(snapshot).at(0);
    CHECK(result.status == Status::error);
    CHECK(result.detail.find(doubt) != std::string::npos);
  }
  const auto evidence = checks::daemon_iptables.evaluate(snapshot).at(0).evidence.at(0);
  CHECK(evidence.path.starts_with("effective iptables (unconfirmed default: "));
}
