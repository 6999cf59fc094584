#include "src/collect/effective_config.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "src/profile/profile.hpp"

namespace dockaudit::collect {

namespace {

using nlohmann::json;
using snapshot::ConfigProblem;
using snapshot::EffectiveConfig;
using snapshot::Origin;
using Kind = ConfigProblem::Kind;

// Object values dockerd validates as a whole; any other object value has
// its members validated as if they were top-level keys (engine-facts §1.1.3).
const std::vector<std::string> kUnflattenedKeys{
    "cluster-store-opts",   "log-opts", "runtimes", "default-ulimits", "features", "builder",
    "default-network-opts", "nri-opts",
};

// The only key whose file and flag values merge instead of conflicting.
constexpr const char* kMergedKey = "runtimes";
constexpr const char* kHostsKey = "hosts";

std::string place(const snapshot::DaemonConfig& file, const std::string& key) {
  const auto found = file.key_positions.find(key);
  if (found == file.key_positions.end()) return file.path;
  return fmt::format("{}:{}:{}", file.path, found->second.line, found->second.column);
}

std::string flag_source(const FlagSetting& setting, const std::string& flags_source) {
  return fmt::format("{} ({})", fmt::join(setting.spellings, " "), flags_source);
}

// The keys dockerd validates, each with the top-level key that holds it.
using ValidatedKeys = std::vector<std::pair<std::string, std::string>>;

ValidatedKeys validated_keys(const json& settings) {
  ValidatedKeys keys;
  for (const auto& [key, value] : settings.items()) {
    const bool whole =
        std::find(kUnflattenedKeys.begin(), kUnflattenedKeys.end(), key) != kUnflattenedKeys.end();
    if (!value.is_object() || whole) {
      keys.emplace_back(key, key);
      continue;
    }
    for (const auto& [member, ignored] : value.items()) keys.emplace_back(member, key);
  }
  return keys;
}

void judge_file_keys(const snapshot::DaemonConfig& file, const std::string& engine_version,
                     EffectiveConfig& config) {
  const auto major = major_version(engine_version);
  const auto accepted = accepted_daemon_json_keys(major);
  const auto dockerd =
      engine_version.empty() ? std::string("dockerd") : fmt::format("dockerd {}", engine_version);
  for (const auto& [key, holder] : validated_keys(file.settings)) {
    const auto where = place(file, holder);
    if (!is_accepted_daemon_json_key(key, major)) {
      const auto close = profile::nearest(key, accepted);
      config.problems.push_back(
          {Kind::unknown_key, key,
           fmt::format("{}: '{}' is not a {} option, so it refuses to start with this file at "
                       "its next restart{}",
                       where, key, dockerd,
                       close.empty() ? "" : fmt::format("; did you mean '{}'?", close))});
      continue;
    }
    const auto replacement = replacement_for_ignored_key(key);
    if (!replacement) continue;
    config.problems.push_back(
        {Kind::ignored_key, key,
         replacement->empty()
             ? fmt::format("{}: dockerd accepts '{}' but ignores it; only the flag sets it", where,
                           key)
             : fmt::format("{}: dockerd accepts '{}' but ignores it; the key is '{}'", where, key,
                           *replacement)});
  }
}

// Keys dockerd ignores, or refuses, never reach its configuration. An object
// value is judged by its members instead ("proxies" holds "http-proxy").
bool has_effect(const std::string& key, const json& value, int major) {
  if (value.is_object()) return true;
  return is_accepted_daemon_json_key(key, major) && !replacement_for_ignored_key(key);
}

// dockerd compares a flag's name and its daemon.json key with the file's keys.
const FlagSpec* spec_for_key(const std::string& key) {
  const auto& specs = dockerd_flag_specs();
  const auto found = std::find_if(specs.begin(), specs.end(),
                                  [&](const FlagSpec& spec) { return spec.key == key; });
  return found == specs.end() ? nullptr : &*found;
}

std::optional<std::string> file_key_for_flag(const ValidatedKeys& file_keys,
                                             const std::string& key) {
  const auto* spec = spec_for_key(key);
  for (const auto& [name, holder] : file_keys) {
    if (name == key || (spec && name == spec->name)) return holder;
  }
  return std::nullopt;
}

std::string conflict_message(const MergeInputs& inputs, const std::string& key,
                             const std::string& file_key, const FlagSetting& flag) {
  const auto& file = *inputs.file;
  auto message = fmt::format(
      "'{}' is set both by {} and in {}; dockerd refuses to start at its next restart, even "
      "with equal values (from flag: {}, from file: {})",
      key, flag_source(flag, inputs.flags_source), place(file, file_key), flag.value.dump(),
      file.settings.at(file_key).dump());
  const auto& hosts = flag.value;
  if (key == kHostsKey && std::find(hosts.begin(), hosts.end(), kSocketActivation) != hosts.end()) {
    message += "; with -H fd:// the listeners belong in docker.socket (ListenStream=)";
  }
  return message;
}

void merge_flags(const MergeInputs& inputs, EffectiveConfig& config) {
  const bool file_accepted =
      inputs.file && inputs.file->state == snapshot::DaemonConfig::State::accepted;
  const auto file_keys = file_accepted ? validated_keys(inputs.file->settings) : ValidatedKeys{};
  for (const auto& [key, flag] : inputs.flags->settings) {
    auto& setting = config.settings[key];
    const auto file_key = file_key_for_flag(file_keys, key);
    if (key == kMergedKey && setting.origin == Origin::file) {
      setting.value.update(flag.value);
      setting.source += " and " + flag_source(flag, inputs.flags_source);
      setting.origin = Origin::flag;
      continue;
    }
    if (file_key) {
      config.problems.push_back(
          {Kind::flag_and_file, key, conflict_message(inputs, key, *file_key, flag)});
    }
    // A running dockerd started without this conflict, so the file changed
    // since: the flag is what is in force.
    setting = {flag.value, Origin::flag, flag_source(flag, inputs.flags_source)};
  }
  for (const auto& unknown : inputs.flags->unknown) {
    config.problems.push_back({Kind::unknown_flag, unknown,
                               fmt::format("{}: '{}' is not a dockerd flag dockaudit knows; "
                                           "its setting is not part of the audit",
                                           inputs.flags_source, unknown)});
  }
  for (const auto& problem : inputs.flags->problems) {
    config.problems.push_back(
        {Kind::unknown_flag, problem, fmt::format("{}: {}", inputs.flags_source, problem)});
  }
}

}  // namespace

EffectiveConfig merge_effective_config(const MergeInputs& inputs) {
  EffectiveConfig config;
  config.engine_version = inputs.defaults.engine_version;
  config.flags_source = inputs.flags ? inputs.flags_source : "";
  config.settings = built_in_defaults(inputs.defaults);

  if (inputs.file && inputs.file->state == snapshot::DaemonConfig::State::accepted) {
    const auto major = major_version(inputs.defaults.engine_version);
    for (const auto& [key, value] : inputs.file->settings.items()) {
      if (value.is_null()) continue;  // null leaves the default in place
      if (!has_effect(key, value, major)) continue;
      config.settings[key] = {value, Origin::file, place(*inputs.file, key)};
    }
    judge_file_keys(*inputs.file, inputs.defaults.engine_version, config);
  }
  if (inputs.flags) merge_flags(inputs, config);
  return config;
}

}  // namespace dockaudit::collect
