// Applies one profile file on top of the profile it extends: rules first, in
// their order, then entries, each changing only what it names.
#include <algorithm>

#include <fmt/format.h>

#include "src/profile/document.hpp"
#include "src/profile/id_glob.hpp"

namespace dockaudit::profile {

namespace {

bool matches_rule(const SelectRule& rule, const checks::Check& check) {
  const std::string id(check.id);
  const bool id_matches =
      rule.ids.empty() || std::any_of(rule.ids.begin(), rule.ids.end(),
                                      [&](const auto& glob) { return glob_matches(glob, id); });
  return id_matches && (!rule.level || *rule.level == checks::level_name(check)) &&
         (!rule.section || *rule.section == check.scope);
}

std::vector<Selection>::iterator find_selection(Profile& profile, const checks::Check* check) {
  return std::find_if(profile.selections.begin(), profile.selections.end(),
                      [&](const Selection& selection) { return selection.check == check; });
}

// A check selected without refinement runs as the check itself describes it.
Selection default_selection(const checks::Check& check) {
  return {&check,
          check.severity,
          1.0,
          checks::level_name(check),
          checks::resolve_parameters(check.parameters, nlohmann::json::object()),
          {}};
}

void apply_rule(Profile& profile, const SelectRule& rule) {
  if (!rule.enabled) {
    std::erase_if(profile.selections,
                  [&](const Selection& selection) { return matches_rule(rule, *selection.check); });
    return;
  }
  for (const auto* check : checks::registry()) {
    if (matches_rule(rule, *check) && find_selection(profile, check) == profile.selections.end()) {
      profile.selections.push_back(default_selection(*check));
    }
  }
}

nlohmann::json overlay(nlohmann::json values, const nlohmann::json& overrides) {
  for (const auto& [name, value] : overrides.items()) values[name] = value;
  return values;
}

// Scopes overlay the selection's own parameters, so they are worked out again
// whenever a later file changes those.
void resolve_scopes(Selection& selection) {
  for (auto& scope : selection.scoped) {
    scope.parameters = checks::resolve_parameters(
        selection.check->parameters, overlay(selection.parameters.values(), scope.overrides));
  }
}

void apply_entry(Profile& profile, const CheckEntry& entry) {
  auto found = find_selection(profile, entry.check);
  if (entry.enabled == false) {
    // Dropping a check nothing selected is allowed: it states the intent.
    if (found != profile.selections.end()) profile.selections.erase(found);
    return;
  }
  if (found == profile.selections.end()) {
    profile.selections.push_back(default_selection(*entry.check));
    found = std::prev(profile.selections.end());
  }
  auto& selection = *found;
  if (entry.severity) selection.severity = *entry.severity;
  if (entry.weight) selection.weight = *entry.weight;
  if (entry.level) selection.level = *entry.level;
  selection.parameters = checks::resolve_parameters(
      entry.check->parameters, overlay(selection.parameters.values(), entry.parameters));
  if (entry.scoped) {
    selection.scoped.clear();
    for (const auto& scope : *entry.scoped) {
      selection.scoped.push_back({scope.images, scope.labels, scope.overrides, {}});
    }
  }
  resolve_scopes(selection);
}

}  // namespace

Profile apply_document(Profile base, const Document& document) {
  base.name = document.name;
  if (document.description) base.description = *document.description;
  base.extends = base.path;
  base.path = document.path.string();
  if (document.benchmark) base.benchmark = document.benchmark;
  if (document.default_levels) base.default_levels = *document.default_levels;
  for (const auto& rule : document.rules) apply_rule(base, rule);
  for (const auto& entry : document.entries) apply_entry(base, entry);
  if (base.selections.empty()) {
    throw ProfileError(located(document.path, document.root,
                               fmt::format("profile '{}' selects no check", document.name)));
  }
  return base;
}

}  // namespace dockaudit::profile
