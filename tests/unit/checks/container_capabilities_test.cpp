#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "src/snapshot/capabilities.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;
using testing::status_of;

TEST_CASE("capability names are normalised whatever the client wrote") {
  CHECK(snapshot::normalise_capability("sys_admin") == "CAP_SYS_ADMIN");
  CHECK(snapshot::normalise_capability("CAP_NET_ADMIN") == "CAP_NET_ADMIN");
  CHECK(snapshot::normalise_capability("cap_chown") == "CAP_CHOWN");
  CHECK(snapshot::normalise_capability("all") == "ALL");
  CHECK(testing::container("c_capmix").cap_add == std::vector<std::string>{"CAP_NET_ADMIN"});
  CHECK(testing::container("c_capmix").cap_drop == std::vector<std::string>{"CAP_CHOWN"});
}

TEST_CASE("added capabilities beyond the defaults fail, in any spelling") {
  CHECK(status_of(checks::container_capabilities, "c_capsys") == Status::fail);
  CHECK(status_of(checks::container_capabilities, "c_capmix") == Status::fail);
  CHECK(status_of(checks::container_capabilities, "c_capall") == Status::fail);
  CHECK(status_of(checks::container_capabilities, "c_priv") == Status::fail);
}

TEST_CASE("default, dropped, and re-added default capabilities pass") {
  CHECK(status_of(checks::container_capabilities, "c_default") == Status::pass);
  CHECK(status_of(checks::container_capabilities, "c_dropall") == Status::pass);
  auto readded = testing::container("c_dropall");
  readded.cap_add = {"CAP_NET_BIND_SERVICE"};
  CHECK(status_of(checks::container_capabilities, readded) == Status::pass);
}

TEST_CASE("ALL added with some dropped still fails and names what is dropped") {
  auto most = testing::container("c_capall");
  most.cap_drop = {"CAP_SYS_ADMIN"};
  const auto result = testing::results_of(checks::container_capabilities, {most})[0];
  CHECK(result.status == Status::fail);
  CHECK(result.detail.find("but CAP_SYS_ADMIN") != std::string::npos);
}
