#include "checks/daemon_settings.hpp"

#include <fmt/format.h>

namespace dockaudit::checks {

audit::Result daemon_result(std::string_view check_id, audit::Status status, std::string detail,
                            std::vector<audit::Evidence> evidence) {
  audit::Result result;
  result.check_id = check_id;
  result.status = status;
  result.target = {audit::Scope::daemon, "dockerd", "", ""};
  result.detail = std::move(detail);
  result.evidence = std::move(evidence);
  return result;
}

audit::Evidence setting_evidence(const snapshot::Snapshot& snapshot, const std::string& key) {
  const auto* setting = snapshot.daemon.effective.find(key);
  if (!setting) return {fmt::format("effective {}", key), "(unknown to dockaudit)"};
  if (!setting->doubt.empty()) {
    return {fmt::format("effective {} (unconfirmed {}: {}; {})", key,
                        snapshot::to_string(setting->origin), setting->source, setting->doubt),
            setting->value};
  }
  return {fmt::format("effective {} ({}: {})", key, snapshot::to_string(setting->origin),
                      setting->source),
          setting->value};
}

const snapshot::Setting* known_setting(const snapshot::Snapshot& snapshot,
                                       const std::string& key) {
  const auto* setting = snapshot.daemon.effective.find(key);
  return setting && setting->doubt.empty() ? setting : nullptr;
}

std::optional<bool> setting_flag(const snapshot::Snapshot& snapshot, const std::string& key) {
  const auto* setting = known_setting(snapshot, key);
  if (!setting || !setting->value.is_boolean()) return std::nullopt;
  return setting->value.get<bool>();
}

std::string setting_text(const snapshot::Snapshot& snapshot, const std::string& key) {
  const auto* setting = known_setting(snapshot, key);
  if (!setting || !setting->value.is_string()) return "";
  return setting->value.get<std::string>();
}

std::optional<audit::Result> unknown_settings(const snapshot::Snapshot& snapshot,
                                              std::string_view check_id,
                                              const std::vector<std::string>& keys,
                                              const std::vector<audit::Evidence>& evidence) {
  for (const auto& key : keys) {
    const auto* setting = snapshot.daemon.effective.find(key);
    if (!setting) {
      return daemon_result(check_id, audit::Status::error,
                           fmt::format("{} is not known to dockaudit", key), evidence);
    }
    if (!setting->doubt.empty()) {
      return daemon_result(check_id, audit::Status::error,
                           fmt::format("{} in force is not known: {}", key, setting->doubt),
                           evidence);
    }
  }
  return std::nullopt;
}

audit::Result engine_unknown(std::string_view check_id, const snapshot::Snapshot& snapshot) {
  return daemon_result(check_id, audit::Status::error,
                       "the engine could not be asked: " + snapshot.engine.error);
}

}  // namespace dockaudit::checks
