// The report stage: one scored audit, rendered for people or machines.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/audit/evaluate.hpp"
#include "src/profile/profile.hpp"
#include "src/score/score.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::report {

// Bumped whenever a field changes meaning or disappears.
inline constexpr int kJsonSchemaVersion = 1;

struct Report {
  std::string tool_version;
  std::string started_at;  // UTC, ISO 8601
  std::string profile_name;
  std::string profile_path;
  std::optional<profile::Benchmark> benchmark;  // the benchmark the profile implements
  std::vector<std::string> levels;              // its levels audited; empty: the profile has none
  std::string engine_url;
  const snapshot::Snapshot* snapshot = nullptr;
  std::vector<audit::Finding> findings;
  score::Score score;
  int exit_code = 0;
};

nlohmann::json render_json(const Report& report);

// "CIS Docker Benchmark 1.8.0, level 1 + swarm"; "" when the profile names no
// benchmark.
std::string describe_benchmark(const Report& report);
std::string render_text(const Report& report, bool color);

// Writes to a temporary file beside `path` and renames it into place, so a
// reader never sees half a report. A symbolic link is followed and the file it
// names replaced; an existing file keeps its mode and, where allowed, owner.
// Anything but a regular file (a device, a FIFO, a directory) is refused, so
// `-o /dev/null` never replaces the device. Throws std::runtime_error naming
// the path.
void write_atomically(const std::filesystem::path& path, std::string_view content);

// The file a report for `path` would replace: the target of a symbolic link,
// else `path`. Throws std::runtime_error when that is not a regular file or
// its directory does not exist.
std::filesystem::path report_destination(const std::filesystem::path& path);

}  // namespace dockaudit::report
