#include "src/audit/evaluate.hpp"

#include <fmt/format.h>

#include "src/audit/scoped_run.hpp"

namespace dockaudit::audit {

std::string_view to_string(Drift drift) {
  switch (drift) {
    case Drift::none:
      return "";
    case Drift::new_finding:
      return "new";
    case Drift::unchanged:
      return "unchanged";
    case Drift::resolved:
      return "resolved";
  }
  return "";
}

std::string target_key(const Target& target) {
  return fmt::format("{}:{}", to_string(target.type), target.name.empty() ? target.id : target.name);
}

std::string finding_id(const Result& result) {
  return result.check_id + "@" + target_key(result.target);
}

std::vector<Finding> evaluate(const snapshot::Snapshot& snapshot, const profile::Profile& profile) {
  std::vector<Finding> findings;
  for (const auto& selection : profile.selections) {
    for (auto& result : run_selection(snapshot, selection)) {
      Finding finding;
      finding.result = std::move(result);
      finding.check = selection.check;
      finding.severity = selection.severity;
      finding.weight = selection.weight;
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

}  // namespace dockaudit::audit
