#include "checks/host_targets.hpp"

namespace dockaudit::checks {

audit::Result engine_host_result(const snapshot::Snapshot& snapshot, std::string_view check_id) {
  audit::Result result;
  result.check_id = check_id;
  result.target = {audit::Scope::host, "docker host", "", ""};
  if (!snapshot.engine.ok()) {
    result.status = audit::Status::error;
    result.detail = "the engine could not be asked: " + snapshot.engine.error;
  } else {
    result.status = audit::Status::manual;
  }
  return result;
}

}  // namespace dockaudit::checks
