#include <doctest/doctest.h>

#include "src/collect/dockerd_process.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;

namespace {

// pid 100, a dockerd, serves /tmp/other/docker.sock and is named by the
// pidfile; pid 200, a dockerd, holds /run/docker.sock, which systemd (pid 1)
// holds too; pid 400, a dockerd, has descriptors nobody can list, and no
// readable process holds /run/locked.sock. /var/run links to /run.
collect::ProcessSearch two_daemons(const std::string& socket) {
  return {testing::fixture_path("proc-two-daemons"), socket};
}

}  // namespace

TEST_CASE("the dockerd holding the socket is chosen over the one in the pidfile") {
  const auto found = collect::find_dockerd(two_daemons("/run/docker.sock"));
  REQUIRE(found.ok());
  CHECK(found.value->pid == 200);
  CHECK(found.value->found_by.find("holds the socket /run/docker.sock") != std::string::npos);
}

TEST_CASE("/var/run/docker.sock is found as /run/docker.sock, the same file") {
  const auto found = collect::find_dockerd(two_daemons("/var/run/docker.sock"));
  REQUIRE(found.ok());
  CHECK(found.value->pid == 200);
}

TEST_CASE("the process's command line, executable, directory, uid and allowed env are read") {
  const auto found = collect::find_dockerd(two_daemons("/run/docker.sock"));
  REQUIRE(found.ok());
  const auto& process = *found.value;
  CHECK(process.arguments == std::vector<std::string>{"dockerd", "-H", "fd://", "--config-file",
                                                      "conf/daemon.json", "--icc=false", "-D"});
  CHECK(process.executable == "/usr/sbin/dockerd");
  CHECK(process.working_directory == "/etc/docker-alt");
  CHECK(process.uid == 0);
  CHECK(process.environment ==
        std::map<std::string, std::string>{{"DOCKER_CERT_PATH", "/etc/docker/certs"},
                                           {"DOCKER_TLS_VERIFY", "1"}});
  CHECK(process.unreadable.empty());
}

TEST_CASE("the pidfile is used only when no dockerd holds the socket") {
  const auto found = collect::find_dockerd(two_daemons("/run/missing.sock"));
  REQUIRE(found.ok());
  CHECK(found.value->pid == 100);
  CHECK(found.value->found_by.find("pidfile /var/run/docker.pid") != std::string::npos);
  CHECK(found.value->found_by.find("/proc/net/unix does not list it") != std::string::npos);
}

TEST_CASE("no dockerd anywhere is an error naming each place looked at") {
  collect::ProcessSearch search{testing::fixture_path("proc-two-daemons"), "/run/missing.sock",
                                "/run/missing.pid"};
  const auto found = collect::find_dockerd(search);
  REQUIRE_FALSE(found.ok());
  CHECK(found.error.find("socket /run/missing.sock") != std::string::npos);
  CHECK(found.error.find("pidfile /run/missing.pid: No such file") != std::string::npos);
}

TEST_CASE("a pidfile naming a process that is not dockerd is refused") {
  collect::ProcessSearch search{testing::fixture_path("proc-two-daemons"), "", "/run/socat.pid"};
  const auto found = collect::find_dockerd(search);
  REQUIRE_FALSE(found.ok());
  CHECK(found.error.find("process 300 is not dockerd") != std::string::npos);
  CHECK(found.error.find("not reached through a unix socket") != std::string::npos);
}

TEST_CASE("a process without a /proc entry is an error") {
  const auto found = collect::read_dockerd_process(testing::fixture_path("proc-two-daemons"), 999);
  REQUIRE_FALSE(found.ok());
  CHECK(found.error.find("/proc/999/cmdline") != std::string::npos);
}

TEST_CASE("a dockerd whose descriptors cannot be listed is named in the error") {
  // pid 400's fd is a plain file, standing in for EACCES when not root.
  collect::ProcessSearch search{testing::fixture_path("proc-two-daemons"), "/run/locked.sock",
                                "/run/missing.pid"};
  const auto found = collect::find_dockerd(search);
  REQUIRE_FALSE(found.ok());
  CHECK(found.error.find("no readable dockerd process holds it; unreadable: ") !=
        std::string::npos);
  CHECK(found.error.find("/proc/400/fd: Not a directory") != std::string::npos);
}
