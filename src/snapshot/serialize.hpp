// A snapshot as a versioned JSON document and back, so one host can collect
// and another audit: `dockaudit snapshot -o host.json`, then
// `dockaudit --snapshot host.json`. The document holds every field of the
// snapshot under its own name, next to a few keys that say what it is and
// where it came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::snapshot {

inline constexpr const char* kSnapshotKind = "dockaudit-snapshot";
// Bumped whenever a field appears, changes meaning, type or name, or
// disappears: a loader never guesses what an older or newer document meant.
// 2: secret-looking container label values are masked (1 saved them as they
// were), other image label values are kept (1 masked them all).
inline constexpr int kSnapshotFormatVersion = 2;
// Far above what a host with thousands of containers produces (each engine
// answer is capped at 64 MiB), low enough that a wrong file is refused before
// it is read into memory.
inline constexpr std::uintmax_t kMaxSnapshotBytes = 512ull * 1024 * 1024;

// The deepest daemon.json dockerd accepts, saved a few levels down
// (/daemon/effective/settings/KEY/value), and nothing else comes near it.
inline constexpr std::size_t kMaxSnapshotDepth = kMaxDaemonConfigDepth + 8;

// Where and by what a snapshot was collected; shown in offline reports.
struct SnapshotOrigin {
  std::string tool_version;
  std::string hostname;         // the machine dockaudit ran on
  std::string engine_endpoint;  // the engine it asked, "unix:///var/run/docker.sock"
};

struct LoadedSnapshot {
  SnapshotOrigin origin;
  Snapshot snapshot;
};

// A document that is not a snapshot this version can read. The message names
// the file and the JSON pointer of the offending value.
class SnapshotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes every field, null for an absent optional. It does not mask secrets:
// callers saving to disk mask them first (checks::mask_secrets).
nlohmann::json to_json(const Snapshot& snapshot, const SnapshotOrigin& origin);

// Strict: a wrong kind or format version, a missing, unknown or mistyped key
// throws SnapshotError naming `path` and the JSON pointer, e.g.
// "host.json: /containers/value/3/memory: expected an integer, got \"abc\"".
LoadedSnapshot snapshot_from_json(const nlohmann::json& document, const std::string& path);

// Reads and parses the file, refusing one larger than kMaxSnapshotBytes.
LoadedSnapshot load_snapshot(const std::filesystem::path& path);

}  // namespace dockaudit::snapshot
