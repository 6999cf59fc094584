#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;
using testing::status_of;

namespace {

snapshot::Container running(std::vector<std::string> commands) {
  auto container = testing::container("c_default");
  container.processes = {std::move(commands), ""};
  return container;
}

snapshot::Container with_execs(std::vector<snapshot::ExecInstance> execs,
                               const std::string& user = "") {
  auto container = testing::container("c_default");
  container.user = user;
  container.execs = {std::move(execs), ""};
  return container;
}

}  // namespace

TEST_CASE("an SSH daemon among the processes fails") {
  CHECK(status_of(checks::container_sshd, running({"/usr/sbin/sshd -D"})) == Status::fail);
  CHECK(status_of(checks::container_sshd, running({"sshd: /usr/sbin/sshd -D [listener]"})) ==
        Status::fail);
  CHECK(status_of(checks::container_sshd, running({"sleep 3600", "nginx: master"})) ==
        Status::pass);
  CHECK(status_of(checks::container_sshd, running({"sleep 3600 sshd"})) == Status::pass);
}

TEST_CASE("a stopped container has no processes to judge; an unreadable list is an error") {
  auto stopped = testing::container("c_default");
  stopped.state = "exited";
  CHECK(status_of(checks::container_sshd, stopped) == Status::not_applicable);
  auto unreadable = testing::container("c_default");
  unreadable.processes = snapshot::Gathered<std::vector<std::string>>::failure("HTTP 500");
  CHECK(status_of(checks::container_sshd, unreadable) == Status::error);
}

TEST_CASE("privileged exec sessions fail; without one, the past is for a person to review") {
  CHECK(status_of(checks::container_exec_privileged, with_execs({{"e1", true, "1000", "sh"}})) ==
        Status::fail);
  // The engine forgets finished sessions: an empty or clean list is no pass.
  CHECK(status_of(checks::container_exec_privileged, with_execs({{"e1", false, "", "sh"}})) ==
        Status::manual);
  CHECK(status_of(checks::container_exec_privileged, with_execs({})) == Status::manual);
}

TEST_CASE("exec as root: an empty exec user means the container's user") {
  CHECK(status_of(checks::container_exec_root, with_execs({{"e1", false, "", "sh"}}, "")) ==
        Status::fail);
  CHECK(status_of(checks::container_exec_root, with_execs({{"e1", false, "", "sh"}}, "1000")) ==
        Status::manual);
  CHECK(status_of(checks::container_exec_root, with_execs({{"e1", false, "0", "sh"}}, "1000")) ==
        Status::fail);
}
