// Shared plumbing for container checks: one result per container, and an
// error wherever the engine could not tell us about a container.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "checks/judgement.hpp"
#include "src/audit/result.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::checks {

using JudgeContainer = std::function<Judgement(const snapshot::Container&)>;

// Judges every inspected container. When the list could not be read there is
// one error result; a container whose inspect failed gets its own error.
std::vector<audit::Result> judge_containers(const snapshot::Snapshot& snapshot,
                                            std::string_view check_id, const JudgeContainer& judge);

}  // namespace dockaudit::checks
