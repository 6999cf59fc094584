// Operations no engine data can decide: a plan for incidents and backups of
// what containers keep. The results gather what such plans must cover.
#include <set>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/host_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

// Enough names to act on without flooding the report.
constexpr std::size_t kMaxListed = 20;

// Volumes and bind-mounted host paths hold what a container keeps; its own
// writable layer is in the data root.
std::pair<std::vector<std::string>, std::vector<std::string>> kept_data(
    const std::vector<snapshot::Container>& containers) {
  std::set<std::string> volumes;
  std::set<std::string> binds;
  for (const auto& container : containers) {
    for (const auto& mount : container.mounts) {
      if (!mount.read_write) continue;
      if (mount.type == "volume") volumes.insert(mount.source);
      if (mount.type == "bind") binds.insert(mount.source);
    }
  }
  const auto first = [](const std::set<std::string>& all) {
    std::vector<std::string> listed(all.begin(), all.end());
    if (listed.size() > kMaxListed) listed.resize(kMaxListed);
    return listed;
  };
  return {first(volumes), first(binds)};
}

std::vector<audit::Result> evaluate_backups(const snapshot::Snapshot& snapshot) {
  auto result = engine_host_result(snapshot, "ops.backups");
  if (result.status == Status::error) return {result};
  result.evidence.push_back({"/info DockerRootDir", snapshot.engine.value->docker_root_dir});
  result.evidence.push_back({"daemon.json in force", snapshot.daemon_config.path});
  if (!snapshot.containers.ok()) {
    result.detail = fmt::format(
        "containers could not be listed ({}); confirm that daemon.json, the volumes and the "
        "data in {} are backed up and a restore has been tried",
        snapshot.containers.error, snapshot.engine.value->docker_root_dir);
    return {result};
  }
  const auto [volumes, binds] = kept_data(*snapshot.containers.value);
  result.evidence.push_back({"writable volumes in use (host paths)", volumes});
  result.evidence.push_back({"writable bind mounts in use (host paths)", binds});
  result.detail = fmt::format(
      "confirm that daemon.json, the {} writable volumes and {} bind-mounted host paths "
      "containers write to are backed up, and that a restore has been tried",
      volumes.size(), binds.size());
  return {result};
}

std::vector<audit::Result> evaluate_incident_response(const snapshot::Snapshot& snapshot) {
  auto result = engine_host_result(snapshot, "ops.incident-response");
  if (result.status == Status::error) return {result};
  const auto& engine = *snapshot.engine.value;
  result.evidence = {{"/info LoggingDriver", engine.logging_driver},
                     {"/info LiveRestoreEnabled", engine.live_restore_enabled
                                                      ? nlohmann::json(*engine.live_restore_enabled)
                                                      : nlohmann::json(nullptr)}};
  result.detail = fmt::format(
      "confirm a written plan covers a compromised container: who is called, how it is "
      "isolated (docker network disconnect, docker pause) and its evidence kept (docker "
      "inspect, docker export, the logs of the {} driver) before it is removed",
      engine.logging_driver.empty() ? "configured" : engine.logging_driver);
  return {result};
}

}  // namespace

const Check ops_backups{
    .id = "ops.backups",
    .title = "What containers keep is backed up, and restores are tried",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = true,
    .cis = {"", "", ""},
    .rationale =
        "Volumes and bind-mounted directories hold the state containers are recreated around; "
        "lose them and rebuilding the images does not bring the service back.",
    .remediation =
        "Back up daemon.json, every named volume and bind-mounted data directory on a "
        "schedule, keep a copy off the host, and restore one regularly to prove it works.",
    .reads =
        "/info DockerRootDir, the daemon.json in force, and the writable volume and bind "
        "mounts of every container, for a person to compare with the backup plan",
    .evaluate = &evaluate_backups,
};

const Check ops_incident_response{
    .id = "ops.incident-response",
    .title = "A plan says how to respond to a compromised container",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = true,
    .cis = {"", "", ""},
    .rationale =
        "The first minutes decide whether evidence survives: removing a container destroys "
        "its writable layer, and logs kept only on the host may be gone with it.",
    .remediation =
        "Write down who responds, how a container is isolated and its evidence kept (inspect, "
        "export, logs), and rehearse it.",
    .reads = "/info LoggingDriver and LiveRestoreEnabled, for a person to compare with the plan",
    .evaluate = &evaluate_incident_response,
};

}  // namespace dockaudit::checks
