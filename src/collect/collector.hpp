// The collect stage: the only I/O before the report. Gathers what the checks
// need into one snapshot, recording every source it could not read.
#pragma once

#include <filesystem>
#include <string>

#include "src/collect/engine_client.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

struct CollectOptions {
  std::string daemon_config_path;
  std::string socket_path;  // the socket being audited
  std::filesystem::path host_root = "/";
};

snapshot::Snapshot collect(EngineClient& engine, const CollectOptions& options);

// The engine part alone: ping, /version, /info, every container in every state.
void collect_engine(EngineClient& engine, snapshot::Snapshot& snapshot);

}  // namespace dockaudit::collect
