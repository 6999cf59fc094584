// Reads daemon.json the way dockerd decodes it, so a file the daemon would
// refuse is reported with its place and never used as a source of values.
#pragma once

#include <string>
#include <string_view>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

inline constexpr const char* kDefaultDaemonConfigPath = "/etc/docker/daemon.json";

// Judges the bytes of a daemon.json; `path` only labels messages.
snapshot::DaemonConfig parse_daemon_config(const std::string& path, std::string_view bytes);

// Settles what depends on the engine version (a byte-order mark, an empty file,
// a second document): an accepted file becomes rejected where that version of
// dockerd refuses it. An unknown version is judged strictly.
void settle_for_engine_version(snapshot::DaemonConfig& config, const std::string& engine_version);

// Reads and judges the file at `path`; a missing file is State::absent.
snapshot::DaemonConfig read_daemon_config(const std::string& path);

// 1-based line and column of a byte offset.
snapshot::Position position_of(std::string_view text, std::size_t offset);

}  // namespace dockaudit::collect
