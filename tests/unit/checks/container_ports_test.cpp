#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "src/collect/inspect_mapping.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;
using testing::status_of;

namespace {

snapshot::Container publishing(std::vector<snapshot::PortBinding> ports) {
  auto container = testing::container("c_default");
  container.ports = std::move(ports);
  return container;
}

}  // namespace

TEST_CASE("every wildcard spelling of the host address fails the interface check") {
  for (const char* ip : {"", "0.0.0.0", "::", "[::]"}) {
    CAPTURE(ip);
    CHECK(status_of(checks::container_port_interface, publishing({{"80/tcp", ip, "8080"}})) ==
          Status::fail);
  }
  CHECK(status_of(checks::container_port_interface,
                  publishing({{"80/tcp", "127.0.0.1", "8080"}, {"80/tcp", "::1", "8080"}})) ==
        Status::pass);
  CHECK(status_of(checks::container_port_interface, "c_default") == Status::pass);
}

TEST_CASE("host ports below 1024 fail; higher, random and none pass") {
  CHECK(status_of(checks::container_privileged_ports, publishing({{"80/tcp", "", "80"}})) ==
        Status::fail);
  CHECK(status_of(checks::container_privileged_ports, publishing({{"80/tcp", "", "8080"}})) ==
        Status::pass);
  CHECK(status_of(checks::container_privileged_ports, publishing({{"80/tcp", "", ""}})) ==
        Status::pass);
  CHECK(status_of(checks::container_privileged_ports, "c_default") == Status::pass);
}

TEST_CASE("published ports need a person's review; none pass") {
  CHECK(status_of(checks::container_ports_needed, "c_default") == Status::pass);
  CHECK(status_of(checks::container_ports_needed, publishing({{"80/tcp", "", "8080"}})) ==
        Status::manual);
}

TEST_CASE("a stopped container's configured ports are judged like live ones") {
  auto inspect = testing::load_json("inspect/c_default.json");
  inspect["State"]["Status"] = "exited";
  inspect["NetworkSettings"]["Ports"] = nlohmann::json::object();
  inspect["HostConfig"]["PortBindings"] = {{"22/tcp", {{{"HostIp", ""}, {"HostPort", "22"}}}}};
  const auto container = collect::map_container_inspect(inspect);
  REQUIRE(container.ports.size() == 1);
  CHECK(status_of(checks::container_privileged_ports, container) == Status::fail);
  CHECK(status_of(checks::container_port_interface, container) == Status::fail);
}
