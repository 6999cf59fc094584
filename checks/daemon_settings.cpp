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
  return {fmt::format("effective {} ({}: {})", key, snapshot::to_string(setting->origin),
                      setting->source),
          setting->value};
}

std::optional<bool> setting_flag(const snapshot::Snapshot& snapshot, const std::string& key) {
  const auto* setting = snapshot.daemon.effective.find(key);
  if (!setting || !setting->value.is_boolean()) return std::nullopt;
  return setting->value.get<bool>();
}

std::string setting_text(const snapshot::Snapshot& snapshot, const std::string& key) {
  const auto* setting = snapshot.daemon.effective.find(key);
  if (!setting || !setting->value.is_string()) return "";
  return setting->value.get<std::string>();
}

audit::Result engine_unknown(std::string_view check_id, const snapshot::Snapshot& snapshot) {
  return daemon_result(check_id, audit::Status::error,
                       "the engine could not be asked: " + snapshot.engine.error);
}

}  // namespace dockaudit::checks
