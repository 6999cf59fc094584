// Shared plumbing for daemon checks: one result for the daemon, with the
// effective value of a setting as evidence, naming where it came from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "src/audit/result.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::checks {

audit::Result daemon_result(std::string_view check_id, audit::Status status, std::string detail,
                            std::vector<audit::Evidence> evidence = {});

// "effective icc (flag: --icc=false (pid 42))" with the value, or a note that
// dockaudit does not know the setting.
audit::Evidence setting_evidence(const snapshot::Snapshot& snapshot, const std::string& key);

// The effective value in force, or nullptr when it is unknown or only a
// guess (Setting::doubt): checks then decide nothing from it.
const snapshot::Setting* known_setting(const snapshot::Snapshot& snapshot, const std::string& key);

// The effective value as a boolean, when it is one and known to be in force.
std::optional<bool> setting_flag(const snapshot::Snapshot& snapshot, const std::string& key);

// The effective value as text ("" when unset, not text, or only a guess).
std::string setting_text(const snapshot::Snapshot& snapshot, const std::string& key);

// An error result when any of `keys` is not known to be in force, naming
// why; nullopt when all are.
std::optional<audit::Result> unknown_settings(const snapshot::Snapshot& snapshot,
                                              std::string_view check_id,
                                              const std::vector<std::string>& keys,
                                              const std::vector<audit::Evidence>& evidence);

// The daemon result when the engine could not be asked: error, with the reason.
audit::Result engine_unknown(std::string_view check_id, const snapshot::Snapshot& snapshot);

}  // namespace dockaudit::checks
