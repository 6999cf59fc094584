// Memory, CPU and process-count limits: three checks of one kind.
#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

Judgement judge_memory(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{{"HostConfig.Memory", container.memory}};
  if (container.memory > 0) {
    return {Status::pass, fmt::format("memory limited to {} bytes", container.memory),
            std::move(evidence)};
  }
  return {Status::fail, "no memory limit (HostConfig.Memory 0 means unlimited)",
          std::move(evidence)};
}

Judgement judge_cpu(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{{"HostConfig.NanoCpus", container.nano_cpus},
                                        {"HostConfig.CpuQuota", container.cpu_quota},
                                        {"HostConfig.CpusetCpus", container.cpuset_cpus}};
  if (container.nano_cpus > 0) {
    return {Status::pass, fmt::format("limited to {} CPUs", container.nano_cpus / 1e9),
            std::move(evidence)};
  }
  if (container.cpu_quota > 0) {
    return {Status::pass, "limited by a CFS quota", std::move(evidence)};
  }
  if (!container.cpuset_cpus.empty()) {
    return {Status::pass, fmt::format("pinned to CPUs {}", container.cpuset_cpus),
            std::move(evidence)};
  }
  // CpuShares is a relative priority, not a limit, so it does not count here.
  return {Status::fail, "no CPU limit: none of NanoCpus, CpuQuota or CpusetCpus is set",
          std::move(evidence)};
}

Judgement judge_pids(const snapshot::Container& container) {
  const auto limit = container.pids_limit;
  std::vector<audit::Evidence> evidence{
      {"HostConfig.PidsLimit", limit ? nlohmann::json(*limit) : nlohmann::json(nullptr)}};
  if (limit && *limit > 0) {
    return {Status::pass, fmt::format("at most {} processes", *limit), std::move(evidence)};
  }
  // null, 0 and negative values all leave pids.max at "max".
  return {Status::fail, "no process limit: a fork bomb can exhaust the host's PIDs",
          std::move(evidence)};
}

// CpuShares 0 means the default weight of 1024.
constexpr std::int64_t kDefaultCpuShares = 1024;

Judgement judge_cpu_priority(const snapshot::Container& container) {
  auto judgement = judge_cpu(container);
  judgement.evidence.push_back({"HostConfig.CpuShares", container.cpu_shares});
  if (judgement.status == Status::pass) return judgement;
  if (container.cpu_shares != 0 && container.cpu_shares != kDefaultCpuShares) {
    return {Status::pass, fmt::format("CPU shares set to {}", container.cpu_shares),
            std::move(judgement.evidence)};
  }
  return {Status::fail, "neither CPU shares nor a CPU limit is set", std::move(judgement.evidence)};
}

std::vector<audit::Result> evaluate_cpu_priority(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.cpu-priority", &judge_cpu_priority);
}

std::vector<audit::Result> evaluate_memory(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.memory-limit", &judge_memory);
}

std::vector<audit::Result> evaluate_cpu(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.cpu-limit", &judge_cpu);
}

std::vector<audit::Result> evaluate_pids(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.pids-limit", &judge_pids);
}

}  // namespace

const Check container_memory_limit{
    .id = "container.memory-limit",
    .title = "Containers have a memory limit",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.11", "5.11", "5.11"},
    .rationale =
        "A container without a memory limit can take all of the host's memory and push the "
        "kernel's OOM killer onto other containers or host services.",
    .remediation =
        "Run the container with --memory (and --memory-swap), or set deploy.resources.limits."
        "memory in Compose.",
    .reads = "HostConfig.Memory of every container",
    .evaluate = &evaluate_memory,
};

const Check container_cpu_limit{
    .id = "container.cpu-limit",
    .title = "Containers have a CPU limit",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.12", "5.12", "5.12"},
    .rationale =
        "Without a CPU limit one container can starve the others and the host. CPU shares only "
        "set a relative priority under contention; they do not cap use.",
    .remediation =
        "Run the container with --cpus, --cpu-quota with --cpu-period, or --cpuset-cpus.",
    .reads = "HostConfig.NanoCpus, CpuQuota and CpusetCpus of every container",
    .evaluate = &evaluate_cpu,
};

const Check container_pids_limit{
    .id = "container.pids-limit",
    .title = "Containers have a process-count limit",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.29", "5.29", "5.29"},
    .rationale =
        "Without a PIDs limit a fork bomb in one container exhausts the host's process table "
        "and takes down everything else on it.",
    .remediation =
        "Run the container with --pids-limit N (a positive number; 0 and -1 mean unlimited).",
    .reads = "HostConfig.PidsLimit of every container",
    .evaluate = &evaluate_pids,
};

const Check container_cpu_priority{
    .id = "container.cpu-priority",
    .title = "Containers have CPU shares or a CPU limit",
    .scope = audit::Scope::container,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"5.12", "5.12", "5.12"},
    .rationale =
        "With default shares every container weighs the same under contention; setting shares "
        "or a limit keeps less important containers from crowding out the rest.",
    .remediation = "Run with --cpu-shares (relative weight) or --cpus (a hard limit).",
    .reads = "HostConfig.CpuShares (0 and 1024 are the default), NanoCpus, CpuQuota, CpusetCpus",
    .evaluate = &evaluate_cpu_priority,
};

}  // namespace dockaudit::checks
