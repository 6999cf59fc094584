#include "checks/container_targets.hpp"

namespace dockaudit::checks {

namespace {

audit::Target target_of(const snapshot::Container& container) {
  return {audit::Scope::container, container.name, container.id, container.state};
}

}  // namespace

std::vector<audit::Result> judge_containers(const snapshot::Snapshot& snapshot,
                                            std::string_view check_id,
                                            const JudgeContainer& judge) {
  std::vector<audit::Result> results;
  if (!snapshot.containers.ok()) {
    audit::Result result;
    result.check_id = check_id;
    result.status = audit::Status::error;
    result.target = {audit::Scope::container, "(all containers)", "", ""};
    result.detail = "containers could not be listed: " + snapshot.containers.error;
    results.push_back(std::move(result));
    return results;
  }
  for (const auto& container : *snapshot.containers.value) {
    audit::Result result;
    result.check_id = check_id;
    result.target = target_of(container);
    if (!container.inspect_error.empty()) {
      result.status = audit::Status::error;
      result.detail = "the container could not be inspected: " + container.inspect_error;
    } else {
      auto judgement = judge(container);
      result.status = judgement.status;
      result.detail = std::move(judgement.detail);
      result.evidence = std::move(judgement.evidence);
    }
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace dockaudit::checks
