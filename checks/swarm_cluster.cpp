// Swarm settings a manager reports and the data decides: how many managers,
// whether overlay traffic is encrypted, whether managers auto-lock.
#include <algorithm>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/swarm_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

// Docker's own guidance: more managers than this slow every Raft write for
// no gain in fault tolerance.
constexpr std::size_t kMaxManagers = 7;

std::vector<audit::Result> evaluate_manager_count(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "swarm.manager-count";
  if (auto done = swarm_premise(snapshot, id, SwarmReach::manager)) return {*done};
  if (auto done = missing_part(snapshot, id, snapshot.swarm.nodes, "GET /nodes")) return {*done};
  const auto& nodes = *snapshot.swarm.nodes.value;
  std::vector<std::string> managers;
  for (const auto& node : nodes) {
    if (node.role == "manager") managers.push_back(fmt::format("{} ({})", node.hostname, node.id));
  }
  auto result = swarm_result(snapshot, id);
  result.evidence = {{"GET /nodes Spec.Role == manager", managers},
                     {"GET /nodes (count)", nodes.size()}};
  const auto count = managers.size();
  if (count % 2 == 0) {
    result.status = Status::fail;
    result.detail = fmt::format(
        "{} managers: an even number tolerates no more failures than "
        "one fewer",
        count);
  } else if (count > kMaxManagers) {
    result.status = Status::fail;
    result.detail = fmt::format("{} managers, more than {}", count, kMaxManagers);
  } else {
    result.status = Status::pass;
    result.detail = fmt::format("{} manager(s) among {} node(s)", count, nodes.size());
  }
  return {result};
}

std::vector<audit::Result> evaluate_overlay_encryption(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "swarm.overlay-encryption";
  if (auto done = swarm_premise(snapshot, id, SwarmReach::manager)) return {*done};
  const auto& part = snapshot.swarm.overlay_networks;
  if (auto done = missing_part(snapshot, id, part, "GET /networks")) return {*done};
  std::vector<std::string> plain;
  for (const auto& network : *part.value) {
    if (!network.encrypted) plain.push_back(network.name);
  }
  auto result = swarm_result(snapshot, id);
  result.evidence = {{"overlay networks without Options.encrypted", plain},
                     {"overlay networks (count)", part.value->size()}};
  if (plain.empty()) {
    result.status = Status::pass;
    result.detail = fmt::format("all {} overlay networks are encrypted", part.value->size());
  } else {
    result.status = Status::fail;
    result.detail = fmt::format("{} of {} overlay networks are not encrypted: {}", plain.size(),
                                part.value->size(), fmt::join(plain, ", "));
  }
  return {result};
}

std::vector<audit::Result> evaluate_autolock(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "swarm.autolock";
  if (snapshot.engine.ok() && snapshot.engine.value->swarm_state == "locked") {
    auto result = swarm_result(snapshot, id);
    result.status = Status::pass;
    result.detail = "this manager is locked, which only auto-lock does";
    result.evidence = {{"/info Swarm.LocalNodeState", "locked"}};
    return {result};
  }
  if (auto done = swarm_premise(snapshot, id, SwarmReach::manager)) return {*done};
  const auto& part = snapshot.swarm.cluster;
  if (auto done = missing_part(snapshot, id, part, "GET /swarm")) return {*done};
  const auto& autolock = part.value->autolock_managers;
  auto result = swarm_result(snapshot, id);
  result.evidence = {{"GET /swarm Spec.EncryptionConfig.AutoLockManagers",
                      autolock ? nlohmann::json(*autolock) : nlohmann::json(nullptr)}};
  if (!autolock) {
    result.status = Status::error;
    result.detail = "GET /swarm did not report Spec.EncryptionConfig.AutoLockManagers";
  } else if (*autolock) {
    result.status = Status::pass;
    result.detail = "managers auto-lock";
  } else {
    result.status = Status::fail;
    result.detail =
        "managers do not auto-lock: a restarted manager decrypts its Raft keys "
        "without a person";
  }
  return {result};
}

}  // namespace

const Check swarm_manager_count{
    .id = "swarm.manager-count",
    .title = "The swarm has an odd, small number of managers",
    .scope = audit::Scope::swarm,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"7.1", "7.1", "7.1"},
    .rationale =
        "Every manager holds the cluster's secrets and can change anything in it. Managers "
        "beyond fault-tolerance needs only add targets, and an even number adds no tolerance.",
    .remediation = "Demote surplus managers (docker node demote NODE) to keep 1, 3, 5 or 7.",
    .reads =
        "GET /nodes Spec.Role on an active manager; fails for an even count or more than "
        "7; not applicable when swarm mode is off or on a worker",
    .evaluate = &evaluate_manager_count,
};

const Check swarm_overlay_encryption{
    .id = "swarm.overlay-encryption",
    .title = "Swarm overlay networks are encrypted",
    .scope = audit::Scope::swarm,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"7.3", "7.3", "7.3"},
    .rationale =
        "Without encryption, traffic between containers on different nodes crosses "
        "the network as plain VXLAN that anyone on the path can read.",
    .remediation =
        "Create overlay networks with docker network create -d overlay --opt "
        "encrypted, and recreate existing ones that lack it (ingress included).",
    .reads =
        "GET /networks on an active manager: every network with Driver overlay must have "
        "the encrypted key in Options",
    .evaluate = &evaluate_overlay_encryption,
};

const Check swarm_autolock{
    .id = "swarm.autolock",
    .title = "Swarm managers run in auto-lock mode",
    .scope = audit::Scope::swarm,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"7.5", "7.5", "7.5"},
    .rationale =
        "Auto-lock keeps the keys that decrypt the Raft logs encrypted at rest, so a "
        "copied or stolen manager disk does not give away the swarm's secrets.",
    .remediation = "docker swarm update --autolock=true, and keep the unlock key safe.",
    .reads =
        "GET /swarm Spec.EncryptionConfig.AutoLockManagers on an active manager; a "
        "locked manager (/info Swarm.LocalNodeState locked) passes",
    .evaluate = &evaluate_autolock,
};

}  // namespace dockaudit::checks
