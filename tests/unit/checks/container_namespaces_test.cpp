#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;
using testing::status_of;

TEST_CASE("sharing a host namespace fails its check; the default passes every one") {
  CHECK(status_of(checks::container_host_pid, "c_pidhost") == Status::fail);
  CHECK(status_of(checks::container_host_ipc, "c_ipchost") == Status::fail);
  CHECK(status_of(checks::container_host_uts, "c_utshost") == Status::fail);
  CHECK(status_of(checks::container_host_userns, "c_usernshost") == Status::fail);
  auto host_network = testing::container("c_default");
  host_network.network_mode = "host";
  CHECK(status_of(checks::container_host_network, host_network) == Status::fail);
  for (const auto* check :
       {&checks::container_host_pid, &checks::container_host_ipc, &checks::container_host_uts,
        &checks::container_host_userns, &checks::container_host_network}) {
    CAPTURE(check->id);
    CHECK(status_of(*check, "c_default") == Status::pass);
  }
}

TEST_CASE("a container that shares another container's namespace is not sharing the host's") {
  auto joined = testing::container("c_default");
  joined.pid_mode = "container:abc";
  joined.network_mode = "container:abc";
  CHECK(status_of(checks::container_host_pid, joined) == Status::pass);
  CHECK(status_of(checks::container_host_network, joined) == Status::pass);
}
