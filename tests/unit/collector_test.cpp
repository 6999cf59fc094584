#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "src/collect/collector.hpp"
#include "src/collect/dockerd_flags.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;

TEST_CASE("every listed container is inspected, whatever its state") {
  auto fake = testing::engine_with({"c_default", "c_priv", "c_user1000"});
  collect::EngineClient client(fake);
  snapshot::Snapshot snapshot;
  collect::collect_engine(client, snapshot);
  REQUIRE(snapshot.engine.ok());
  CHECK(snapshot.engine.value->server_version == "20.10.24+dfsg1");
  CHECK(snapshot.engine.value->api_version == "1.41");
  REQUIRE(snapshot.containers.ok());
  REQUIRE(snapshot.containers.value->size() == 3);
  CHECK(snapshot.containers.value->at(1).state == "created");
  CHECK(snapshot.containers.value->at(1).privileged);
}

TEST_CASE("a container removed between list and inspect is skipped") {
  auto fake = testing::engine_with({"c_default"});
  auto list = nlohmann::json::parse(fake.get("/v1.41/containers/json?all=1").value->body);
  list.push_back({{"Id", "gone"}, {"Names", {"/gone"}}, {"State", "exited"}});
  fake.answer_json("/v1.41/containers/json?all=1", list);
  fake.answer("/v1.41/containers/gone/json", 404, R"({"message":"No such container: gone"})");
  collect::EngineClient client(fake);
  snapshot::Snapshot snapshot;
  collect::collect_engine(client, snapshot);
  REQUIRE(snapshot.containers.ok());
  CHECK(snapshot.containers.value->size() == 1);
}

TEST_CASE("a container whose inspect fails is kept with the reason") {
  auto fake = testing::engine_with({"c_default", "c_mem"});
  const auto id = testing::container("c_mem").id;
  fake.answer("/v1.41/containers/" + id + "/json", 500, R"({"message":"driver failed"})");
  collect::EngineClient client(fake);
  snapshot::Snapshot snapshot;
  collect::collect_engine(client, snapshot);
  REQUIRE(snapshot.containers.value->size() == 2);
  const auto& broken = snapshot.containers.value->at(1);
  CHECK(broken.name == "c_mem");
  CHECK(broken.inspect_error.find("HTTP 500: driver failed") != std::string::npos);
}

TEST_CASE("an unreachable engine is recorded as an error for engine and containers") {
  testing::FakeEngine fake;
  fake.fail("/_ping", "cannot reach the engine: socket /x does not exist");
  collect::EngineClient client(fake);
  snapshot::Snapshot snapshot;
  collect::collect_engine(client, snapshot);
  CHECK_FALSE(snapshot.engine.ok());
  CHECK_FALSE(snapshot.containers.ok());
  CHECK(snapshot.containers.error.find("does not exist") != std::string::npos);
}

TEST_CASE("an inspect answer without its HostConfig is an error, not a safe default") {
  auto fake = testing::engine_with({"c_priv"});
  const auto id = testing::container("c_priv").id;
  auto inspect = testing::load_json("inspect/c_priv.json");
  inspect.erase("HostConfig");
  fake.answer_json("/v1.41/containers/" + id + "/json", inspect);
  collect::EngineClient client(fake);
  snapshot::Snapshot snapshot;
  collect::collect_engine(client, snapshot);
  const auto& container = snapshot.containers.value->at(0);
  CHECK(container.inspect_error == "the inspect answer has no HostConfig object");
  CHECK_FALSE(container.privileged);
  CHECK(container.name == "c_priv");
}

TEST_CASE("list entries without a usable Id are kept as errors, never requested") {
  auto fake = testing::engine_with({});
  fake.answer_json("/v1.41/containers/json?all=1",
                   nlohmann::json::parse(R"([{"Names":["/noid"]}, {"Id": 5}, "text",
                                             {"Id": "../../info", "Names": ["/sneaky"]}])"));
  collect::EngineClient client(fake);
  snapshot::Snapshot snapshot;
  collect::collect_engine(client, snapshot);
  REQUIRE(snapshot.containers.value->size() == 4);
  for (const auto& container : *snapshot.containers.value) {
    CHECK(container.inspect_error.find("without a valid Id") != std::string::npos);
  }
  CHECK(snapshot.containers.value->at(3).name == "sneaky");
  for (const auto& request : fake.requests) CHECK(request.find("..") == std::string::npos);
}

TEST_CASE("an /info answer without SecurityOptions makes the engine an error") {
  auto fake = testing::engine_with({});
  fake.answer_json("/v1.41/info", {{"SecurityOptions", "name=userns"}});
  collect::EngineClient client(fake);
  snapshot::Snapshot snapshot;
  collect::collect_engine(client, snapshot);
  CHECK_FALSE(snapshot.engine.ok());
  CHECK(snapshot.engine.error.find("SecurityOptions") != std::string::npos);
}

TEST_CASE("the daemon.json in force is --config-file relative to dockerd's directory") {
  const auto flags = collect::parse_dockerd_flags({"--config-file", "conf/../conf/daemon.json"});
  snapshot::DockerdProcess process;
  process.pid = 42;
  process.working_directory = "/etc/docker-alt";
  const auto chosen = collect::choose_daemon_config_path(std::nullopt, &flags, &process);
  CHECK(chosen.path == "/etc/docker-alt/conf/daemon.json");
  CHECK(chosen.reason ==
        "--config-file of dockerd pid 42, relative to its working directory /etc/docker-alt");
  CHECK(collect::choose_daemon_config_path("/x.json", &flags, &process).path == "/x.json");
  CHECK(collect::choose_daemon_config_path(std::nullopt, nullptr, nullptr).path ==
        "/etc/docker/daemon.json");
}

TEST_CASE("a rootless dockerd reads its default daemon.json from the user's config directory") {
  const auto flags = collect::parse_dockerd_flags({"--host", "unix:///run/user/1000/docker.sock"});
  snapshot::DockerdProcess process;
  process.pid = 7;
  process.environment = {{"ROOTLESSKIT_STATE_DIR", "/run/user/1000/dockerd-rootless"},
                         {"HOME", "/home/alice"}};
  auto chosen = collect::choose_daemon_config_path(std::nullopt, &flags, &process);
  CHECK(chosen.path == "/home/alice/.config/docker/daemon.json");
  CHECK(chosen.reason == "rootless dockerd pid 7: $HOME/.config/docker");
  process.environment["XDG_CONFIG_HOME"] = "/srv/alice/conf";
  CHECK(collect::choose_daemon_config_path(std::nullopt, &flags, &process).path ==
        "/srv/alice/conf/docker/daemon.json");
  // Without RootlessKit even a non-root dockerd uses the system path.
  process.environment.erase("ROOTLESSKIT_STATE_DIR");
  CHECK(collect::choose_daemon_config_path(std::nullopt, &flags, &process).path ==
        "/etc/docker/daemon.json");
  // --config-file still wins.
  process.environment["ROOTLESSKIT_STATE_DIR"] = "/run/user/1000/dockerd-rootless";
  const auto explicit_flags = collect::parse_dockerd_flags({"--config-file", "/etc/d.json"});
  CHECK(collect::choose_daemon_config_path(std::nullopt, &explicit_flags, &process).path ==
        "/etc/d.json");
}

TEST_CASE("collect finds the socket's dockerd and merges its file, flags and engine") {
  auto fake = testing::engine_with({});
  collect::EngineClient client(fake);
  const auto snapshot = collect::collect(
      client, {std::nullopt, testing::fixture_path("proc-two-daemons"), "/var/run/docker.sock"});
  REQUIRE(snapshot.daemon.process.ok());
  CHECK(snapshot.daemon.process.value->pid == 200);
  CHECK(snapshot.daemon_config.path == "/etc/docker-alt/conf/daemon.json");
  CHECK(snapshot.daemon_config.state == snapshot::DaemonConfig::State::accepted);

  const auto& effective = snapshot.daemon.effective;
  CHECK(effective.flags_source == "pid 200");
  CHECK(effective.find("icc")->value == false);
  CHECK(effective.find("icc")->source == "--icc=false (pid 200)");
  CHECK(effective.find("tlsverify")->value == true);  // DOCKER_TLS_VERIFY in its environment
  // icc is in the file and a flag; live-restore true in the file, false in /info;
  // -D as a flag and Debug false in /info.
  std::vector<std::string> kinds;
  for (const auto& problem : effective.problems) kinds.push_back(to_string(problem.kind));
  CHECK(kinds == std::vector<std::string>{"flag-and-file", "engine-drift", "engine-drift"});
  CHECK(effective.find("live-restore")->origin == snapshot::Origin::engine);
  REQUIRE(snapshot.daemon.units.ok());
  CHECK_FALSE(snapshot.daemon.units.value->service);
  REQUIRE(snapshot.daemon.listeners.size() == 1);
  CHECK(snapshot.daemon.listeners.front().address == "fd://");
}

TEST_CASE("without the daemon's process, docker.service stands in only if it serves the socket") {
  auto fake = testing::engine_with({});
  collect::EngineClient client(fake);
  const auto root = testing::fixture_path("units-debian-tcp");
  const auto served = collect::collect(client, {std::nullopt, root, "/var/run/docker.sock"});
  CHECK_FALSE(served.daemon.process.ok());
  CHECK(served.daemon.flags_unknown.empty());
  CHECK(served.daemon.effective.flags_source.find("docker.service ExecStart") == 0);
  CHECK(served.daemon.effective.find("iptables")->doubt.empty());
  CHECK(checks::daemon_config_file.evaluate(served)[0].status != audit::Status::error);

  const auto other = collect::collect(client, {std::nullopt, root, "/tmp/other/docker.sock"});
  CHECK(other.daemon.flags_unknown.find("the dockerd behind /tmp/other/docker.sock could not be "
                                        "read") == 0);
  CHECK(other.daemon.flags_unknown.find("docker.service does not serve that socket") !=
        std::string::npos);
  CHECK(other.daemon.effective.flags_source.empty());
  CHECK_FALSE(other.daemon.effective.find("iptables")->doubt.empty());
  const auto containerd_reason = [](const snapshot::Snapshot& of) {
    return of.docker_host.files.containerd_socket.files.at(0).chosen_by;
  };
  CHECK(containerd_reason(other).find("a guess: the dockerd behind") != std::string::npos);
  CHECK(containerd_reason(served).find("a guess") == std::string::npos);
  // Nor are the objects those settings name: TLS files, daemon.json, the
  // socket's group, containerd and the binaries on dockerd's PATH.
  for (const auto* check :
       {&checks::daemon_iptables, &checks::daemon_config_file, &checks::daemon_config_drift,
        &checks::daemon_log_level, &checks::daemon_no_new_privileges, &checks::files_tls_key_mode,
        &checks::files_daemon_json_owner, &checks::host_audit_daemon_json,
        &checks::host_docker_group,
        &checks::files_containerd_sock_mode, &checks::host_audit_containerd_config,
        &checks::host_audit_runc}) {
    CAPTURE(check->id);
    for (const auto& result : check->evaluate(other)) CHECK(result.status == audit::Status::error);
  }
  // Only the audited socket is known to be served; 'hosts' is a guess.
  CHECK(other.daemon_sockets == std::vector<std::string>{"/tmp/other/docker.sock"});
}

TEST_CASE("what the engine reports is certain even when the daemon's files are not") {
  auto fake = testing::engine_with({});
  collect::EngineClient client(fake);
  testing::TempTree tree;
  const auto snapshot = collect::collect(client, {std::nullopt, tree.root(), "/run/docker.sock"});
  CHECK_FALSE(snapshot.daemon.flags_unknown.empty());
  CHECK(snapshot.daemon.flags_unknown.find("there is no docker.service to read instead") !=
        std::string::npos);
  const auto* live_restore = snapshot.daemon.effective.find("live-restore");
  REQUIRE(live_restore);
  CHECK(live_restore->origin == snapshot::Origin::engine);
  CHECK(live_restore->doubt.empty());
  // A guess replaced by the engine's value is no drift.
  for (const auto& problem : snapshot.daemon.effective.problems) {
    CHECK(problem.kind != snapshot::ConfigProblem::Kind::engine_drift);
  }
}
