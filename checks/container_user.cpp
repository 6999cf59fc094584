#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"
#include "src/snapshot/user.hpp"

namespace dockaudit::checks {

namespace {

Judgement judge(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{{"Config.User", container.user}};
  if (snapshot::is_root_user(container.user)) {
    auto detail = container.user.empty()
                      ? std::string("no user is set, so the process runs as root")
                      : fmt::format("user \"{}\" is root", container.user);
    return {audit::Status::fail, std::move(detail), std::move(evidence)};
  }
  return {audit::Status::pass, fmt::format("runs as \"{}\"", container.user), std::move(evidence)};
}

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.user", &judge);
}

}  // namespace

const Check container_user{
    .id = "container.user",
    .title = "Containers run as a non-root user",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"4.1", "4.1", "4.1"},
    .rationale =
        "A process running as root inside a container holds root's capabilities against the "
        "kernel and, without user-namespace remapping, is root on the host if it escapes.",
    .remediation =
        "Add a USER instruction to the image, or run the container with --user UID:GID "
        "(a non-zero uid).",
    .reads = "Config.User of every container, in every state",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
