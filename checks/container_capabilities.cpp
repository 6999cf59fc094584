#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"
#include "src/snapshot/capabilities.hpp"

namespace dockaudit::checks {

namespace {

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

constexpr Parameter kParameters[] = {
    {"allowed_capabilities", ParameterType::string_list, "[]",
     "capabilities beyond Docker's defaults a container may add (NET_BIND_SERVICE); scope it "
     "to the images that need it"},
};

Judgement judge(const snapshot::Container& container, const std::vector<std::string>& allowed) {
  std::vector<audit::Evidence> evidence{{"HostConfig.Privileged", container.privileged},
                                        {"HostConfig.CapAdd (normalised)", container.cap_add},
                                        {"HostConfig.CapDrop (normalised)", container.cap_drop},
                                        {"parameter allowed_capabilities", allowed}};
  if (container.privileged) {
    return {audit::Status::fail, "privileged: the container holds every capability",
            std::move(evidence)};
  }
  if (contains(container.cap_add, "ALL")) {
    const auto detail = container.cap_drop.empty()
                            ? std::string("--cap-add ALL grants every capability")
                            : fmt::format("--cap-add ALL grants every capability but {}",
                                          fmt::join(container.cap_drop, ", "));
    return {audit::Status::fail, detail, std::move(evidence)};
  }
  std::vector<std::string> extra;
  for (const auto& name : container.cap_add) {
    if (!snapshot::default_capabilities().count(name) && !contains(container.cap_drop, name) &&
        !contains(allowed, name)) {
      extra.push_back(name);
    }
  }
  if (!extra.empty()) {
    return {audit::Status::fail,
            fmt::format("adds capabilities beyond Docker's defaults: {}", fmt::join(extra, ", ")),
            std::move(evidence)};
  }
  if (contains(container.cap_drop, "ALL")) {
    return {audit::Status::pass, "drops every capability it does not add back",
            std::move(evidence)};
  }
  return {audit::Status::pass, "no capability beyond Docker's defaults", std::move(evidence)};
}

std::vector<audit::Result> evaluate_with(const snapshot::Snapshot& snapshot,
                                         const Parameters& parameters) {
  // Normalised like CapAdd, so "net_bind_service" in a profile allows CAP_NET_BIND_SERVICE.
  const auto allowed = snapshot::normalise_capabilities(
      parameters.strings("allowed_capabilities").value_or(std::vector<std::string>{}));
  return judge_containers(
      snapshot, "container.capabilities",
      [&](const snapshot::Container& container) { return judge(container, allowed); });
}

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  return evaluate_with(snapshot, resolve_parameters(kParameters, {}));
}

}  // namespace

const Check container_capabilities{
    .id = "container.capabilities",
    .title = "Containers add no capabilities beyond Docker's defaults",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"5.4", "5.4", "5.4"},
    .rationale =
        "Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container powers that "
        "lead straight to the host; Docker's default set is already generous.",
    .remediation =
        "Remove --cap-add entries the workload does not need; better, run with --cap-drop ALL "
        "and add back only what it needs.",
    .reads =
        "HostConfig.Privileged, CapAdd and CapDrop of every container; names normalised "
        "(case, CAP_ prefix, ALL); the profile's allowed_capabilities",
    .evaluate = &evaluate,
    .parameters = kParameters,
    .evaluate_with = &evaluate_with,
};

}  // namespace dockaudit::checks
