#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "checks/audit_rules.hpp"
#include "src/collect/audit_rules.hpp"
#include "src/collect/docker_host.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;
using audit::Status;
using snapshot::AuditRule;

namespace {

constexpr const char* kRules = R"(# Docker, per CIS
-D
-b 8192
-w /usr/bin/dockerd -p rwxa -k docker
  -w /etc/docker/ -k docker   # trailing comment words are ignored
-a always,exit -F arch=b64 -S all -F path=/run/containerd/containerd.sock -F perm=rwxa -k docker
-a exit,always -F dir=/var/lib/docker -k docker
-a never,exit -F path=/etc/default/docker
-A always,exit -Fpath=/usr/bin/runc
-a always,exit -S execve -k exec
)";

snapshot::AuditTarget present(const std::string& path) { return {path, path, "test", true, ""}; }

snapshot::Snapshot with_rules(const std::string& text) {
  auto snapshot = testing::snapshot_with({});
  snapshot.docker_host.audit_rules = {
      snapshot::AuditRules{"rules.txt", "", collect::parse_audit_rules(text, "rules.txt")}, ""};
  return snapshot;
}

}  // namespace

TEST_CASE("watches and syscall rules with path= or dir= are read; the rest is skipped") {
  const auto rules = collect::parse_audit_rules(kRules, "/etc/audit/rules.d/docker.rules");
  REQUIRE(rules.size() == 5);
  CHECK(rules[0].kind == AuditRule::Kind::watch);
  CHECK(rules[0].path == "/usr/bin/dockerd");
  CHECK(rules[0].source == "/etc/audit/rules.d/docker.rules:4");
  CHECK(rules[1].path == "/etc/docker");  // the trailing slash does not matter
  CHECK(rules[2].kind == AuditRule::Kind::path_field);
  CHECK(rules[2].path == "/run/containerd/containerd.sock");
  CHECK(rules[3].kind == AuditRule::Kind::dir_field);
  CHECK(rules[3].path == "/var/lib/docker");
  CHECK(rules[4].path == "/usr/bin/runc");  // -Fpath= spelled as one word
}

TEST_CASE("a directory watch covers what is below it; path= covers only that file") {
  const AuditRule watch{AuditRule::Kind::watch, "/etc/docker", "", ""};
  CHECK(checks::audit_rule_covers(watch, "/etc/docker"));
  CHECK(checks::audit_rule_covers(watch, "/etc/docker/daemon.json"));
  CHECK_FALSE(checks::audit_rule_covers(watch, "/etc/docker-alt/daemon.json"));
  const AuditRule path{AuditRule::Kind::path_field, "/etc/docker", "", ""};
  CHECK_FALSE(checks::audit_rule_covers(path, "/etc/docker/daemon.json"));
  const AuditRule dir{AuditRule::Kind::dir_field, "/var/lib/docker", "", ""};
  CHECK(checks::audit_rule_covers(dir, "/var/lib/docker/volumes"));
}

TEST_CASE("audit checks pass when covered, fail when not, and skip absent objects") {
  auto snapshot = with_rules(kRules);
  auto& targets = snapshot.docker_host.audit_targets;
  targets.dockerd = present("/usr/bin/dockerd");
  targets.containerd_socket = present("/run/containerd/containerd.sock");
  targets.etc_default_docker = present("/etc/default/docker");  // only a never rule
  targets.daemon_json = {"/etc/docker/daemon.json", "/etc/docker/daemon.json", "test", false, ""};
  targets.containerd_shim = {"", "", "containerd-shim is not on PATH", false, ""};
  targets.runc = {"/usr/sbin/runc", "/usr/bin/runc", "found on PATH", true, ""};

  const auto dockerd = checks::host_audit_dockerd.evaluate(snapshot);
  REQUIRE(dockerd.size() == 1);
  CHECK(dockerd[0].status == Status::pass);
  CHECK(dockerd[0].detail.find("-w /usr/bin/dockerd") != std::string::npos);
  CHECK(checks::host_audit_containerd_socket.evaluate(snapshot)[0].status == Status::pass);
  CHECK(checks::host_audit_etc_default_docker.evaluate(snapshot)[0].status == Status::fail);
  CHECK(checks::host_audit_daemon_json.evaluate(snapshot)[0].status == Status::not_applicable);
  CHECK(checks::host_audit_containerd_shim.evaluate(snapshot)[0].status == Status::not_applicable);
  // Covered by the path its link resolves to.
  CHECK(checks::host_audit_runc.evaluate(snapshot)[0].status == Status::pass);
}

TEST_CASE("audit checks are errors when the rules or the object cannot be read") {
  auto snapshot = with_rules(kRules);
  snapshot.docker_host.audit_targets.dockerd = {"", "", "", false,
                                                "the running dockerd was not found"};
  CHECK(checks::host_audit_dockerd.evaluate(snapshot)[0].status == Status::error);
  snapshot.docker_host.audit_targets.etc_docker = present("/etc/docker");
  snapshot.docker_host.audit_rules =
      snapshot::Gathered<snapshot::AuditRules>::failure("rules.d: Permission denied");
  CHECK(checks::host_audit_etc_docker.evaluate(snapshot)[0].status == Status::error);
}

TEST_CASE("1.1.9 is two checks: the socket unit for 1.6.0, every socket file for 1.7.0 on") {
  CHECK(checks::host_audit_docker_socket_unit.cis.v1_6 == "1.1.9");
  CHECK(checks::host_audit_docker_socket_unit.cis.v1_8.empty());
  CHECK(checks::host_audit_docker_sock.cis.v1_6.empty());
  CHECK(checks::host_audit_docker_sock.cis.v1_7 == "1.1.9");
  auto snapshot = with_rules("-w /run/docker.sock -k docker\n");
  snapshot.docker_host.audit_targets.docker_sockets = {present("/run/docker.sock"),
                                                       present("/run/user/1000/docker.sock")};
  const auto results = checks::host_audit_docker_sock.evaluate(snapshot);
  REQUIRE(results.size() == 2);
  CHECK(results[0].status == Status::pass);
  CHECK(results[1].status == Status::fail);
}

TEST_CASE("rule files are read in augenrules order when the kernel is not asked") {
  testing::TempTree tree;
  tree.file("/etc/audit/rules.d/20-docker.rules", "-w /etc/docker -k docker\n");
  tree.file("/etc/audit/rules.d/10-base.rules", "-w /usr/bin/dockerd -k docker\n");
  tree.file("/etc/audit/rules.d/notes.txt", "-w /ignored\n");
  const auto read = collect::read_audit_rules(tree.root(), false);
  REQUIRE(read.ok());
  REQUIRE(read.value->rules.size() == 2);
  CHECK(read.value->rules[0].source == "/etc/audit/rules.d/10-base.rules:1");
  CHECK(read.value->source ==
        "/etc/audit/rules.d/10-base.rules, /etc/audit/rules.d/20-docker.rules");
  CHECK_FALSE(read.value->live_rules_problem.empty());

  testing::TempTree broken;
  broken.file("/etc/audit", "");  // a file where the directory should be
  CHECK_FALSE(collect::read_audit_rules(broken.root(), false).ok());
}

TEST_CASE("audit targets are found on the host: binaries on dockerd's PATH, links resolved") {
  testing::TempTree tree;
  tree.file("/usr/bin/containerd", "", 0755);
  tree.file("/usr/bin/containerd-shim-runc-v2", "", 0755);
  tree.file("/usr/sbin/runc", "", 0755);
  tree.directory("/etc/docker");
  auto snapshot = testing::snapshot_with({});
  snapshot.daemon.process =
      snapshot::Gathered<snapshot::DockerdProcess>::failure("no dockerd in this test");
  collect::collect_docker_host({tree.root(), true, false}, snapshot);
  const auto& targets = snapshot.docker_host.audit_targets;
  CHECK(targets.containerd.path == "/usr/bin/containerd");
  CHECK(targets.containerd_shim_runc_v2.path == "/usr/bin/containerd-shim-runc-v2");
  CHECK(targets.containerd_shim.path.empty());
  CHECK(targets.runc.path == "/usr/sbin/runc");
  CHECK(targets.containerd_config.path == "/etc/containerd/config.toml");
  CHECK_FALSE(targets.containerd_config.exists);
  CHECK(targets.etc_docker.exists);
  CHECK(targets.dockerd.error.find("no dockerd in this test") != std::string::npos);
  CHECK(checks::host_audit_dockerd.evaluate(snapshot)[0].status == Status::error);
}

TEST_CASE("the containerd audited is the one listening on dockerd's containerd socket") {
  testing::TempTree tree;
  tree.socket("/run/containerd/containerd.sock");
  // pid 50 is another engine's containerd; pid 60 listens on the default address.
  tree.file("/proc/50/comm", "containerd\n");
  tree.file("/proc/50/cmdline", std::string("containerd\0--address\0/tmp/other.sock\0", 37));
  std::filesystem::create_symlink("/opt/other/containerd", tree.at("/proc/50/exe"));
  tree.file("/proc/60/comm", "containerd\n");
  tree.file("/proc/60/cmdline",
            std::string("containerd\0--config\0/etc/containerd/alt.toml\0", 45));
  std::filesystem::create_symlink("/usr/bin/containerd", tree.at("/proc/60/exe"));
  auto snapshot = testing::snapshot_with({});
  collect::collect_docker_host({tree.root(), true, false}, snapshot);
  const auto& targets = snapshot.docker_host.audit_targets;
  CHECK(targets.containerd.path == "/usr/bin/containerd");
  CHECK(targets.containerd.chosen_by == "/proc/60/exe of containerd");
  CHECK(targets.containerd_config.path == "/etc/containerd/alt.toml");
  CHECK(targets.containerd_state.path == "/run/containerd");
  CHECK(targets.containerd_state.exists);
}
