// A check: what good looks like, why, how to get there, which benchmark items
// it implements, and a pure function from the snapshot to one result per target.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/parameters.hpp"
#include "src/audit/result.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::checks {

using Evaluate = std::vector<audit::Result> (*)(const snapshot::Snapshot&);
// For checks that take parameters; `evaluate` then runs with the defaults.
using EvaluateWith = std::vector<audit::Result> (*)(const snapshot::Snapshot&, const Parameters&);

// The recommendation's number in each CIS Docker Benchmark version; empty
// where that version has no such item (or the check is dockaudit's own).
struct CisNumbers {
  std::string_view v1_6;
  std::string_view v1_7;
  std::string_view v1_8;
};

struct Check {
  std::string_view id;
  std::string_view title;
  audit::Scope scope = audit::Scope::daemon;
  audit::Severity severity = audit::Severity::medium;  // a profile may change it
  int level = 1;                                       // the benchmark's level, 1 or 2
  bool manual = false;  // needs a person; its results say what to look at
  CisNumbers cis;
  std::string_view rationale;
  std::string_view remediation;
  std::string_view reads;  // the data that decides it, for `dockaudit explain`
  Evaluate evaluate = nullptr;
  std::span<const Parameter> parameters{};  // what a profile may set
  EvaluateWith evaluate_with = nullptr;   // set exactly when `parameters` is not empty
};

// Runs a check with these parameter values (the profile's, over the defaults).
std::vector<audit::Result> run(const Check& check, const snapshot::Snapshot& snapshot,
                               const Parameters& parameters);

// The benchmark level a check belongs to: "1" or "2", and "swarm" for the
// swarm items, which the benchmark profiles as a selection of their own.
std::string level_name(const Check& check);

// "CIS Docker 1.6.0 5.5" style text for reports; empty for dockaudit's own checks.
std::string describe_references(const Check& check);

// {"cis-docker-1.6": "5.5", ...}, naming only the versions that have the item.
nlohmann::json references_json(const Check& check);

// Every check dockaudit has, in the order `dockaudit checks` lists them.
std::span<const Check* const> registry();

// nullptr when no check has that id.
const Check* find_check(std::string_view id);

}  // namespace dockaudit::checks
