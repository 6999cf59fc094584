#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "src/profile/document.hpp"
#include "src/profile/id_glob.hpp"

namespace dockaudit::profile {

namespace {

namespace fs = std::filesystem;

// Keeps sums of weights finite and meaningful.
constexpr double kMaxWeight = 1000;

const std::vector<std::string> kTopLevelKeys{
    "name", "description", "extends", "benchmark", "default_levels", "select", "checks"};
const std::vector<std::string> kBenchmarkKeys{"name", "version"};
const std::vector<std::string> kEntryKeys{"id",      "severity",   "weight", "level",
                                          "enabled", "parameters", "scoped"};
const std::vector<std::string> kRuleKeys{"ids", "level", "section", "enabled"};
const std::vector<std::string> kScopeKeys{"images", "labels", "parameters"};
const std::vector<std::string> kSeverities{"low", "medium", "high", "critical"};
constexpr audit::Scope kSections[] = {audit::Scope::daemon, audit::Scope::host,
                                      audit::Scope::container, audit::Scope::image,
                                      audit::Scope::swarm};

class Reader {
 public:
  explicit Reader(fs::path path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    throw ProfileError(located(path_, mark, message));
  }

  std::string suggestion(const std::string& word, const std::vector<std::string>& valid) const {
    const auto close = nearest(word, valid);
    return close.empty() ? "" : fmt::format("; did you mean '{}'?", close);
  }

  void require_known_keys(const YAML::Node& map, const std::vector<std::string>& valid,
                          const std::string& where) const {
    std::map<std::string, YAML::Mark> seen;
    for (const auto& item : map) {
      const auto key = item.first.as<std::string>();
      refuse_merge_key(item.first, where);
      if (std::find(valid.begin(), valid.end(), key) == valid.end()) {
        fail(item.first.Mark(),
             fmt::format("unknown key '{}' in {}{}", key, where, suggestion(key, valid)));
      }
      // yaml-cpp keeps the first of two equal keys; say so rather than choose.
      const auto [first, added] = seen.emplace(key, item.first.Mark());
      if (!added) {
        fail(item.first.Mark(), fmt::format("key '{}' is given twice in {} (first at line {})", key,
                                            where, first->second.line + 1));
      }
    }
  }

  // yaml-cpp reads `<<: *anchor` as an ordinary key named "<<", so a merge
  // would otherwise be reported as a misspelt key.
  void refuse_merge_key(const YAML::Node& key, const std::string& where) const {
    if (key.IsScalar() && key.Scalar() == "<<" && !quoted(key)) {
      fail(key.Mark(), fmt::format("YAML merge keys ('<<') are not supported in {}; write the "
                                   "keys out instead",
                                   where));
    }
  }

  // A quoted ("3") or tagged (!!str 3) scalar is text, even when it reads as
  // a number; only a plain one ("?" in yaml-cpp) is a number.
  static bool quoted(const YAML::Node& node) { return node.Tag() != "?"; }

  std::string text(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node.Mark(), fmt::format("{} must be a string", what));
    return node.as<std::string>();
  }

  CheckEntry entry(const YAML::Node& node, std::set<std::string>& seen) const {
    if (!node.IsMap()) fail(node.Mark(), "each entry under 'checks' must be a mapping");
    require_known_keys(node, kEntryKeys, "a check entry");
    if (!node["id"]) fail(node.Mark(), "a check entry needs an 'id'");

    const auto id = text(node["id"], "'id'");
    CheckEntry entry;
    entry.check = checks::find_check(id);
    if (!entry.check) {
      fail(node["id"].Mark(), fmt::format("unknown check '{}'{}", id, suggestion(id, check_ids())));
    }
    if (!seen.insert(id).second) {
      fail(node["id"].Mark(), fmt::format("check '{}' is selected twice", id));
    }
    if (const auto severity = node["severity"]) entry.severity = this->severity(severity);
    if (const auto weight = node["weight"]) entry.weight = positive_number(weight);
    if (const auto given = node["level"]) entry.level = level(given);
    if (const auto enabled = node["enabled"]) entry.enabled = flag(enabled, "'enabled'");
    if (const auto given = node["parameters"]) entry.parameters = parameters(given, *entry.check);
    if (const auto scoped = node["scoped"]) entry.scoped = scopes(scoped, *entry.check);
    return entry;
  }

  audit::Severity severity(const YAML::Node& node) const {
    const auto word = text(node, "'severity'");
    const auto parsed = audit::parse_severity(word);
    if (!parsed) {
      fail(node.Mark(), fmt::format("severity '{}' is not one of low, medium, high, critical{}",
                                    word, suggestion(word, kSeverities)));
    }
    return *parsed;
  }

  // YAML 1.2's booleans only: "yes" and "on" are text to the schema, and
  // would be read differently by other tools.
  bool flag(const YAML::Node& node, const std::string& what) const {
    const std::string word = node.IsScalar() ? node.Scalar() : "a collection";
    if (node.IsScalar() && !quoted(node)) {
      if (word == "true" || word == "True" || word == "TRUE") return true;
      if (word == "false" || word == "False" || word == "FALSE") return false;
    }
    fail(node.Mark(), fmt::format("{} must be true or false, not '{}'", what, word));
  }

  // Scopes pick targets by image and label, which only container and image
  // results carry; and they change parameters, which the check must take.
  std::vector<ScopeEntry> scopes(const YAML::Node& node, const checks::Check& check) const {
    if (check.scope != audit::Scope::container && check.scope != audit::Scope::image) {
      fail(node.Mark(), fmt::format("check '{}' judges the {}, not containers or images; "
                                    "'scoped' applies only to container and image checks",
                                    check.id, audit::to_string(check.scope)));
    }
    if (check.parameters.empty()) {
      fail(node.Mark(),
           fmt::format("check '{}' takes no parameters, so it has nothing to scope", check.id));
    }
    if (!node.IsSequence()) fail(node.Mark(), "'scoped' must be a list of scopes");
    std::vector<ScopeEntry> scopes;
    for (const auto& item : node) {
      if (!item.IsMap()) fail(item.Mark(), "each scope must be a mapping");
      require_known_keys(item, kScopeKeys, "a scope");
      ScopeEntry scope;
      if (item["images"]) scope.images = names(item["images"], "'images'");
      if (item["labels"]) scope.labels = names(item["labels"], "'labels'");
      if (!item["parameters"]) fail(item.Mark(), "a scope needs 'parameters'");
      scope.overrides = parameters(item["parameters"], check);
      scopes.push_back(std::move(scope));
    }
    return scopes;
  }

  std::vector<std::string> names(const YAML::Node& node, const std::string& what) const {
    if (!node.IsSequence()) fail(node.Mark(), fmt::format("{} must be a list of strings", what));
    std::vector<std::string> list;
    for (const auto& item : node) list.push_back(text(item, fmt::format("each of {}", what)));
    return list;
  }

  SelectRule rule(const YAML::Node& node) const {
    if (!node.IsMap()) fail(node.Mark(), "each rule under 'select' must be a mapping");
    require_known_keys(node, kRuleKeys, "a select rule");
    if (!node["ids"] && !node["level"] && !node["section"]) {
      fail(node.Mark(),
           "a select rule needs one of 'ids', 'level' or 'section' to say what it "
           "matches");
    }
    SelectRule rule;
    if (node["ids"]) rule.ids = globs(node["ids"]);
    if (node["level"]) rule.level = level(node["level"]);
    if (const auto section = node["section"]) rule.section = this->section(section);
    if (node["enabled"]) rule.enabled = flag(node["enabled"], "'enabled'");
    return rule;
  }

  // A glob that matches no check is a typo: the rule would add or drop
  // nothing while the file reads as if it did.
  std::vector<std::string> globs(const YAML::Node& node) const {
    if (!node.IsSequence()) fail(node.Mark(), "'ids' must be a list of strings");
    std::vector<std::string> list;
    for (const auto& item : node) {
      const auto glob = text(item, "each of 'ids'");
      if (glob.empty()) fail(item.Mark(), "an 'ids' glob must not be empty");
      const auto problem = glob_syntax_problem(glob);
      if (!problem.empty()) {
        fail(item.Mark(), fmt::format("'ids' glob '{}' is not a valid glob: {}", glob, problem));
      }
      const auto ids = check_ids();
      if (std::none_of(ids.begin(), ids.end(),
                       [&](const auto& id) { return glob_matches(glob, id); })) {
        const auto close = nearest_glob(glob, ids);
        fail(item.Mark(), fmt::format("'ids' glob '{}' matches no check{}", glob,
                                      close.empty() ? "; `dockaudit checks` lists the check ids"
                                                    : fmt::format("; did you mean '{}'?", close)));
      }
      list.push_back(glob);
    }
    return list;
  }

  audit::Scope section(const YAML::Node& node) const {
    const auto word = text(node, "'section'");
    for (const auto scope : kSections) {
      if (audit::to_string(scope) == word) return scope;
    }
    fail(node.Mark(), fmt::format("section '{}' is not one of daemon, host, container, image, "
                                  "swarm{}",
                                  word, suggestion(word, section_names())));
  }

  static std::vector<std::string> section_names() {
    std::vector<std::string> names;
    for (const auto scope : kSections) names.emplace_back(audit::to_string(scope));
    return names;
  }

  std::string level(const YAML::Node& node) const {
    if (!node.IsScalar()) fail(node.Mark(), "a level must be one of 1, 2, swarm, not a collection");
    const auto word = node.Scalar();
    if (std::find(kLevels.begin(), kLevels.end(), word) == kLevels.end()) {
      fail(node.Mark(),
           fmt::format("level '{}' is not one of 1, 2, swarm{}", word, suggestion(word, kLevels)));
    }
    return word;
  }

  nlohmann::json parameters(const YAML::Node& node, const checks::Check& check) const {
    if (!node.IsMap()) fail(node.Mark(), "'parameters' must be a mapping of names to values");
    std::vector<std::string> names;
    for (const auto& parameter : check.parameters) names.emplace_back(parameter.name);
    auto values = nlohmann::json::object();
    for (const auto& item : node) {
      refuse_merge_key(item.first, "'parameters'");
      const auto name = item.first.as<std::string>();
      const auto declared = std::find_if(check.parameters.begin(), check.parameters.end(),
                                         [&](const auto& p) { return p.name == name; });
      if (declared == check.parameters.end()) {
        fail(item.first.Mark(),
             names.empty()
                 ? fmt::format("check '{}' takes no parameters", check.id)
                 : fmt::format("unknown parameter '{}' of check '{}'{}; it takes: {}", name,
                               check.id, suggestion(name, names), fmt::join(names, ", ")));
      }
      if (values.contains(name)) {
        fail(item.first.Mark(),
             fmt::format("parameter '{}' of check '{}' is given twice", name, check.id));
      }
      values[name] = parameter_value(item.second, *declared, check);
    }
    return values;
  }

  nlohmann::json parameter_value(const YAML::Node& node, const checks::Parameter& parameter,
                                 const checks::Check& check) const {
    const auto wanted =
        parameter.type == checks::ParameterType::integer
            ? fmt::format("an integer from {} to {}", parameter.minimum, parameter.maximum)
            : std::string(checks::to_string(parameter.type));
    const auto wrong = [&](const YAML::Node& at) {
      fail(at.Mark(),
           fmt::format("parameter '{}' of check '{}' must be {}, not '{}'", parameter.name,
                       check.id, wanted, at.IsScalar() ? at.Scalar() : "a collection"));
    };
    if (node.IsNull()) {
      if (parameter.default_value == "null") return nullptr;
      fail(node.Mark(), fmt::format("parameter '{}' of check '{}' has no value; give {} or leave "
                                    "it out for the default ({})",
                                    parameter.name, check.id, wanted, parameter.default_value));
    }
    switch (parameter.type) {
      case checks::ParameterType::string_list: {
        if (!node.IsSequence()) wrong(node);
        auto list = nlohmann::json::array();
        for (const auto& item : node) {
          if (!item.IsScalar() || item.Scalar().empty() ||
              item.Scalar().find_first_of(" \t:,") != std::string::npos) {
            fail(item.Mark(),
                 fmt::format("parameter '{}' of check '{}' lists '{}', which is no name: names "
                             "are non-empty, without blanks, ':' or ','",
                             parameter.name, check.id, item.IsScalar() ? item.Scalar() : "{...}"));
          }
          list.push_back(item.Scalar());
        }
        return list;
      }
      case checks::ParameterType::integer: {
        long long number = 0;
        if (!node.IsScalar() || quoted(node) || !YAML::convert<long long>::decode(node, number) ||
            number < parameter.minimum || number > parameter.maximum) {
          wrong(node);
        }
        return number;
      }
      case checks::ParameterType::boolean: {
        bool flag = false;
        if (!node.IsScalar() || quoted(node) || !YAML::convert<bool>::decode(node, flag)) {
          wrong(node);
        }
        return flag;
      }
      case checks::ParameterType::string:
        if (!node.IsScalar()) wrong(node);
        return node.Scalar();
    }
    wrong(node);
    return nullptr;
  }

  Benchmark benchmark(const YAML::Node& node) const {
    if (!node.IsMap()) fail(node.Mark(), "'benchmark' must be a mapping with 'name' and 'version'");
    require_known_keys(node, kBenchmarkKeys, "'benchmark'");
    if (!node["name"] || !node["version"]) {
      fail(node.Mark(), "'benchmark' needs a 'name' and a 'version'");
    }
    return {text(node["name"], "the benchmark's 'name'"),
            text(node["version"], "the benchmark's 'version'")};
  }

  std::vector<std::string> default_levels(const YAML::Node& node) const {
    if (!node.IsSequence() || node.size() == 0) {
      fail(node.Mark(), "'default_levels' must be a non-empty list of 1, 2 or swarm");
    }
    std::vector<std::string> levels;
    for (const auto& item : node) levels.push_back(level(item));
    return levels;
  }

  double positive_number(const YAML::Node& node) const {
    double value = 0;
    if (!node.IsScalar() || quoted(node) || !YAML::convert<double>::decode(node, value) ||
        !(value > 0) || value > kMaxWeight) {
      fail(node.Mark(), fmt::format("weight must be a number above 0 and at most {}, not '{}'",
                                    kMaxWeight, node.IsScalar() ? node.Scalar() : "a collection"));
    }
    return value;
  }

  static std::vector<std::string> check_ids() {
    std::vector<std::string> ids;
    for (const auto* check : checks::registry()) ids.emplace_back(check->id);
    return ids;
  }

  Document read(const YAML::Node& root) const {
    if (!root.IsMap()) fail(root.Mark(), "a profile must be a mapping with 'name' and 'checks'");
    require_known_keys(root, kTopLevelKeys, "the profile");
    Document document;
    document.path = path_;
    document.root = root.Mark();
    if (!root["name"]) fail(root.Mark(), "the profile needs a 'name'");
    document.name = text(root["name"], "'name'");
    if (document.name.find_first_not_of(" \t") == std::string::npos) {
      fail(root["name"].Mark(), "'name' must not be empty");
    }
    if (root["description"]) document.description = text(root["description"], "'description'");
    if (const auto extends = root["extends"]) {
      document.extends = text(extends, "'extends'");
      document.extends_mark = extends.Mark();
      if (document.extends->empty()) fail(extends.Mark(), "'extends' must name a profile");
    }
    if (root["benchmark"]) document.benchmark = benchmark(root["benchmark"]);
    if (root["default_levels"]) document.default_levels = default_levels(root["default_levels"]);
    if (const auto rules = root["select"]) {
      if (!rules.IsSequence()) fail(rules.Mark(), "'select' must be a list of rules");
      for (const auto& item : rules) document.rules.push_back(rule(item));
    }

    // Without a parent or rules, the entries are all the profile selects.
    const auto list = root["checks"];
    if (!document.extends && !root["select"] && (!list || !list.IsSequence() || list.size() == 0)) {
      fail(list ? list.Mark() : root.Mark(), "'checks' must be a non-empty list");
    }
    if (list && !list.IsSequence()) fail(list.Mark(), "'checks' must be a list of check entries");
    std::set<std::string> seen;
    for (const auto& item : list) document.entries.push_back(entry(item, seen));
    return document;
  }

 private:
  fs::path path_;
};

}  // namespace

std::string place(const fs::path& path, const YAML::Mark& mark) {
  // yaml-cpp counts lines and columns from 0, and marks an empty document -1:-1.
  return fmt::format("{}:{}:{}", path.string(), std::max(mark.line, 0) + 1,
                     std::max(mark.column, 0) + 1);
}

std::string located(const fs::path& path, const YAML::Mark& mark, const std::string& message) {
  return fmt::format("{}: {}", place(path, mark), message);
}

Document read_document(const YAML::Node& root, const fs::path& path) {
  return Reader(path).read(root);
}

}  // namespace dockaudit::profile
