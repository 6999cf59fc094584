// The collect stage: the only I/O before the report. Gathers what the checks
// need into one snapshot, recording every source it could not read.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "src/collect/dockerd_flags.hpp"
#include "src/collect/engine_client.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

struct CollectOptions {
  // The daemon.json to judge when the user named one (--daemon-config);
  // otherwise the running dockerd's --config-file, else the default path.
  std::optional<std::string> daemon_config_path;
  std::filesystem::path host_root = "/";
  std::string socket_path;  // the audited unix socket; "" when the engine is not local
  // DOCKER_CONTENT_TRUST from dockaudit's environment: a docker client
  // setting the engine never sees. nullopt when unset.
  std::optional<std::string> docker_content_trust;
};

snapshot::Snapshot collect(EngineClient& engine, const CollectOptions& options);

// The engine part alone: ping, /version, /info, every container in every
// state, every image, and the swarm as far as this node can tell.
void collect_engine(EngineClient& engine, snapshot::Snapshot& snapshot);

struct ConfigPathChoice {
  std::string path;
  std::string reason;  // for evidence: "--daemon-config", "--config-file of dockerd pid 12"
};

// The daemon.json in force: the user's explicit choice, else the file the
// running dockerd names with --config-file (relative to its working
// directory), else the default path.
ConfigPathChoice choose_daemon_config_path(const std::optional<std::string>& explicit_path,
                                           const DockerdFlags* flags,
                                           const snapshot::DockerdProcess* process);

}  // namespace dockaudit::collect
