#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"

namespace dockaudit::checks {

namespace {

Judgement judge(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{{"HostConfig.Privileged", container.privileged}};
  if (container.privileged) {
    return {audit::Status::fail,
            "privileged: every capability, every device, no seccomp or AppArmor confinement",
            std::move(evidence)};
  }
  return {audit::Status::pass, "not privileged", std::move(evidence)};
}

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.privileged", &judge);
}

}  // namespace

const Check container_privileged{
    .id = "container.privileged",
    .title = "Containers do not run in privileged mode",
    .scope = audit::Scope::container,
    .severity = audit::Severity::critical,
    .level = 1,
    .cis = {"5.5", "5.5", "5.5"},
    .rationale =
        "A privileged container gets all capabilities, access to every host device and no "
        "seccomp, AppArmor or SELinux confinement; escaping it to the host is trivial.",
    .remediation =
        "Remove --privileged; grant only the capabilities (--cap-add) and devices (--device) "
        "the workload needs.",
    .reads = "HostConfig.Privileged of every container",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
