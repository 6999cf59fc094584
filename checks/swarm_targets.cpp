#include "checks/swarm_targets.hpp"

namespace dockaudit::checks {

audit::Result swarm_result(const snapshot::Snapshot& snapshot, std::string_view check_id) {
  audit::Result result;
  result.check_id = check_id;
  std::string id;
  if (snapshot.swarm.cluster.ok()) id = snapshot.swarm.cluster.value->id;
  const auto state = snapshot.engine.ok() ? snapshot.engine.value->swarm_state : std::string();
  result.target = {audit::Scope::swarm, "swarm", id, state};
  return result;
}

std::optional<audit::Result> swarm_premise(const snapshot::Snapshot& snapshot,
                                           std::string_view check_id, SwarmReach reach) {
  auto result = swarm_result(snapshot, check_id);
  if (!snapshot.engine.ok()) {
    result.status = audit::Status::error;
    result.detail = "the engine could not be asked about swarm mode: " + snapshot.engine.error;
    return result;
  }
  const auto& engine = *snapshot.engine.value;
  result.evidence.push_back({"/info Swarm.LocalNodeState", engine.swarm_state});
  if (engine.swarm_state == "inactive") {
    result.status = audit::Status::not_applicable;
    result.detail = "swarm mode is off";
    return result;
  }
  if (engine.swarm_state.empty()) {
    result.status = audit::Status::error;
    result.detail = "the engine does not report its swarm state";
    return result;
  }
  if (engine.swarm_state == "locked") {
    result.status = audit::Status::error;
    result.detail = "this manager is locked; unlock it (docker swarm unlock) and audit again";
    return result;
  }
  if (engine.swarm_state != "active") {
    result.status = audit::Status::error;
    result.detail =
        fmt::format("the swarm is {}, not active; its settings cannot be read", engine.swarm_state);
    return result;
  }
  if (reach == SwarmReach::node) return std::nullopt;
  result.evidence.push_back(
      {"/info Swarm.ControlAvailable", engine.swarm_control_available
                                           ? nlohmann::json(*engine.swarm_control_available)
                                           : nlohmann::json(nullptr)});
  if (engine.swarm_control_available != true) {
    result.status = audit::Status::not_applicable;
    result.detail = "this node is a swarm worker; audit a manager for cluster-wide settings";
    return result;
  }
  if (!snapshot.swarm.not_manager.empty()) {
    result.status = audit::Status::not_applicable;
    result.detail = "this node is no longer a swarm manager: " + snapshot.swarm.not_manager;
    return result;
  }
  return std::nullopt;
}

}  // namespace dockaudit::checks
