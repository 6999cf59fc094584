// The configuration dockerd really runs with: built-in defaults, overlaid by
// daemon.json, overlaid by the flags, then corrected by what the engine
// reports. Pure functions of data already gathered.
#pragma once

#include <string>
#include <vector>

#include "src/collect/config_defaults.hpp"
#include "src/collect/dockerd_flags.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

// The -H value by which systemd hands dockerd its listening sockets.
inline constexpr const char* kSocketActivation = "fd://";

struct MergeInputs {
  DefaultsContext defaults;
  const snapshot::DaemonConfig* file = nullptr;  // values only when accepted
  const DockerdFlags* flags = nullptr;           // nullptr when no command line was found
  // Whose flags: "pid 123", "docker.service ExecStart". Ends each flag's source.
  std::string flags_source;
};

// Merges and records the problems dockerd would have with the file and flags:
// a key in both (fatal at the next start, even with equal values; only
// runtimes merge), keys it rejects, keys it accepts but ignores, flags
// dockaudit does not know.
snapshot::EffectiveConfig merge_effective_config(const MergeInputs& inputs);

// Where /info contradicts a merged value the engine wins: the setting becomes
// Origin::engine and an engine_drift problem names both values. Values the
// engine does not report stay as merged.
void reconcile_with_engine(const snapshot::Engine& engine, snapshot::EffectiveConfig& config);

// The addresses the API listens on: the effective 'hosts', with fd:// (socket
// activation) replaced by the docker.socket unit's ListenStream= entries. A
// bare port or ADDRESS:PORT there is TCP.
std::vector<snapshot::Listener> resolve_listeners(const snapshot::EffectiveConfig& config,
                                                  const snapshot::SystemdUnits* units);

}  // namespace dockaudit::collect
