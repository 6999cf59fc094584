// Run options that are judged one field at a time: read-only root, restart
// policy, devices, ulimits, cgroup parent, default bridge, healthcheck.
#include <algorithm>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"
#include "checks/secret_patterns.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

// More retries than this turns a crash loop into a denial of service.
constexpr std::int64_t kMaxRestartRetries = 5;

Judgement judge_readonly(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{{"HostConfig.ReadonlyRootfs", container.readonly_rootfs}};
  if (container.readonly_rootfs) return {Status::pass, "root filesystem is read-only", evidence};
  return {Status::fail, "root filesystem is writable", evidence};
}

Judgement judge_restart(const snapshot::Container& container) {
  const auto& policy = container.restart_policy;
  std::vector<audit::Evidence> evidence{
      {"HostConfig.RestartPolicy.Name", policy.name},
      {"HostConfig.RestartPolicy.MaximumRetryCount", policy.maximum_retry_count}};
  if (policy.name.empty() || policy.name == "no") {
    return {Status::pass, "never restarted automatically", evidence};
  }
  if (policy.name == "on-failure" && policy.maximum_retry_count >= 1 &&
      policy.maximum_retry_count <= kMaxRestartRetries) {
    return {Status::pass, fmt::format("on-failure, at most {} retries", policy.maximum_retry_count),
            evidence};
  }
  if (policy.name == "on-failure") {
    return {Status::fail,
            policy.maximum_retry_count == 0
                ? std::string("on-failure without a retry limit")
                : fmt::format("on-failure with {} retries (more than {})",
                              policy.maximum_retry_count, kMaxRestartRetries),
            evidence};
  }
  return {Status::fail, fmt::format("restart policy {} restarts without limit", policy.name),
          evidence};
}

Judgement judge_devices(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{
      {"HostConfig.Devices", container.devices},
      {"HostConfig.DeviceCgroupRules", container.device_cgroup_rules},
      {"HostConfig.Privileged", container.privileged}};
  if (container.privileged) {
    return {Status::fail, "privileged: every host device is available", evidence};
  }
  if (container.devices.empty() && container.device_cgroup_rules.empty()) {
    return {Status::pass, "no host device is passed in", evidence};
  }
  return {Status::manual, "host devices are passed in; confirm each is needed", evidence};
}

Judgement judge_ulimits(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{{"HostConfig.Ulimits", container.ulimits}};
  if (container.ulimits.empty()) return {Status::pass, "default ulimits", evidence};
  // The daemon merges its default-ulimits into this list at start, so an
  // entry may not be the container's own choice.
  return {Status::manual,
          fmt::format("ulimits set ({}); confirm each override is needed",
                      fmt::join(container.ulimits, ", ")),
          evidence};
}

Judgement judge_cgroup_parent(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{{"HostConfig.CgroupParent", container.cgroup_parent}};
  if (container.cgroup_parent.empty()) return {Status::pass, "default cgroup parent", evidence};
  return {Status::manual,
          fmt::format("runs under cgroup parent {}; confirm it is intended and limited",
                      container.cgroup_parent),
          evidence};
}

Judgement judge_default_bridge(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{{"NetworkSettings.Networks (names)", container.networks},
                                        {"HostConfig.NetworkMode", container.network_mode}};
  const auto& networks = container.networks;
  if (std::find(networks.begin(), networks.end(), "bridge") != networks.end()) {
    return {Status::fail, "attached to the default bridge, where containers reach each other",
            evidence};
  }
  return {Status::pass, "not on the default bridge", evidence};
}

Judgement judge_healthcheck(const snapshot::Container& container) {
  const auto& test = container.healthcheck;
  std::vector<audit::Evidence> evidence{
      {"Config.Healthcheck.Test",
       test ? nlohmann::json(mask_lines(*test)) : nlohmann::json(nullptr)},
      {"State.Health.Status", container.health_status}};
  if (!test || test->empty()) return {Status::fail, "no healthcheck", evidence};
  if (test->front() == "NONE") return {Status::fail, "healthcheck disabled (NONE)", evidence};
  if (container.health_status == "unhealthy") {
    return {Status::pass, "healthcheck configured; the container is currently unhealthy", evidence};
  }
  return {Status::pass, "healthcheck configured", evidence};
}

std::vector<audit::Result> evaluate_readonly(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.readonly-rootfs", &judge_readonly);
}
std::vector<audit::Result> evaluate_restart(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.restart-policy", &judge_restart);
}
std::vector<audit::Result> evaluate_devices(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.devices", &judge_devices);
}
std::vector<audit::Result> evaluate_ulimits(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.ulimits", &judge_ulimits);
}
std::vector<audit::Result> evaluate_cgroup_parent(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.cgroup-parent", &judge_cgroup_parent);
}
std::vector<audit::Result> evaluate_default_bridge(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.default-bridge", &judge_default_bridge);
}
std::vector<audit::Result> evaluate_healthcheck(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.healthcheck", &judge_healthcheck);
}

}  // namespace

const Check container_readonly_rootfs{
    .id = "container.readonly-rootfs",
    .title = "Containers run with a read-only root filesystem",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.13", "5.13", "5.13"},
    .rationale =
        "A read-only root filesystem stops an intruder from changing binaries or dropping "
        "tools, and makes the data a container writes explicit.",
    .remediation = "Run with --read-only and mount writable volumes or --tmpfs where needed.",
    .reads = "HostConfig.ReadonlyRootfs of every container",
    .evaluate = &evaluate_readonly,
};

const Check container_restart_policy{
    .id = "container.restart-policy",
    .title = "Restart policies are on-failure with at most 5 retries",
    .scope = audit::Scope::container,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"5.15", "5.15", "5.15"},
    .rationale =
        "always and unless-stopped, or on-failure without a limit, restart a failing container "
        "forever and can starve the host.",
    .remediation = "Use --restart on-failure:5 (or fewer retries), or no restart policy.",
    .reads = "HostConfig.RestartPolicy Name and MaximumRetryCount",
    .evaluate = &evaluate_restart,
};

const Check container_devices{
    .id = "container.devices",
    .title = "Host devices are not passed into containers",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.18", "5.18", "5.18"},
    .rationale =
        "A host device in a container gives direct access to hardware or kernel interfaces; "
        "each one needs a reason.",
    .remediation = "Remove --device and --device-cgroup-rule entries the workload does not need.",
    .reads = "HostConfig.Devices, DeviceCgroupRules and Privileged; a person confirms a list",
    .evaluate = &evaluate_devices,
};

const Check container_ulimits{
    .id = "container.ulimits",
    .title = "Containers override default ulimits only when needed",
    .scope = audit::Scope::container,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"5.19", "5.19", "5.19"},
    .rationale =
        "Raised ulimits let one container use more host resources (files, processes) than the "
        "daemon's defaults allow.",
    .remediation = "Remove --ulimit overrides that are not needed.",
    .reads = "HostConfig.Ulimits (daemon default-ulimits are merged in); a person confirms",
    .evaluate = &evaluate_ulimits,
};

const Check container_cgroup_parent{
    .id = "container.cgroup-parent",
    .title = "Containers use the default cgroup parent unless confirmed",
    .scope = audit::Scope::container,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"5.25", "5.25", "5.25"},
    .rationale =
        "A custom cgroup parent moves the container out of the limits the host applies to "
        "Docker's cgroup.",
    .remediation = "Drop --cgroup-parent unless the target cgroup is deliberately limited.",
    .reads = "HostConfig.CgroupParent of every container",
    .evaluate = &evaluate_cgroup_parent,
};

const Check container_default_bridge{
    .id = "container.default-bridge",
    .title = "Containers do not use the default bridge network",
    .scope = audit::Scope::container,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"5.30", "5.30", "5.30"},
    .rationale =
        "All containers on the default bridge can reach each other unless icc is off; "
        "user-defined networks isolate applications from each other.",
    .remediation = "Attach containers to user-defined networks (docker network create).",
    .reads = "NetworkSettings.Networks of every container",
    .evaluate = &evaluate_default_bridge,
};

const Check container_healthcheck{
    .id = "container.healthcheck",
    .title = "Containers have a healthcheck",
    .scope = audit::Scope::container,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"5.27", "5.27", "5.27"},
    .rationale =
        "Without a healthcheck a hung or compromised service keeps running unnoticed by the "
        "engine and its orchestration.",
    .remediation = "Add HEALTHCHECK to the image or run with --health-cmd.",
    .reads = "Config.Healthcheck.Test (absent or [\"NONE\"] fails) and State.Health.Status",
    .evaluate = &evaluate_healthcheck,
};

}  // namespace dockaudit::checks
