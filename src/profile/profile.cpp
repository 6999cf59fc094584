#include "src/profile/profile.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

namespace dockaudit::profile {

namespace {

namespace fs = std::filesystem;

// Keeps sums of weights finite and meaningful.
constexpr double kMaxWeight = 1000;
// A profile lists a few hundred checks at most; anything far larger is a
// mistake, and yaml-cpp would hold all of it in memory.
constexpr std::uintmax_t kMaxProfileBytes = 4 * 1024 * 1024;

const std::vector<std::string> kTopLevelKeys{"name", "description", "benchmark",
                                             "default_levels", "checks"};
const std::vector<std::string> kBenchmarkKeys{"name", "version"};
const std::vector<std::string> kSelectionKeys{"id", "severity", "weight", "level", "parameters"};
const std::vector<std::string> kSeverities{"low", "medium", "high", "critical"};

class Reader {
 public:
  explicit Reader(fs::path path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    // yaml-cpp counts lines and columns from 0.
    // yaml-cpp marks an empty document as -1:-1.
    throw ProfileError(fmt::format("{}:{}:{}: {}", path_.string(), std::max(mark.line, 0) + 1,
                                   std::max(mark.column, 0) + 1, message));
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
      if (std::find(valid.begin(), valid.end(), key) == valid.end()) {
        fail(item.first.Mark(),
             fmt::format("unknown key '{}' in {}{}", key, where, suggestion(key, valid)));
      }
      // yaml-cpp keeps the first of two equal keys; say so rather than choose.
      const auto [first, added] = seen.emplace(key, item.first.Mark());
      if (!added) {
        fail(item.first.Mark(), fmt::format("key '{}' is given twice in {} (first at line {})",
                                            key, where, first->second.line + 1));
      }
    }
  }

  // A quoted ("3") or tagged (!!str 3) scalar is text, even when it reads as
  // a number; only a plain one ("?" in yaml-cpp) is a number.
  static bool quoted(const YAML::Node& node) { return node.Tag() != "?"; }

  std::string text(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node.Mark(), fmt::format("{} must be a string", what));
    return node.as<std::string>();
  }

  Selection selection(const YAML::Node& node, std::set<std::string>& seen) const {
    if (!node.IsMap()) fail(node.Mark(), "each entry under 'checks' must be a mapping");
    require_known_keys(node, kSelectionKeys, "a check entry");
    if (!node["id"]) fail(node.Mark(), "a check entry needs an 'id'");

    const auto id = text(node["id"], "'id'");
    Selection chosen;
    chosen.check = checks::find_check(id);
    if (!chosen.check) {
      fail(node["id"].Mark(), fmt::format("unknown check '{}'{}", id, suggestion(id, check_ids())));
    }
    if (!seen.insert(id).second) {
      fail(node["id"].Mark(), fmt::format("check '{}' is selected twice", id));
    }
    chosen.severity = chosen.check->severity;
    if (const auto severity = node["severity"]) {
      const auto word = text(severity, "'severity'");
      const auto parsed = audit::parse_severity(word);
      if (!parsed) {
        fail(severity.Mark(), fmt::format("severity '{}' is not one of low, medium, high, "
                                          "critical{}",
                                          word, suggestion(word, kSeverities)));
      }
      chosen.severity = *parsed;
    }
    if (const auto weight = node["weight"]) chosen.weight = positive_number(weight);
    chosen.level = node["level"] ? level(node["level"]) : checks::level_name(*chosen.check);
    auto values = nlohmann::json::object();
    if (const auto given = node["parameters"]) values = parameters(given, *chosen.check);
    chosen.parameters = checks::resolve_parameters(chosen.check->parameters, values);
    return chosen;
  }

  std::string level(const YAML::Node& node) const {
    if (!node.IsScalar()) fail(node.Mark(), "a level must be one of 1, 2, swarm, not a collection");
    const auto word = node.Scalar();
    if (std::find(kLevels.begin(), kLevels.end(), word) == kLevels.end()) {
      fail(node.Mark(), fmt::format("level '{}' is not one of 1, 2, swarm{}", word,
                                    suggestion(word, kLevels)));
    }
    return word;
  }

  nlohmann::json parameters(const YAML::Node& node, const checks::Check& check) const {
    if (!node.IsMap()) fail(node.Mark(), "'parameters' must be a mapping of names to values");
    std::vector<std::string> names;
    for (const auto& parameter : check.parameters) names.emplace_back(parameter.name);
    auto values = nlohmann::json::object();
    for (const auto& item : node) {
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
        fail(item.first.Mark(), fmt::format("parameter '{}' of check '{}' is given twice", name,
                                            check.id));
      }
      values[name] = parameter_value(item.second, *declared, check);
    }
    return values;
  }

  nlohmann::json parameter_value(const YAML::Node& node, const checks::Parameter& parameter,
                                 const checks::Check& check) const {
    const auto wanted = parameter.type == checks::ParameterType::integer
                            ? fmt::format("an integer from {} to {}", parameter.minimum,
                                          parameter.maximum)
                            : std::string(checks::to_string(parameter.type));
    const auto wrong = [&](const YAML::Node& at) {
      fail(at.Mark(), fmt::format("parameter '{}' of check '{}' must be {}, not '{}'",
                                  parameter.name, check.id, wanted,
                                  at.IsScalar() ? at.Scalar() : "a collection"));
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
        !(value > 0) ||
        value > kMaxWeight) {
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

  Profile read(const YAML::Node& root) const {
    if (!root.IsMap()) fail(root.Mark(), "a profile must be a mapping with 'name' and 'checks'");
    require_known_keys(root, kTopLevelKeys, "the profile");
    Profile profile;
    profile.path = path_.string();
    if (!root["name"]) fail(root.Mark(), "the profile needs a 'name'");
    profile.name = text(root["name"], "'name'");
    if (profile.name.find_first_not_of(" \t") == std::string::npos) {
      fail(root["name"].Mark(), "'name' must not be empty");
    }
    if (root["description"]) profile.description = text(root["description"], "'description'");
    if (root["benchmark"]) profile.benchmark = benchmark(root["benchmark"]);
    if (root["default_levels"]) profile.default_levels = default_levels(root["default_levels"]);

    const auto list = root["checks"];
    if (!list || !list.IsSequence() || list.size() == 0) {
      fail(list ? list.Mark() : root.Mark(), "'checks' must be a non-empty list");
    }
    std::set<std::string> seen;
    for (const auto& entry : list) profile.selections.push_back(selection(entry, seen));
    return profile;
  }

 private:
  fs::path path_;
};

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    auto diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const auto above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> profile_names(const std::vector<fs::path>& dirs) {
  std::set<std::string> names;
  for (const auto& dir : dirs) {
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(dir, ignored)) {
      if (entry.path().extension() == ".yaml") names.insert(entry.path().stem().string());
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace

Profile apply_levels(Profile profile, const std::vector<std::string>& requested) {
  if (profile.default_levels.empty()) {
    if (!requested.empty()) {
      throw ProfileError(fmt::format(
          "--level: profile '{}' has no levels and always runs every check it selects; levels "
          "belong to the cis-docker-* profiles",
          profile.name));
    }
    return profile;
  }
  auto levels = requested.empty() ? profile.default_levels : requested;
  for (const auto& level : levels) {
    if (std::find(kLevels.begin(), kLevels.end(), level) == kLevels.end()) {
      const auto close = nearest(level, kLevels);
      const auto hint = close.empty() ? "" : fmt::format("; did you mean '{}'?", close);
      throw ProfileError(fmt::format("--level '{}' is not one of 1, 2, swarm{}", level, hint));
    }
  }
  const auto wanted = [&](const std::string& level) {
    const auto asked = [&](const char* name) {
      return std::find(levels.begin(), levels.end(), name) != levels.end();
    };
    return asked(level.c_str()) || (level == "1" && asked("2"));
  };
  std::erase_if(profile.selections,
                [&](const Selection& selection) { return !wanted(selection.level); });
  // Level 2 holds level 1: "1,2" is said "2".
  if (std::find(levels.begin(), levels.end(), "2") != levels.end()) std::erase(levels, "1");
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  if (profile.selections.empty()) {
    throw ProfileError(fmt::format("profile '{}' selects no check at level {}; nothing to audit",
                                   profile.name, fmt::join(levels, ", ")));
  }
  profile.levels = std::move(levels);
  return profile;
}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  auto best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const auto distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

Profile load_profile(const fs::path& path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error) {
    throw ProfileError(
        fmt::format("{}: cannot read the profile: {}", path.string(), error.message()));
  }
  if (!fs::is_regular_file(status)) {
    throw ProfileError(fmt::format("{}: not a regular file", path.string()));
  }
  if (fs::file_size(path, error) > kMaxProfileBytes) {
    throw ProfileError(fmt::format("{}: {} bytes is larger than a profile can be ({} at most)",
                                   path.string(), fs::file_size(path, error), kMaxProfileBytes));
  }
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAllFromFile(path.string());
  } catch (const YAML::BadFile&) {
    throw ProfileError(fmt::format("{}: cannot read the profile file", path.string()));
  } catch (const YAML::ParserException& error) {
    throw ProfileError(fmt::format("{}:{}:{}: {}", path.string(), error.mark.line + 1,
                                   error.mark.column + 1, error.msg));
  }
  const Reader reader(path);
  if (documents.size() > 1) {
    reader.fail(documents[1].Mark(), "a profile is one YAML document; this is a second one");
  }
  try {
    return reader.read(documents.empty() ? YAML::Node() : documents.front());
  } catch (const YAML::Exception& error) {
    // A key that is itself a list or map, and other shapes yaml-cpp cannot
    // convert.
    reader.fail(error.mark, "unexpected YAML here (a key must be plain text): " + error.msg);
  }
}

fs::path locate_profile(const std::string& name_or_path, const std::vector<fs::path>& dirs) {
  const bool is_path =
      name_or_path.find('/') != std::string::npos || fs::path(name_or_path).extension() == ".yaml";
  if (is_path) return name_or_path;
  for (const auto& dir : dirs) {
    const auto candidate = dir / (name_or_path + ".yaml");
    std::error_code ignored;
    if (fs::is_regular_file(candidate, ignored)) return candidate;
  }
  const auto names = profile_names(dirs);
  const auto close = nearest(name_or_path, names);
  throw ProfileError(fmt::format(
      "no profile named '{}'{}; available: {}", name_or_path,
      close.empty() ? "" : fmt::format(" (did you mean '{}'?)", close),
      names.empty() ? std::string("none found") : fmt::format("{}", fmt::join(names, ", "))));
}

std::vector<fs::path> default_profile_dirs() {
  std::vector<fs::path> dirs;
  if (const char* override_dir = std::getenv("DOCKAUDIT_PROFILE_DIR")) {
    dirs.emplace_back(override_dir);
  }
  // Installed next to the binary: <prefix>/bin/dockaudit, <prefix>/share/...
  std::error_code error;
  const auto exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) dirs.push_back(exe.parent_path().parent_path() / "share/dockaudit/profiles");
  dirs.emplace_back("/usr/share/dockaudit/profiles");
  dirs.emplace_back(DOCKAUDIT_SOURCE_PROFILES);
  return dirs;
}

}  // namespace dockaudit::profile
