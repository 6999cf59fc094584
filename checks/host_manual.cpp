// Section 1.2: recommendations no data can decide. Their results carry what a
// person needs to look at.
#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

audit::Result engine_result(const snapshot::Snapshot& snapshot, std::string check_id) {
  audit::Result result;
  result.check_id = std::move(check_id);
  result.target = {audit::Scope::host, "docker host", "", ""};
  if (!snapshot.engine.ok()) {
    result.status = Status::error;
    result.detail = "the engine could not be asked: " + snapshot.engine.error;
  } else {
    result.status = Status::manual;
  }
  return result;
}

std::vector<audit::Result> evaluate_hardened(const snapshot::Snapshot& snapshot) {
  auto result = engine_result(snapshot, "host.os-hardened");
  if (result.status == Status::error) return {result};
  const auto& engine = *snapshot.engine.value;
  result.evidence = {{"/info OperatingSystem", engine.operating_system},
                     {"/info KernelVersion", engine.kernel_version}};
  result.detail = fmt::format("{}, kernel {}: confirm the host follows a hardening guide",
                              engine.operating_system, engine.kernel_version);
  return {result};
}

std::vector<audit::Result> evaluate_current(const snapshot::Snapshot& snapshot) {
  auto result = engine_result(snapshot, "host.engine-current");
  if (result.status == Status::error) return {result};
  const auto& engine = *snapshot.engine.value;
  result.target = {audit::Scope::daemon, "dockerd", "", ""};
  result.evidence = {{"/version Version", engine.server_version},
                     {"API version in use", engine.api_version}};
  result.detail = fmt::format(
      "Docker Engine {}: compare with the current releases and the distribution's updates",
      engine.server_version);
  return {result};
}

}  // namespace

const Check host_os_hardened{
    .id = "host.os-hardened",
    .title = "The host's operating system is hardened",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = true,
    .cis = {"1.2.1", "1.2.1", "1.2.1"},
    .rationale =
        "Containers share the host's kernel; a weak host undoes every protection the daemon and "
        "the containers have.",
    .remediation =
        "Harden the host by a guide for its distribution (for example its CIS benchmark) and "
        "keep the kernel patched.",
    .reads = "/info OperatingSystem and KernelVersion, for a person to judge",
    .evaluate = &evaluate_hardened,
};

const Check host_engine_current{
    .id = "host.engine-current",
    .title = "Docker Engine is a current release",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = true,
    .cis = {"1.2.2", "1.2.2", "1.2.2"},
    .rationale =
        "Old engines miss security fixes in dockerd, containerd and runc; container escapes have "
        "been fixed by updates.",
    .remediation = "Update Docker Engine from the distribution or Docker's repositories.",
    .reads = "/version Version and the negotiated API version, to compare with the release list",
    .evaluate = &evaluate_current,
};

}  // namespace dockaudit::checks
