// Mandatory access control on the host, as the engine applies it: dockerd
// reports name=apparmor when it confines containers with AppArmor, and
// name=selinux when it labels them for SELinux.
#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/host_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

nlohmann::json shown(const snapshot::Gathered<bool>& fact) {
  return fact.ok() ? nlohmann::json(*fact.value) : nlohmann::json("unreadable: " + fact.error);
}

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  auto result = engine_host_result(snapshot, "host.mac-enabled");
  if (result.status == Status::error) return {result};
  const auto& engine = *snapshot.engine.value;
  const bool apparmor = engine.has_security_option("apparmor");
  const bool selinux = engine.has_security_option("selinux");
  result.evidence = {{"/info SecurityOptions", engine.security_options},
                     {"AppArmor enabled on this machine", shown(snapshot.host.apparmor_enabled)},
                     {"SELinux enabled on this machine", shown(snapshot.host.selinux_enabled)}};
  if (apparmor || selinux) {
    result.status = Status::pass;
    result.detail = fmt::format("the engine confines containers with {}",
                                apparmor && selinux ? "AppArmor and SELinux"
                                : apparmor          ? "AppArmor"
                                                    : "SELinux");
    return {result};
  }
  result.status = Status::fail;
  const auto& selinux_here = snapshot.host.selinux_enabled;
  const bool selinux_idle = selinux_here.ok() && *selinux_here.value;
  result.detail = selinux_idle
                      ? "SELinux is on, but dockerd does not label containers (selinux-enabled "
                        "is off)"
                      : "the engine confines containers with neither AppArmor nor SELinux";
  return {result};
}

}  // namespace

const Check host_mac_enabled{
    .id = "host.mac-enabled",
    .title = "The engine confines containers with AppArmor or SELinux",
    .scope = audit::Scope::host,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"", "", ""},
    .rationale =
        "Mandatory access control limits what a process that escapes its container can touch "
        "on the host; without it the kernel's namespaces are the only wall.",
    .remediation =
        "Enable AppArmor (Debian, Ubuntu: apparmor package, apparmor=1 security=apparmor on the "
        "kernel command line) or SELinux with \"selinux-enabled\": true in daemon.json, then "
        "restart dockerd.",
    .reads =
        "/info SecurityOptions (name=apparmor, name=selinux), with this machine's AppArmor and "
        "SELinux state as evidence",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
