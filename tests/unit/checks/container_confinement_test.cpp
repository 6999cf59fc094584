#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;
using testing::status_of;

namespace {

snapshot::Container with_options(std::vector<std::string> raw) {
  auto container = testing::container("c_default");
  container.security_options = snapshot::parse_security_options(raw);
  return container;
}

audit::Status seccomp_with_daemon(const std::vector<std::string>& daemon_options,
                                  const snapshot::Container& container) {
  auto snapshot = testing::snapshot_with({container});
  snapshot.engine.value->security_options = daemon_options;
  return checks::container_seccomp.evaluate(snapshot)[0].status;
}

}  // namespace

TEST_CASE("seccomp: unconfined in either form, or privileged, fails") {
  CHECK(status_of(checks::container_seccomp, "c_seccompunc") == Status::fail);
  CHECK(status_of(checks::container_seccomp, with_options({"seccomp:unconfined"})) == Status::fail);
  CHECK(status_of(checks::container_seccomp, "c_priv") == Status::fail);
}

TEST_CASE("seccomp: the daemon default and custom profiles pass") {
  CHECK(status_of(checks::container_seccomp, "c_default") == Status::pass);
  CHECK(status_of(checks::container_seccomp,
                  with_options({R"(seccomp={"defaultAction":"SCMP_ACT_ERRNO"})"})) == Status::pass);
}

TEST_CASE("seccomp: the daemon's own profile decides for containers without one") {
  const auto plain = testing::container("c_default");
  CHECK(seccomp_with_daemon({"name=seccomp,profile=/etc/docker/sc.json"}, plain) == Status::pass);
  CHECK(seccomp_with_daemon({"name=seccomp,profile=unconfined"}, plain) == Status::fail);
  CHECK(seccomp_with_daemon({}, plain) == Status::fail);
}

TEST_CASE("no-new-privileges: every explicit spelling counts") {
  for (const char* fixture : {"c_nnp", "c_nnptrue", "c_nnpeq"}) {
    CAPTURE(fixture);
    CHECK(status_of(checks::container_no_new_privileges, fixture) == Status::pass);
  }
  CHECK(status_of(checks::container_no_new_privileges, with_options({"no-new-privileges=T"})) ==
        Status::pass);
  CHECK(status_of(checks::container_no_new_privileges, with_options({"no-new-privileges=false"})) ==
        Status::fail);
  CHECK(status_of(checks::container_no_new_privileges, with_options({"no-new-privileges=yes"})) ==
        Status::error);
}

TEST_CASE("no-new-privileges: without an option, the process and the stored default decide") {
  auto running = testing::container("c_default");
  running.no_new_privs_process = {true, ""};
  CHECK(status_of(checks::container_no_new_privileges, running) == Status::pass);
  running.no_new_privs_process = {false, ""};
  CHECK(status_of(checks::container_no_new_privileges, running) == Status::fail);

  auto stopped = testing::container("c_default");
  stopped.no_new_privs_stored = {true, ""};
  CHECK(status_of(checks::container_no_new_privileges, stopped) == Status::pass);
  stopped.no_new_privs_stored = {false, ""};
  CHECK(status_of(checks::container_no_new_privileges, stopped) == Status::fail);
  stopped.no_new_privs_stored = snapshot::Gathered<bool>::failure("permission denied");
  CHECK(status_of(checks::container_no_new_privileges, stopped) == Status::error);
}

TEST_CASE("no-new-privileges=false wins over a daemon default recorded at creation") {
  auto container = with_options({"no-new-privileges:false"});
  container.no_new_privs_stored = {true, ""};
  CHECK(status_of(checks::container_no_new_privileges, container) == Status::fail);
}
