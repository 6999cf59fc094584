// reconcile_with_engine, declared in effective_config.hpp.
#include <fmt/format.h>

#include "src/collect/effective_config.hpp"

namespace dockaudit::collect {

namespace {

using nlohmann::json;
using snapshot::ConfigProblem;
using snapshot::EffectiveConfig;
using snapshot::Origin;

constexpr int kNoNewPrivilegesReportedSince = 24;  // /info name=no-new-privileges
// Stands for a remap user the engine applies but does not name.
constexpr const char* kUnnamedRemap = "(enabled; the user is not reported by the engine)";

void prefer_engine(EffectiveConfig& config, const std::string& key, const json& reported,
                   const std::string& field) {
  auto& setting = config.settings[key];
  if (setting.value == reported && setting.doubt.empty()) return;
  // A value dockaudit could only guess is no configuration to drift from.
  if (!setting.doubt.empty()) {
    setting = {reported, Origin::engine, "/info " + field};
    return;
  }
  config.problems.push_back(
      {ConfigProblem::Kind::engine_drift, key,
       fmt::format("'{}' is {} by {}, but the engine reports {} {}; the engine's value counts "
                   "(dockerd has not been restarted since the change, or did not apply it)",
                   key, setting.value.dump(), setting.source, field, reported.dump())});
  setting = {reported, Origin::engine, "/info " + field};
}

// Fills a value dockerd chooses at start ("" in the defaults) without
// calling it drift; a value set in the files that differs is drift.
void resolve_or_prefer(EffectiveConfig& config, const std::string& key, const std::string& reported,
                       const std::string& field) {
  if (reported.empty()) return;
  auto& setting = config.settings[key];
  if (setting.origin == Origin::built_in_default && setting.value == "") {
    setting = {reported, Origin::engine, "/info " + field};
    return;
  }
  prefer_engine(config, key, reported, field);
}

std::string text_of(const EffectiveConfig& config, const std::string& key) {
  const auto* setting = config.find(key);
  return setting && setting->value.is_string() ? setting->value.get<std::string>() : "";
}

// With userns-remap, DockerRootDir is <data-root>/<uid>.<gid>.
void reconcile_data_root(const snapshot::Engine& engine, EffectiveConfig& config) {
  const auto& reported = engine.docker_root_dir;
  const auto configured = text_of(config, "data-root");
  if (reported.empty() || reported == configured) return;
  if (engine.has_security_option("userns") && reported.starts_with(configured + "/")) return;
  prefer_engine(config, "data-root", reported, "DockerRootDir");
}

void reconcile_userns(const snapshot::Engine& engine, EffectiveConfig& config) {
  const bool reported = engine.has_security_option("userns");
  const bool configured = !text_of(config, "userns-remap").empty();
  if (reported == configured) return;
  prefer_engine(config, "userns-remap", reported ? kUnnamedRemap : "",
                "SecurityOptions name=userns");
}

// "name=seccomp,profile=default" (20.10) or "profile=builtin" (v23+) is the
// built-in profile, which daemon.json spells "" or "builtin".
void reconcile_seccomp(const snapshot::Engine& engine, int major, EffectiveConfig& config) {
  const std::string prefix = "name=seccomp,profile=";
  for (const auto& option : engine.security_options) {
    if (!option.starts_with(prefix)) continue;
    auto profile = option.substr(prefix.size());
    const bool built_in = profile == "default" || profile == "builtin";
    const auto configured = text_of(config, "seccomp-profile");
    if (built_in && (configured.empty() || configured == "builtin")) return;
    if (built_in) profile = major >= kSeccompBuiltinSince ? "builtin" : "";
    prefer_engine(config, "seccomp-profile", profile, "SecurityOptions " + option);
    return;
  }
}

}  // namespace

void reconcile_with_engine(const snapshot::Engine& engine, EffectiveConfig& config) {
  const auto major = major_version(engine.server_version);
  if (engine.live_restore_enabled) {
    prefer_engine(config, "live-restore", *engine.live_restore_enabled, "LiveRestoreEnabled");
  }
  if (engine.debug) prefer_engine(config, "debug", *engine.debug, "Debug");
  if (engine.experimental_build) {
    prefer_engine(config, "experimental", *engine.experimental_build, "ExperimentalBuild");
  }
  resolve_or_prefer(config, "log-driver", engine.logging_driver, "LoggingDriver");
  resolve_or_prefer(config, "storage-driver", engine.storage_driver, "Driver");
  reconcile_data_root(engine, config);
  reconcile_userns(engine, config);
  reconcile_seccomp(engine, major, config);
  if (major >= kNoNewPrivilegesReportedSince) {
    prefer_engine(config, "no-new-privileges", engine.has_security_option("no-new-privileges"),
                  "SecurityOptions name=no-new-privileges");
  }
  // name=selinux appears only where SELinux is active, so an absent entry
  // means the setting has no effect, whatever the files say.
  prefer_engine(config, "selinux-enabled", engine.has_security_option("selinux"),
                "SecurityOptions name=selinux");
}

}  // namespace dockaudit::collect
