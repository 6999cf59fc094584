// Score = weighted share of passing results. Each check carries its weight
// once; a check with many targets shares it among them, so one bad container
// among a hundred costs a hundredth of that check. Only pass, fail and error
// count; error counts as a failure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/audit/evaluate.hpp"

namespace dockaudit::score {

struct CheckScore {
  std::string check_id;
  audit::Scope scope = audit::Scope::daemon;
  double weight = 0;
  int counted = 0;  // pass + fail + error
  int passed = 0;
  double earned() const { return counted == 0 ? 0 : weight * passed / counted; }
};

struct SectionScore {
  audit::Scope scope = audit::Scope::daemon;
  double weight = 0;  // sum of the weights of checks with counted results
  double earned = 0;
  std::optional<double> percent;  // none when nothing in the section counted
};

struct Score {
  std::optional<double> overall;  // 0–100; none when nothing counted
  std::vector<SectionScore> sections;
  std::vector<CheckScore> checks;
  std::map<audit::Status, int> by_status;
};

Score compute(const std::vector<audit::Finding>& findings);

}  // namespace dockaudit::score
