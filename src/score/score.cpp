#include "src/score/score.hpp"

#include <algorithm>

namespace dockaudit::score {

namespace {

std::optional<double> percent(double earned, double weight) {
  if (weight <= 0) return std::nullopt;
  return 100.0 * earned / weight;
}

std::vector<CheckScore> score_checks(const std::vector<audit::Finding>& findings) {
  std::vector<CheckScore> checks;
  for (const auto& finding : findings) {
    const auto id = std::string(finding.check->id);
    auto found = std::find_if(checks.begin(), checks.end(),
                              [&](const CheckScore& score) { return score.check_id == id; });
    if (found == checks.end()) {
      checks.push_back({id, finding.check->scope, finding.weight, 0, 0});
      found = std::prev(checks.end());
    }
    if (!audit::counts_in_score(finding.result.status)) continue;
    ++found->counted;
    if (finding.result.status == audit::Status::pass) ++found->passed;
  }
  return checks;
}

}  // namespace

Score compute(const std::vector<audit::Finding>& findings) {
  Score score;
  score.checks = score_checks(findings);
  for (const auto& finding : findings) ++score.by_status[finding.result.status];

  double total_weight = 0;
  double total_earned = 0;
  for (const auto scope : {audit::Scope::daemon, audit::Scope::host, audit::Scope::container,
                           audit::Scope::image, audit::Scope::swarm}) {
    SectionScore section{scope, 0, 0, std::nullopt};
    bool present = false;
    for (const auto& check : score.checks) {
      if (check.scope != scope) continue;
      present = true;
      if (check.counted == 0) continue;
      section.weight += check.weight;
      section.earned += check.earned();
    }
    if (!present) continue;
    section.percent = percent(section.earned, section.weight);
    total_weight += section.weight;
    total_earned += section.earned;
    score.sections.push_back(section);
  }
  score.overall = percent(total_earned, total_weight);
  return score;
}

}  // namespace dockaudit::score
