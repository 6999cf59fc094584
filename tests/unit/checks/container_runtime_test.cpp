#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;
using testing::status_of;

namespace {

snapshot::Container restarting(const std::string& name, std::int64_t retries) {
  auto container = testing::container("c_default");
  container.restart_policy = {name, retries};
  return container;
}

}  // namespace

TEST_CASE("read-only root filesystem") {
  CHECK(status_of(checks::container_readonly_rootfs, "c_ro") == Status::pass);
  CHECK(status_of(checks::container_readonly_rootfs, "c_default") == Status::fail);
}

TEST_CASE("restart policy: the name matters, and on-failure needs 1 to 5 retries") {
  CHECK(status_of(checks::container_restart_policy, "c_default") == Status::pass);
  CHECK(status_of(checks::container_restart_policy, "c_restartonf") == Status::pass);
  CHECK(status_of(checks::container_restart_policy, "c_restartalways") == Status::fail);
  CHECK(status_of(checks::container_restart_policy, restarting("unless-stopped", 0)) ==
        Status::fail);
  CHECK(status_of(checks::container_restart_policy, restarting("on-failure", 0)) == Status::fail);
  CHECK(status_of(checks::container_restart_policy, restarting("on-failure", 6)) == Status::fail);
  CHECK(status_of(checks::container_restart_policy, restarting("always", 3)) == Status::fail);
  CHECK(status_of(checks::container_restart_policy, restarting("", 0)) == Status::pass);
}

TEST_CASE("devices: none pass, a list needs review, privileged has them all") {
  CHECK(status_of(checks::container_devices, "c_default") == Status::pass);
  CHECK(status_of(checks::container_devices, "c_device") == Status::manual);
  CHECK(status_of(checks::container_devices, "c_priv") == Status::fail);
}

TEST_CASE("ulimit overrides and a custom cgroup parent need confirmation") {
  CHECK(status_of(checks::container_ulimits, "c_default") == Status::pass);
  CHECK(status_of(checks::container_ulimits, "c_ulimit") == Status::manual);
  CHECK(testing::container("c_ulimit").ulimits == std::vector<std::string>{"nofile=100:200"});
  CHECK(status_of(checks::container_cgroup_parent, "c_default") == Status::pass);
  CHECK(status_of(checks::container_cgroup_parent, "c_cgparent") == Status::manual);
}

TEST_CASE("the default bridge fails; other networks pass") {
  CHECK(status_of(checks::container_default_bridge, "c_default") == Status::pass);
  auto bridged = testing::container("c_default");
  bridged.networks = {"bridge"};
  CHECK(status_of(checks::container_default_bridge, bridged) == Status::fail);
}

TEST_CASE("healthcheck: present passes, absent or NONE fails") {
  CHECK(status_of(checks::container_healthcheck, "c_health") == Status::pass);
  CHECK(status_of(checks::container_healthcheck, "c_default") == Status::fail);
  auto disabled = testing::container("c_default");
  disabled.healthcheck = std::vector<std::string>{"NONE"};
  CHECK(status_of(checks::container_healthcheck, disabled) == Status::fail);
}

TEST_CASE("CPU priority: shares other than the default, or a limit") {
  CHECK(status_of(checks::container_cpu_priority, "c_shares") == Status::pass);
  CHECK(status_of(checks::container_cpu_priority, "c_cpus") == Status::pass);
  CHECK(status_of(checks::container_cpu_priority, "c_default") == Status::fail);
  auto explicit_default = testing::container("c_default");
  explicit_default.cpu_shares = 1024;
  CHECK(status_of(checks::container_cpu_priority, explicit_default) == Status::fail);
}
