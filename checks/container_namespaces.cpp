// Host namespaces: a container that shares one with the host sees, and can
// often affect, everything of that kind on the host.
#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"

namespace dockaudit::checks {

namespace {

Judgement judge_mode(std::string_view path, const std::string& mode, std::string_view shared) {
  std::vector<audit::Evidence> evidence{{std::string(path), mode}};
  if (mode == "host") {
    return {audit::Status::fail, fmt::format("shares the host's {}", shared), std::move(evidence)};
  }
  return {audit::Status::pass, fmt::format("has its own {}", shared), std::move(evidence)};
}

std::vector<audit::Result> evaluate_network(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.host-network", [](const auto& container) {
    return judge_mode("HostConfig.NetworkMode", container.network_mode, "network stack");
  });
}

std::vector<audit::Result> evaluate_pid(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.host-pid", [](const auto& container) {
    return judge_mode("HostConfig.PidMode", container.pid_mode, "process namespace");
  });
}

std::vector<audit::Result> evaluate_ipc(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.host-ipc", [](const auto& container) {
    return judge_mode("HostConfig.IpcMode", container.ipc_mode, "IPC namespace");
  });
}

std::vector<audit::Result> evaluate_uts(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.host-uts", [](const auto& container) {
    return judge_mode("HostConfig.UTSMode", container.uts_mode, "UTS namespace (hostname)");
  });
}

std::vector<audit::Result> evaluate_userns(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.host-userns", [](const auto& container) {
    return judge_mode("HostConfig.UsernsMode", container.userns_mode, "user namespace");
  });
}

}  // namespace

const Check container_host_network{
    .id = "container.host-network",
    .title = "Containers do not share the host's network namespace",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"5.10", "5.10", "5.10"},
    .rationale =
        "With --network host a container sees every host interface, can bind any host port and "
        "reach services listening only on loopback.",
    .remediation = "Drop --network host; publish the ports the service needs with -p.",
    .reads = "HostConfig.NetworkMode of every container",
    .evaluate = &evaluate_network,
};

const Check container_host_pid{
    .id = "container.host-pid",
    .title = "Containers do not share the host's process namespace",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"5.16", "5.16", "5.16"},
    .rationale =
        "With --pid host a container sees every host process and, as root, can signal or trace "
        "them; the daemon also turns SELinux labelling off for it.",
    .remediation = "Drop --pid host.",
    .reads = "HostConfig.PidMode of every container",
    .evaluate = &evaluate_pid,
};

const Check container_host_ipc{
    .id = "container.host-ipc",
    .title = "Containers do not share the host's IPC namespace",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"5.17", "5.17", "5.17"},
    .rationale =
        "With --ipc host a container can read and write the host's shared memory segments and "
        "semaphores, which other processes trust.",
    .remediation = "Drop --ipc host; share IPC between containers with --ipc container:NAME.",
    .reads = "HostConfig.IpcMode of every container",
    .evaluate = &evaluate_ipc,
};

const Check container_host_uts{
    .id = "container.host-uts",
    .title = "Containers do not share the host's UTS namespace",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.21", "5.21", "5.21"},
    .rationale = "With --uts host a container can change the host's hostname and domain name.",
    .remediation = "Drop --uts host.",
    .reads = "HostConfig.UTSMode of every container",
    .evaluate = &evaluate_uts,
};

const Check container_host_userns{
    .id = "container.host-userns",
    .title = "Containers do not opt out of user-namespace remapping",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"5.31", "5.31", "5.31"},
    .rationale =
        "--userns host runs the container in the host's user namespace even when the daemon "
        "remaps users, so container root is real root again.",
    .remediation = "Drop --userns host.",
    .reads = "HostConfig.UsernsMode of every container",
    .evaluate = &evaluate_userns,
};

}  // namespace dockaudit::checks
