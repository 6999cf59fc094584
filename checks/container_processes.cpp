// What runs in containers, from the engine's own records: GET /top (dockerd
// runs ps on the host) and the exec instances it still tracks. Nothing is ever
// executed inside a container.
#include <algorithm>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"
#include "checks/secret_patterns.hpp"
#include "src/snapshot/user.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

std::string program_name(const std::string& command) {
  const auto first = command.substr(0, command.find(' '));
  return first.substr(first.rfind('/') == std::string::npos ? 0 : first.rfind('/') + 1);
}

Judgement judge_sshd(const snapshot::Container& container) {
  const auto& processes = container.processes;
  if (!processes.ok() && processes.error.empty()) {
    return {Status::not_applicable, fmt::format("not running ({})", container.state), {}};
  }
  if (!processes.ok()) {
    return {Status::error, "its processes could not be listed: " + processes.error, {}};
  }
  std::vector<audit::Evidence> evidence{
      {"GET /containers/{id}/top CMD", mask_lines(*processes.value)}};
  const auto found = std::find_if(processes.value->begin(), processes.value->end(),
                                  [](const std::string& command) {
                                    return program_name(command).find("sshd") != std::string::npos;
                                  });
  if (found != processes.value->end()) {
    return {Status::fail, fmt::format("runs an SSH daemon: {}", mask_text(*found)), evidence};
  }
  return {Status::pass, "no SSH daemon among its processes", evidence};
}

std::vector<std::string> describe(const std::vector<snapshot::ExecInstance>& execs) {
  std::vector<std::string> described;
  for (const auto& exec : execs) {
    described.push_back(fmt::format("{} user={} privileged={}", mask_text(exec.command),
                                    exec.user.empty() ? "(container's)" : exec.user,
                                    exec.privileged));
  }
  return described;
}

Judgement judge_execs(const snapshot::Container& container, bool as_root) {
  if (!container.execs.ok()) {
    return {Status::error, "its exec instances could not be read: " + container.execs.error, {}};
  }
  const auto& execs = *container.execs.value;
  std::vector<audit::Evidence> evidence{{"GET /exec/{id}/json ProcessConfig", describe(execs)}};
  std::vector<std::string> offending;
  for (const auto& exec : execs) {
    const auto user = exec.user.empty() ? container.user : exec.user;
    if (as_root ? snapshot::is_root_user(user) : exec.privileged) {
      offending.push_back(mask_text(exec.command));
    }
  }
  if (!offending.empty()) {
    return {Status::fail,
            fmt::format("{}: {}", as_root ? "exec sessions as root" : "privileged exec sessions",
                        fmt::join(offending, "; ")),
            evidence};
  }
  // The engine forgets an exec session when it ends, so a clean list proves
  // nothing about the past: a person checks the records kept elsewhere.
  return {Status::manual,
          fmt::format("none of the {} exec sessions running now {}; finished sessions leave no "
                      "record in the engine: review dockerd's audit records or logs",
                      execs.size(), as_root ? "runs as root" : "is privileged"),
          evidence};
}

std::vector<audit::Result> evaluate_sshd(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.sshd", &judge_sshd);
}

std::vector<audit::Result> evaluate_exec_privileged(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.exec-privileged",
                          [](const auto& container) { return judge_execs(container, false); });
}

std::vector<audit::Result> evaluate_exec_root(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.exec-root",
                          [](const auto& container) { return judge_execs(container, true); });
}

}  // namespace

const Check container_sshd{
    .id = "container.sshd",
    .title = "No SSH daemon runs inside containers",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.7", "5.7", "5.7"},
    .rationale =
        "An SSH daemon in a container is one more service to patch and secure, and a way in "
        "that bypasses the engine's access control; docker exec serves the same purpose.",
    .remediation = "Remove sshd from the image; use docker exec for interactive access.",
    .reads =
        "the process list of running and paused containers from GET /containers/{id}/top "
        "(dockerd runs ps on the host; nothing is executed in the container)",
    .evaluate = &evaluate_sshd,
};

const Check container_exec_privileged{
    .id = "container.exec-privileged",
    .title = "docker exec is not used with --privileged",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 2,
    .cis = {"5.23", "5.23", "5.23"},
    .rationale =
        "docker exec --privileged gives the new process every capability and no confinement, "
        "even in a container that was started without them.",
    .remediation = "Do not use --privileged with docker exec.",
    .reads =
        "ExecIDs of every container and GET /exec/{id}/json ProcessConfig.privileged; only "
        "exec sessions the engine still records are visible",
    .evaluate = &evaluate_exec_privileged,
};

const Check container_exec_root{
    .id = "container.exec-root",
    .title = "docker exec is not used as root",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 2,
    .cis = {"5.24", "5.24", "5.24"},
    .rationale =
        "An exec session as root holds root's capabilities inside the container, whatever user "
        "the container itself runs as.",
    .remediation = "Use docker exec --user with a non-root user.",
    .reads =
        "GET /exec/{id}/json ProcessConfig.user (empty means the container's Config.User); only "
        "exec sessions the engine still records are visible",
    .evaluate = &evaluate_exec_root,
};

}  // namespace dockaudit::checks
