#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  audit::Result result;
  result.check_id = "host.data-root-partition";
  const auto& filesystem = snapshot.docker_host.data_root_filesystem;
  if (!filesystem.ok()) {
    result.target = {audit::Scope::host, "(data root)", "", ""};
    result.status = Status::error;
    result.detail = "the data root's filesystem could not be told: " + filesystem.error;
    return {result};
  }
  const auto& found = *filesystem.value;
  result.target = {audit::Scope::host, found.data_root, "", ""};
  result.evidence = {{"data root (/info DockerRootDir)", found.data_root},
                     {"its mount point in /proc/self/mountinfo", found.mount_point},
                     {"its device", found.device},
                     {"device of /", found.root_device}};
  // A bind mount of the data root onto itself is a mount point on the
  // root's device: only the device tells a partition of its own.
  if (found.device != found.root_device) {
    result.status = Status::pass;
    result.detail = fmt::format("on its own filesystem, device {} mounted at {}", found.device,
                                found.mount_point);
  } else {
    result.status = Status::fail;
    result.detail = fmt::format("on the same device as / ({})", found.root_device);
  }
  return {result};
}

}  // namespace

const Check host_data_root_partition{
    .id = "host.data-root-partition",
    .title = "Docker's data root is on a filesystem of its own",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"1.1.1", "1.1.1", "1.1.1"},
    .rationale =
        "Images, containers and volumes grow without bound; on the root filesystem they can "
        "fill it and stop the host's own services.",
    .remediation =
        "Give the data root (data-root in daemon.json, /var/lib/docker by default) its own "
        "partition or logical volume and mount it there before dockerd starts.",
    .reads =
        "/info DockerRootDir (its parent when userns-remapped), the longest containing mount in "
        "/proc/self/mountinfo, and its major:minor device against that of /",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
