#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  audit::Result result;
  result.check_id = "daemon.swarm-mode";
  result.target = {audit::Scope::daemon, "dockerd", "", ""};
  if (!snapshot.engine.ok()) {
    result.status = audit::Status::error;
    result.detail = "the engine could not be asked about swarm mode: " + snapshot.engine.error;
    return {result};
  }
  const auto& state = snapshot.engine.value->swarm_state;
  result.evidence.push_back({"/info Swarm.LocalNodeState", state});
  if (state == "inactive") {
    result.status = audit::Status::pass;
    result.detail = "swarm mode is off";
  } else if (state.empty()) {
    result.status = audit::Status::error;
    result.detail = "the engine does not report its swarm state";
  } else {
    result.status = audit::Status::manual;
    result.detail = fmt::format("swarm mode is {}; confirm this host needs it", state);
  }
  return {result};
}

}  // namespace

const Check daemon_swarm_mode{
    .id = "daemon.swarm-mode",
    .title = "Swarm mode is off unless the host needs it",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.1", "5.1", "5.1"},
    .rationale =
        "Swarm mode opens management and gossip ports on the host and turns on services such "
        "as overlay networking that a single host does not need.",
    .remediation = "If the host is not part of a swarm, run docker swarm leave.",
    .reads = "/info Swarm.LocalNodeState",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
