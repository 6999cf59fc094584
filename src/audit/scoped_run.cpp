#include "src/audit/scoped_run.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "src/audit/selectors.hpp"

namespace dockaudit::audit {

namespace {

struct TargetFacts {
  std::vector<std::string> image_names;
  std::map<std::string, std::string> labels;
};

// A container is named by the image reference it was created with, both as
// written and as `docker ps` spells it ("nginx" is "nginx:latest"); an image
// by each of its tags.
std::optional<TargetFacts> facts_of(const snapshot::Snapshot& snapshot, const Target& target) {
  if (target.type == Scope::container && snapshot.containers.ok()) {
    for (const auto& container : *snapshot.containers.value) {
      if (container.id != target.id || target.id.empty()) continue;
      return TargetFacts{{container.image, snapshot::familiar_reference(container.image)},
                         container.labels};
    }
  }
  if (target.type == Scope::image && snapshot.images.ok()) {
    for (const auto& image : *snapshot.images.value) {
      if (image.id != target.id || target.id.empty()) continue;
      TargetFacts facts{{}, image.labels};
      for (const auto& tag : image.repo_tags) {
        facts.image_names.push_back(tag);
        facts.image_names.push_back(snapshot::familiar_reference(tag));
      }
      return facts;
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> first_scope(const profile::Selection& selection,
                                       const TargetFacts& facts) {
  for (std::size_t index = 0; index < selection.scoped.size(); ++index) {
    if (scope_matches(selection.scoped[index], facts.image_names, facts.labels)) return index;
  }
  return std::nullopt;
}

bool same_target(const Target& a, const Target& b) {
  return a.type == b.type && a.id == b.id && a.name == b.name;
}

}  // namespace

bool scope_matches(const profile::ScopedParameters& scope,
                   const std::vector<std::string>& image_names,
                   const std::map<std::string, std::string>& labels) {
  return (scope.images.empty() || any_glob_matches(scope.images, image_names)) &&
         (scope.labels.empty() || any_label_matches(scope.labels, labels));
}

std::vector<Result> run_selection(const snapshot::Snapshot& snapshot,
                                  const profile::Selection& selection) {
  auto results = checks::run(*selection.check, snapshot, selection.parameters);
  if (selection.scoped.empty()) return results;

  // Runs keyed by their parameters, made only for scopes some target needs.
  std::map<std::string, std::vector<Result>> scoped_runs;
  for (auto& result : results) {
    const auto facts = facts_of(snapshot, result.target);
    if (!facts) continue;
    const auto scope = first_scope(selection, *facts);
    if (!scope) continue;
    const auto& parameters = selection.scoped[*scope].parameters;
    const auto key = parameters.values().dump();
    auto run = scoped_runs.find(key);
    if (run == scoped_runs.end()) {
      run = scoped_runs.emplace(key, checks::run(*selection.check, snapshot, parameters)).first;
    }
    const auto scoped = std::find_if(run->second.begin(), run->second.end(), [&](const auto& r) {
      return same_target(r.target, result.target);
    });
    if (scoped != run->second.end()) result = *scoped;
  }
  return results;
}

}  // namespace dockaudit::audit
