#include <doctest/doctest.h>

#include "src/collect/systemd_units.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using Words = std::vector<std::string>;

namespace {

// Debian's units, a drop-in in /etc shadowing one of the same name in /lib,
// DOCKER_OPTS from /etc/default/docker, and a TCP ListenStream from a drop-in.
snapshot::SystemdUnits debian_tcp() {
  return collect::read_docker_units(testing::fixture_path("units-debian-tcp"));
}

}  // namespace

TEST_CASE("the fragment comes from the first unit directory that has it") {
  const auto units = debian_tcp();
  REQUIRE(units.service);
  REQUIRE(units.socket);
  CHECK(units.service->fragment_path == "/lib/systemd/system/docker.service");
  CHECK(units.socket->fragment_path == "/lib/systemd/system/docker.socket");
}

TEST_CASE("drop-ins: /etc hides the same name in /lib, the rest apply by file name") {
  const auto units = debian_tcp();
  CHECK(units.service->drop_in_paths ==
        Words{"/etc/systemd/system/docker.service.d/10-override.conf",
              "/lib/systemd/system/docker.service.d/20-ulimit.conf"});
}

TEST_CASE("an empty ExecStart= resets, and the environment expands into the command") {
  const auto units = debian_tcp();
  REQUIRE(units.service->exec_start.size() == 1);
  CHECK(units.service->exec_start.front() ==
        Words{"/usr/sbin/dockerd", "-H", "fd://", "--icc=false", "--log-level", "warn",
              "--default-ulimit=nofile=1024:2048", "--live-restore", "--userland-proxy=false"});
  CHECK(units.service->environment.at("DOCKER_OPTS") == "--icc=false --log-level warn");
  CHECK(units.service->problems.empty());
}

TEST_CASE("$VAR splits into words, ${VAR} stays one word, $$ is a dollar") {
  const std::map<std::string, std::string> environment{{"A", "-x  -y"}, {"B", "b c"}};
  CHECK(collect::expand_command_line("-/bin/d $A pre${B}post '$A' $$HOME $MISSING", environment) ==
        Words{"/bin/d", "-x", "-y", "preb cpost", "$A", "$HOME"});
}

TEST_CASE("ListenStream entries from fragment and drop-ins accumulate with their sources") {
  const auto units = debian_tcp();
  const auto& streams = units.socket->listen_streams;
  REQUIRE(streams.size() == 3);
  CHECK(streams[0].value == "/run/docker.sock");
  CHECK(streams[1].value == "2375");
  CHECK(streams[1].source == "/etc/systemd/system/docker.socket.d/tcp.conf:2");
  CHECK(streams[2].value == "127.0.0.1:2376");
  REQUIRE(units.socket->socket_group);
  CHECK(units.socket->socket_group->value == "docker");
  CHECK(units.socket->socket_mode->value == "0660");
}

TEST_CASE("a missing required EnvironmentFile, two ExecStart and a masked unit are problems") {
  const auto units = collect::read_docker_units(testing::fixture_path("units-broken"));
  REQUIRE(units.service);
  const auto& problems = units.service->problems;
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("EnvironmentFile=/etc/sysconfig/docker does not exist") !=
        std::string::npos);
  CHECK(problems[1].find("2 ExecStart= commands") != std::string::npos);
  REQUIRE(units.socket);
  REQUIRE(units.socket->problems.size() == 1);
  CHECK(units.socket->problems.front().find("masked") != std::string::npos);
}

TEST_CASE("a host without the units has neither, and that is no error") {
  const auto units = collect::read_docker_units(testing::fixture_path("info"));
  CHECK_FALSE(units.service);
  CHECK_FALSE(units.socket);
}
