// Runs one selected check, with the parameters each target's scope asks for.
#pragma once

#include <vector>

#include "src/audit/result.hpp"
#include "src/profile/profile.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::audit {

// Checks are pure functions of the whole snapshot, so a check with scoped
// parameters runs once per distinct parameter set; each container or image
// result is then taken from the run of the first scope that matches its
// target (by image glob and label), and every other result from the run with
// the selection's own parameters.
std::vector<Result> run_selection(const snapshot::Snapshot& snapshot,
                                  const profile::Selection& selection);

// Whether a scope matches a target with this image reference (or tags) and
// these labels.
bool scope_matches(const profile::ScopedParameters& scope,
                   const std::vector<std::string>& image_names,
                   const std::map<std::string, std::string>& labels);

}  // namespace dockaudit::audit
