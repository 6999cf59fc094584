#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "src/collect/docker_host.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;
using audit::Status;

namespace {

constexpr gid_t kDockerGid = 998;
constexpr uid_t kUserUid = 1000;

void set(snapshot::Snapshot& snapshot, const std::string& key, nlohmann::json value) {
  snapshot.daemon.effective.settings[key] = {std::move(value), snapshot::Origin::file,
                                             "/etc/docker/daemon.json"};
}

// A Debian-like host: units, /etc/docker, a socket-activated dockerd serving
// /run/docker.sock, the system containerd; everything as it should be.
void debian_host(const testing::TempTree& tree) {
  tree.file("/lib/systemd/system/docker.service", "[Service]\n");
  tree.file("/lib/systemd/system/docker.socket", "[Socket]\n");
  tree.directory("/etc/docker");
  tree.file("/etc/docker/daemon.json", "{}\n");
  tree.file("/etc/default/docker", "DOCKER_OPTS=\n");
  tree.file("/etc/group", "root:x:0:\ndocker:x:998:alice\n");
  tree.file("/etc/passwd", "root:x:0:0::/root:/bin/sh\n");
  tree.socket("/run/docker.sock", 0660, 0, kDockerGid);
  tree.socket("/run/containerd/containerd.sock", 0660);
}

snapshot::Snapshot collected(const testing::TempTree& tree,
                             void (*adjust)(snapshot::Snapshot&) = nullptr) {
  auto snapshot = testing::snapshot_with({});
  snapshot::SystemdUnits units;
  units.service = snapshot::SystemdUnit{.name = "docker.service",
                                        .fragment_path = "/lib/systemd/system/docker.service"};
  units.socket = snapshot::SystemdUnit{.name = "docker.socket",
                                       .fragment_path = "/lib/systemd/system/docker.socket"};
  snapshot.daemon.units = {units, ""};
  snapshot.daemon_config.path = "/etc/docker/daemon.json";
  snapshot.daemon_sockets = {"/run/docker.sock"};
  set(snapshot, "group", "docker");
  set(snapshot, "hosts", nlohmann::json::array({"unix:///run/docker.sock"}));
  set(snapshot, "tls", false);
  set(snapshot, "tlsverify", false);
  if (adjust) adjust(snapshot);
  collect::collect_docker_host({tree.root(), true, false}, snapshot);
  return snapshot;
}

Status only_status(const checks::Check& check, const snapshot::Snapshot& snapshot) {
  const auto results = check.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  return results.front().status;
}

}  // namespace

TEST_CASE("a host as Debian installs it passes the owner and mode checks it has objects for") {
  testing::TempTree tree;
  debian_host(tree);
  const auto snapshot = collected(tree);
  for (const auto* check :
       {&checks::files_docker_service_owner, &checks::files_docker_service_mode,
        &checks::files_docker_socket_owner, &checks::files_docker_socket_mode,
        &checks::files_etc_docker_owner, &checks::files_etc_docker_mode,
        &checks::files_docker_sock_owner, &checks::files_docker_sock_mode,
        &checks::files_daemon_json_owner, &checks::files_daemon_json_mode,
        &checks::files_etc_default_docker_owner, &checks::files_etc_default_docker_mode,
        &checks::files_containerd_sock_owner, &checks::files_containerd_sock_mode}) {
    CAPTURE(check->id);
    CHECK(only_status(*check, snapshot) == Status::pass);
  }
}

TEST_CASE("mode 0606 is not within 0644 although 606 is less than 644") {
  testing::TempTree tree;
  debian_host(tree);
  tree.set_owner_mode("/lib/systemd/system/docker.service", 0606, 0, 0);
  const auto results = checks::files_docker_service_mode.evaluate(collected(tree));
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::fail);
  CHECK(results[0].detail == "mode 0606 has bits 0002 beyond the allowed 0644");
}

TEST_CASE("setuid, setgid and sticky bits are bits beyond the mask too") {
  testing::TempTree tree;
  debian_host(tree);
  tree.set_owner_mode("/etc/docker", 01755, 0, 0);
  CHECK(only_status(checks::files_etc_docker_mode, collected(tree)) == Status::fail);
  tree.set_owner_mode("/etc/docker", 0700, 0, 0);
  CHECK(only_status(checks::files_etc_docker_mode, collected(tree)) == Status::pass);
}

TEST_CASE("owners are compared by number: uid 0 and gid 0, or the socket's group") {
  testing::TempTree tree;
  debian_host(tree);
  tree.set_owner_mode("/etc/docker/daemon.json", 0644, kUserUid, 0);
  tree.set_owner_mode("/run/containerd/containerd.sock", 0660, 0, kDockerGid);
  const auto snapshot = collected(tree);
  CHECK(only_status(checks::files_daemon_json_owner, snapshot) == Status::fail);
  CHECK(only_status(checks::files_containerd_sock_owner, snapshot) == Status::fail);

  tree.set_owner_mode("/run/docker.sock", 0660, 0, 0);
  const auto results = checks::files_docker_sock_owner.evaluate(collected(tree));
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::fail);
  CHECK(results[0].detail.find("it should be uid 0 gid 998 (docker") != std::string::npos);
}

TEST_CASE("the socket group comes from SocketGroup= under socket activation") {
  testing::TempTree tree;
  debian_host(tree);
  tree.file("/etc/group", "root:x:0:\ndocker:x:998:alice\nops:x:1500:\n");
  tree.set_owner_mode("/run/docker.sock", 0660, 0, 1500);
  const auto snapshot = collected(tree, [](snapshot::Snapshot& s) {
    set(s, "hosts", nlohmann::json::array({"fd://"}));
    s.daemon.units.value->socket->socket_group =
        snapshot::UnitValue{"ops", "/lib/systemd/system/docker.socket:5"};
  });
  CHECK(only_status(checks::files_docker_sock_owner, snapshot) == Status::pass);
}

TEST_CASE("/var/run/docker.sock and /run/docker.sock are one socket, judged once") {
  testing::TempTree tree;
  debian_host(tree);
  tree.directory("/var");
  std::filesystem::create_directory_symlink("../run", tree.at("/var/run"));
  const auto snapshot = collected(tree, [](snapshot::Snapshot& s) {
    s.daemon_sockets = {"/var/run/docker.sock", "/run/docker.sock", "/var/run/docker.sock"};
  });
  const auto results = checks::files_docker_sock_mode.evaluate(snapshot);
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::pass);
}

TEST_CASE("a socket path that is not a socket cannot be judged") {
  testing::TempTree tree;
  debian_host(tree);
  std::filesystem::remove(tree.at("/run/docker.sock"));
  tree.file("/run/docker.sock", "", 0600);
  CHECK(only_status(checks::files_docker_sock_mode, collected(tree)) == Status::error);
}

TEST_CASE("absent optional objects are not applicable") {
  testing::TempTree tree;
  debian_host(tree);
  const auto snapshot =
      collected(tree, [](snapshot::Snapshot& s) { s.daemon.units.value->socket.reset(); });
  CHECK(only_status(checks::files_etc_sysconfig_docker_mode, snapshot) == Status::not_applicable);
  CHECK(only_status(checks::files_etc_sysconfig_docker_owner, snapshot) == Status::not_applicable);
  CHECK(only_status(checks::files_docker_socket_owner, snapshot) == Status::not_applicable);
  CHECK(only_status(checks::files_registry_certs_mode, snapshot) == Status::not_applicable);
  CHECK(only_status(checks::files_tls_key_mode, snapshot) == Status::not_applicable);
}

TEST_CASE("an object that cannot be looked at is an error, never a pass") {
  testing::TempTree tree;
  debian_host(tree);
  // /etc/default is a file: stat of a path below it fails with ENOTDIR.
  std::filesystem::remove_all(tree.at("/etc/default"));
  tree.file("/etc/default", "");
  const auto results = checks::files_etc_default_docker_mode.evaluate(collected(tree));
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::error);
  CHECK(results[0].detail.find("Not a directory") != std::string::npos);

  testing::TempTree no_group;
  debian_host(no_group);
  std::filesystem::remove(no_group.at("/etc/group"));
  CHECK(only_status(checks::files_docker_sock_owner, collected(no_group)) == Status::error);
}

TEST_CASE("every registry certificate file is judged, each on its own") {
  testing::TempTree tree;
  debian_host(tree);
  tree.file("/etc/docker/certs.d/registry.example:5000/ca.crt", "", 0444);
  tree.file("/etc/docker/certs.d/registry.example:5000/client.key", "", 0600);
  tree.file("/etc/docker/certs.d/mirror.example/ca.crt", "", 0444, kUserUid, 0);
  const auto snapshot = collected(tree);
  const auto modes = checks::files_registry_certs_mode.evaluate(snapshot);
  REQUIRE(modes.size() == 3);
  CHECK(modes[0].status == Status::pass);  // mirror.example/ca.crt
  CHECK(modes[1].status == Status::pass);
  CHECK(modes[2].status == Status::fail);  // client.key 0600 has 0200 beyond 0444
  const auto owners = checks::files_registry_certs_owner.evaluate(snapshot);
  REQUIRE(owners.size() == 3);
  CHECK(owners[0].status == Status::fail);
  CHECK(owners[0].target.name == "/etc/docker/certs.d/mirror.example/ca.crt");
}

TEST_CASE("TLS files are judged at the effective paths when TLS is on") {
  testing::TempTree tree;
  debian_host(tree);
  tree.file("/etc/docker/tls/ca.pem", "", 0444);
  tree.file("/etc/docker/tls/cert.pem", "", 0644);
  tree.file("/etc/docker/tls/key.pem", "", 0400);
  const auto snapshot = collected(tree, [](snapshot::Snapshot& s) {
    set(s, "tlsverify", true);
    set(s, "tlscacert", "/etc/docker/tls/ca.pem");
    set(s, "tlscert", "/etc/docker/tls/cert.pem");
    set(s, "tlskey", "/etc/docker/tls/key.pem");
  });
  CHECK(only_status(checks::files_tls_ca_mode, snapshot) == Status::pass);
  CHECK(only_status(checks::files_tls_cert_mode, snapshot) == Status::fail);
  CHECK(only_status(checks::files_tls_key_mode, snapshot) == Status::pass);
  CHECK(only_status(checks::files_tls_key_owner, snapshot) == Status::pass);
}

TEST_CASE("the containerd socket is the configured one, else the system one, else dockerd's own") {
  testing::TempTree tree;
  snapshot::EffectiveConfig config;
  config.settings["exec-root"] = {"/var/run/docker", snapshot::Origin::built_in_default, "default"};
  CHECK(collect::choose_containerd_socket(tree.root(), config).first ==
        "/var/run/docker/containerd/containerd.sock");
  tree.socket("/run/containerd/containerd.sock");
  CHECK(collect::choose_containerd_socket(tree.root(), config).first ==
        "/run/containerd/containerd.sock");
  config.settings["containerd"] = {"/srv/c.sock", snapshot::Origin::flag, "--containerd"};
  CHECK(collect::choose_containerd_socket(tree.root(), config).first == "/srv/c.sock");
}
