#include "src/audit/evaluate.hpp"

namespace dockaudit::audit {

std::vector<Finding> evaluate(const snapshot::Snapshot& snapshot, const profile::Profile& profile) {
  std::vector<Finding> findings;
  for (const auto& selection : profile.selections) {
    for (auto& result : checks::run(*selection.check, snapshot, selection.parameters)) {
      findings.push_back(
          {std::move(result), selection.check, selection.severity, selection.weight});
    }
  }
  return findings;
}

}  // namespace dockaudit::audit
