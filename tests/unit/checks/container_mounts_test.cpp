#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "src/collect/inspect_mapping.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;
using testing::status_of;

namespace {

snapshot::Container with_bind(const std::string& source, const std::string& destination,
                              bool read_write = true, const std::string& propagation = "") {
  auto container = testing::container("c_default");
  container.mounts.push_back({"bind", source, destination, read_write, propagation});
  return container;
}

audit::Status socket_status(const snapshot::Container& container,
                            const std::vector<std::string>& sockets) {
  auto snapshot = testing::snapshot_with({container});
  snapshot.daemon_sockets = sockets;
  return checks::container_docker_socket.evaluate(snapshot)[0].status;
}

}  // namespace

TEST_CASE("sensitive host directories fail by their host source, read-only or not") {
  CHECK(status_of(checks::container_sensitive_mounts, "c_vetc") == Status::fail);
  CHECK(status_of(checks::container_sensitive_mounts, with_bind("/", "/host")) == Status::fail);
  CHECK(status_of(checks::container_sensitive_mounts, with_bind("/proc/sys", "/x")) ==
        Status::fail);
  CHECK(status_of(checks::container_sensitive_mounts, with_bind("/etc/", "/x", false)) ==
        Status::fail);
}

TEST_CASE("other sources pass, whatever their destination") {
  CHECK(status_of(checks::container_sensitive_mounts, "c_default") == Status::pass);
  CHECK(status_of(checks::container_sensitive_mounts, "c_namedvol") == Status::pass);
  CHECK(status_of(checks::container_sensitive_mounts, with_bind("/srv/data", "/etc")) ==
        Status::pass);
  CHECK(status_of(checks::container_sensitive_mounts, with_bind("/etcetera", "/x")) ==
        Status::pass);
  CHECK(status_of(checks::container_sensitive_mounts, with_bind("/home/app", "/x")) ==
        Status::pass);
}

TEST_CASE("the daemon socket is found from -v and --mount, through /var/run and parents") {
  const std::vector<std::string> sockets{"/var/run/docker.sock"};
  CHECK(socket_status(testing::container("c_sockmount"), sockets) == Status::fail);
  CHECK(socket_status(testing::container("c_sockv"), sockets) == Status::fail);
  CHECK(socket_status(with_bind("/run", "/host-run", false), sockets) == Status::fail);
  CHECK(socket_status(with_bind("/var/run/", "/r"), sockets) == Status::fail);
  CHECK(socket_status(testing::container("c_default"), sockets) == Status::pass);
  CHECK(socket_status(with_bind("/srv/docker.sock", "/var/run/docker.sock"), sockets) ==
        Status::pass);
  CHECK(socket_status(with_bind("/tmp/e2e/docker.sock", "/s"), {"/tmp/e2e/docker.sock"}) ==
        Status::fail);
}

TEST_CASE("a named volume mounted at the socket's path is not the socket") {
  auto volume = testing::container("c_default");
  volume.mounts.push_back({"volume", "/var/lib/docker/volumes/v/_data", "/var/run/docker.sock"});
  CHECK(socket_status(volume, {"/run/docker.sock"}) == Status::pass);
}

TEST_CASE("shared and rshared propagation fail, private kinds pass") {
  CHECK(status_of(checks::container_mount_propagation, "c_vetc") == Status::pass);
  CHECK(status_of(checks::container_mount_propagation, with_bind("/srv", "/s", true, "rshared")) ==
        Status::fail);
  CHECK(status_of(checks::container_mount_propagation, with_bind("/srv", "/s", true, "shared")) ==
        Status::fail);
  CHECK(status_of(checks::container_mount_propagation, with_bind("/srv", "/s", true, "rslave")) ==
        Status::pass);
}

TEST_CASE("propagation asked for with --mount counts when the engine has not applied it yet") {
  auto inspect = testing::load_json("inspect/c_sockmount.json");
  inspect["Mounts"][0]["Propagation"] = "";
  inspect["HostConfig"]["Mounts"][0]["BindOptions"] = {{"Propagation", "rshared"}};
  const auto container = collect::map_container_inspect(inspect);
  CHECK(status_of(checks::container_mount_propagation, container) == Status::fail);
}
