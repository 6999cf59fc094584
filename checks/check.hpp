// A check: what good looks like, why, how to get there, and a pure function
// from the snapshot to one result per target.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "src/audit/result.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::checks {

using Evaluate = std::vector<audit::Result> (*)(const snapshot::Snapshot&);

struct Check {
  std::string_view id;
  std::string_view title;
  audit::Scope scope;
  std::string_view rationale;
  std::string_view remediation;
  std::string_view references;
  Evaluate evaluate;
};

// Every check dockaudit has, in the order `dockaudit checks` lists them.
std::span<const Check* const> registry();

// nullptr when no check has that id.
const Check* find_check(std::string_view id);

}  // namespace dockaudit::checks
