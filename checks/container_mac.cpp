// Mandatory access control per container: AppArmor and SELinux. Each applies
// only where the host has that module.
#include <algorithm>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;
using snapshot::SecurityOption;

const SecurityOption* find_option(const snapshot::Container& container, std::string_view key,
                                  std::string_view value) {
  const auto& options = container.security_options;
  const auto found = std::find_if(options.begin(), options.end(), [&](const auto& option) {
    return option.key == key && option.value == value;
  });
  return found == options.end() ? nullptr : &*found;
}

std::vector<std::string> raw_options(const snapshot::Container& container) {
  std::vector<std::string> raw;
  for (const auto& option : container.security_options) raw.push_back(option.raw);
  return raw;
}

// The host module is on when the local host says so or the engine reports it.
bool host_has(const snapshot::Snapshot& snapshot, const snapshot::Gathered<bool>& local,
              const std::string& engine_option) {
  if (local.ok() && *local.value) return true;
  return snapshot.engine.ok() && snapshot.engine.value->has_security_option(engine_option);
}

std::vector<audit::Result> not_applicable(const snapshot::Snapshot& snapshot,
                                          std::string_view check_id, std::string detail) {
  return judge_containers(snapshot, check_id, [&](const snapshot::Container&) {
    return Judgement{Status::not_applicable, detail, {}};
  });
}

Judgement judge_apparmor(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{{"AppArmorProfile", container.apparmor_profile},
                                        {"HostConfig.SecurityOpt", raw_options(container)}};
  if (container.privileged) {
    return {Status::fail, "privileged containers run without AppArmor confinement",
            std::move(evidence)};
  }
  if (container.apparmor_profile == "unconfined" ||
      find_option(container, "apparmor", "unconfined")) {
    return {Status::fail, "AppArmor profile is unconfined", std::move(evidence)};
  }
  if (container.apparmor_profile.empty()) {
    return {Status::error,
            "no AppArmor profile is recorded for this container, so its confinement cannot be "
            "told from the engine (created before AppArmor was enabled, or by an old daemon)",
            std::move(evidence)};
  }
  return {Status::pass, fmt::format("confined by AppArmor profile {}", container.apparmor_profile),
          std::move(evidence)};
}

std::vector<audit::Result> evaluate_apparmor(const snapshot::Snapshot& snapshot) {
  if (!host_has(snapshot, snapshot.host.apparmor_enabled, "apparmor")) {
    return not_applicable(snapshot, "container.apparmor", "the host has no AppArmor");
  }
  return judge_containers(snapshot, "container.apparmor", &judge_apparmor);
}

Judgement judge_selinux(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{{"HostConfig.SecurityOpt", raw_options(container)},
                                        {"ProcessLabel", container.process_label}};
  if (find_option(container, "label", "disable")) {
    // The daemon adds label=disable itself for privileged, --pid host and
    // --ipc host containers; labelling is off either way.
    return {Status::fail, "SELinux labelling is disabled (label=disable)", std::move(evidence)};
  }
  if (!container.process_label.empty()) {
    return {Status::pass, fmt::format("runs with SELinux label {}", container.process_label),
            std::move(evidence)};
  }
  return {Status::fail,
          "the container has no SELinux label: the daemon runs without selinux-enabled",
          std::move(evidence)};
}

std::vector<audit::Result> evaluate_selinux(const snapshot::Snapshot& snapshot) {
  if (!host_has(snapshot, snapshot.host.selinux_enabled, "selinux")) {
    return not_applicable(snapshot, "container.selinux", "the host has no SELinux");
  }
  return judge_containers(snapshot, "container.selinux", &judge_selinux);
}

}  // namespace

const Check container_apparmor{
    .id = "container.apparmor",
    .title = "Containers are confined by an AppArmor profile",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"5.2", "5.2", "5.2"},
    .rationale =
        "AppArmor limits what a container's processes may touch even when they run as root; "
        "an unconfined container loses that second line of defence.",
    .remediation =
        "Drop --security-opt apparmor=unconfined and --privileged, or give a tailored profile "
        "with --security-opt apparmor=PROFILE.",
    .reads =
        "host AppArmor (/sys/kernel/security/apparmor, /info name=apparmor); AppArmorProfile, "
        "HostConfig.SecurityOpt and Privileged of every container",
    .evaluate = &evaluate_apparmor,
};

const Check container_selinux{
    .id = "container.selinux",
    .title = "Containers run with SELinux labels",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 2,
    .cis = {"5.3", "5.3", "5.3"},
    .rationale =
        "On an SELinux host, container labels keep a compromised container from reading or "
        "writing host files and other containers' files.",
    .remediation =
        "Set \"selinux-enabled\": true in daemon.json, and drop --security-opt label=disable, "
        "--privileged, --pid host and --ipc host, which turn labelling off.",
    .reads =
        "host SELinux (selinuxfs, /info name=selinux); HostConfig.SecurityOpt label options and "
        "ProcessLabel of every container",
    .evaluate = &evaluate_selinux,
};

}  // namespace dockaudit::checks
