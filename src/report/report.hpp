// The report stage: one scored audit, rendered for people or machines.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/audit/evaluate.hpp"
#include "src/audit/policy.hpp"
#include "src/profile/profile.hpp"
#include "src/score/score.hpp"
#include "src/snapshot/snapshot.hpp"
#include "src/waiver/waiver.hpp"

namespace dockaudit::report {

// Bumped whenever a field changes meaning or disappears.
// docs/report-json.md documents it.
inline constexpr int kJsonSchemaVersion = 2;

// The run compared with an earlier one (--baseline).
struct DriftSummary {
  std::string baseline_path;
  std::string baseline_started_at;
  int new_findings = 0;
  int unchanged = 0;
  int resolved = 0;
  // Failures of the baseline whose target is gone from this run, as the
  // baseline's JSON recorded them, each with "drift": "resolved".
  nlohmann::json resolved_results = nlohmann::json::array();
};

struct Report {
  std::string tool_version;
  std::string started_at;  // UTC, ISO 8601
  double duration_seconds = 0;
  std::string host_name;  // the machine dockaudit ran on
  std::string profile_name;
  std::string profile_path;
  std::optional<profile::Benchmark> benchmark;  // the benchmark the profile implements
  std::vector<std::string> levels;              // its levels audited; empty: the profile has none
  std::string engine_url;
  // The saved snapshot audited offline; "" when the engine was asked live.
  std::string snapshot_file;
  const snapshot::Snapshot* snapshot = nullptr;
  std::vector<audit::Finding> findings;
  score::Score score;
  audit::Policy policy;
  audit::PolicyOutcome outcome;
  std::optional<waiver::WaiverFile> waivers;  // with --waivers
  std::optional<DriftSummary> drift;          // with --baseline
  int exit_code = 0;
};

// The JSON report: the one document every other format is rendered from, so
// a saved run converts to any format exactly.
nlohmann::json render_json(const Report& report);

// A report read back from a file: one host's report of this schema version,
// of the shape check_report_shape checks. Throws std::runtime_error naming the
// file and what is wrong: "run.json:1:513: nested deeper than 512 levels",
// "run.json: /results/3/status: expected one of pass, ..., got \"passed\"".
nlohmann::json load_json_report(const std::filesystem::path& path);

// Checks that `report` is one host's report of this schema version whose
// documented keys, where present, hold values of their documented types (and
// each result an id, a check and a known status), so renderers and report
// merge need not guess. Throws std::runtime_error naming `path` and the JSON
// pointer of the first bad value.
void check_report_shape(const nlohmann::json& report, const std::string& path);

enum class Format { text, json, junit, sarif, html, prometheus };
inline constexpr Format kFormats[]{Format::text,  Format::json, Format::junit,
                                   Format::sarif, Format::html, Format::prometheus};
std::string_view to_string(Format format);
std::optional<Format> parse_format(std::string_view name);
// The file name --output-dir gives each format: dockaudit.json, dockaudit.prom, ...
std::string file_name(Format format);
// The same for a fleet report (report merge): dockaudit-fleet.<format>.
std::string fleet_file_name(Format format);

struct RenderOptions {
  bool color = false;  // text only
};

// Renders a JSON report (render_json's, or one read back) in `format`.
std::string render(Format format, const nlohmann::json& report, const RenderOptions& options);

std::string render_text(const nlohmann::json& report, bool color);
std::string render_junit(const nlohmann::json& report);
std::string render_sarif(const nlohmann::json& report);
std::string render_html(const nlohmann::json& report);
std::string render_prometheus(const nlohmann::json& report);

// Compares this run's findings with a baseline JSON report: labels each
// finding new, unchanged or resolved and returns the counts. Throws
// std::runtime_error when the baseline is no report of this schema.
DriftSummary apply_baseline(std::vector<audit::Finding>& findings, const nlohmann::json& baseline,
                            const std::string& baseline_path);

// What apply_baseline checks first, so a run can refuse a baseline before it
// audits: one host's report ("kind": "host") of this schema version, every
// result with a string id and status. Throws std::runtime_error naming the
// file and the JSON path ("/results/3/id").
void check_baseline(const nlohmann::json& baseline, const std::string& baseline_path);

// The fleet document of report merge; docs/report-json.md documents it too.
inline constexpr int kFleetSchemaVersion = 1;

// Several hosts' JSON reports in one fleet summary (hosts x sections, the
// worst findings across the fleet), as a JSON document of its own kind
// ("kind": "fleet"), rendered by render_fleet in text, json or html. `paths`
// name the files, in the order of `reports`. Throws std::runtime_error naming
// the file for an input that is no host report of this schema (a fleet report,
// another version) and naming both files for two reports of one host.
nlohmann::json merge_reports(const std::vector<nlohmann::json>& reports,
                             const std::vector<std::string>& paths);
std::string render_fleet(Format format, const nlohmann::json& fleet, const RenderOptions& options);

// "CIS Docker Benchmark 1.8.0, level 1 + swarm", from a report's "profile"
// object; "" when the profile names no benchmark.
std::string describe_benchmark(const nlohmann::json& profile);

// Seconds since the epoch as "2026-05-07T21:09:36Z".
std::string utc_time(std::int64_t seconds);

// Whether `text` is a time as utc_time writes it, and a real one (no
// February 30th, no hour 24).
bool is_utc_time(std::string_view text);

// For a host report whose policy says some check ended in error, the line
// that says so ("Audit incomplete: 3 results ended in error ..."); nothing
// for a complete audit.
std::optional<std::string> incomplete_text(const nlohmann::json& report);

// Who may read a file write_atomically writes.
enum class FileAccess {
  // A report: a new file is 0644, read by others (node_exporter, CI); one
  // that replaces a file keeps that file's mode, so a private report stays
  // private.
  shared,
  // A snapshot, which describes how the host is secured: 0600, whatever the
  // file it replaces allowed.
  owner_only,
};

// Writes to a temporary file beside `path` and renames it into place, so a
// reader never sees half a report. A symbolic link is followed and the file it
// names replaced; an existing file keeps, where allowed, its owner, and its
// mode as `access` says. Anything but a regular file (a device, a FIFO, a
// directory) is refused, so `-o /dev/null` never replaces the device. Throws
// std::runtime_error naming the path.
void write_atomically(const std::filesystem::path& path, std::string_view content,
                      FileAccess access = FileAccess::shared);

// Several reports of one run: every file is written in full to its temporary
// name before any is renamed into place, so a full disk or a refused path
// leaves none of them changed. Throws std::runtime_error naming the path.
void write_all_atomically(
    const std::vector<std::pair<std::filesystem::path, std::string>>& files);

// One report written in full beside its destination, not yet in place.
// commit() renames it into place; otherwise the temporary file is removed
// when the object goes away.
class StagedFile {
 public:
  StagedFile(const std::filesystem::path& path, std::string_view content,
             FileAccess access = FileAccess::shared);
  StagedFile(StagedFile&& other) noexcept;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  StagedFile& operator=(StagedFile&&) = delete;
  ~StagedFile();

  void commit();

 private:
  void discard() noexcept;

  std::filesystem::path destination_;
  std::string temporary_;
};

// The file a report for `path` would replace: the end of a chain of symbolic
// links (created there when it does not exist yet), else `path`. Throws
// std::runtime_error when that is not a regular file or its directory does not
// exist.
std::filesystem::path report_destination(const std::filesystem::path& path);

}  // namespace dockaudit::report
