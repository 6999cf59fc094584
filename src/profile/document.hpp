// One profile file as written, before the profile it extends is applied:
// what it adds, drops and refines. The reader fills it; resolve applies it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "src/profile/profile.hpp"

namespace dockaudit::profile {

// A `select:` rule. It matches the checks that satisfy every criterion given.
struct SelectRule {
  std::vector<std::string> ids;      // globs over check ids; empty: any id
  std::optional<std::string> level;  // the check's own benchmark level
  std::optional<audit::Scope> section;
  bool enabled = true;  // false drops what the rule matches
};

struct ScopeEntry {
  std::vector<std::string> images;
  std::vector<std::string> labels;
  nlohmann::json overrides = nlohmann::json::object();
};

// A `checks:` entry: only the keys it gives change the check's selection.
struct CheckEntry {
  const checks::Check* check = nullptr;
  std::optional<audit::Severity> severity;
  std::optional<double> weight;
  std::optional<std::string> level;
  std::optional<bool> enabled;
  nlohmann::json parameters = nlohmann::json::object();
  std::optional<std::vector<ScopeEntry>> scoped;
};

struct Document {
  std::filesystem::path path;
  YAML::Mark root;
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> extends;
  YAML::Mark extends_mark;
  std::optional<Benchmark> benchmark;
  std::optional<std::vector<std::string>> default_levels;
  std::vector<SelectRule> rules;
  std::vector<CheckEntry> entries;
};

// "file:line:column", with yaml-cpp's 0-based marks counted from 1.
std::string place(const std::filesystem::path& path, const YAML::Mark& mark);

// "file:line:column: message".
std::string located(const std::filesystem::path& path, const YAML::Mark& mark,
                    const std::string& message);

// Reads and checks one parsed profile file; throws ProfileError at the first
// problem, naming its place and, for a misspelt name, the nearest valid one.
Document read_document(const YAML::Node& root, const std::filesystem::path& path);

// `base` (the extended profile, or an empty one) changed by what `document`
// says. Throws ProfileError when the result selects nothing.
Profile apply_document(Profile base, const Document& document);

}  // namespace dockaudit::profile
