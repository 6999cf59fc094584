// Shared plumbing for daemon checks: one result for the daemon, with the
// effective value of a setting as evidence, naming where it came from.
#pragma once

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

// The effective value as a boolean, when it is one.
std::optional<bool> setting_flag(const snapshot::Snapshot& snapshot, const std::string& key);

// The effective value as text ("" when unset or not text).
std::string setting_text(const snapshot::Snapshot& snapshot, const std::string& key);

// The daemon result when the engine could not be asked: error, with the reason.
audit::Result engine_unknown(std::string_view check_id, const snapshot::Snapshot& snapshot);

}  // namespace dockaudit::checks
