#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/check.hpp"
#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

using nlohmann::json;

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json render_target(const audit::Target& target) {
  json rendered{{"type", audit::to_string(target.type)},
                {"name", target.name},
                {"id", target.id},
                {"key", audit::target_key(target)}};
  // Only containers have a state; the key is there for every target.
  rendered["state"] = target.state.empty() ? json(nullptr) : json(target.state);
  return rendered;
}

json render_finding(const audit::Finding& finding) {
  json evidence = json::array();
  for (const auto& item : finding.result.evidence) {
    evidence.push_back({{"path", item.path}, {"value", item.value}});
  }
  json waiver = nullptr;
  if (finding.waiver) {
    waiver = {{"place", finding.waiver->place},
              {"justification", finding.waiver->justification},
              {"owner", finding.waiver->owner},
              {"expires", finding.waiver->expires},
              {"expired", finding.waiver->expired}};
  }
  const auto drift = audit::to_string(finding.drift);
  return {{"id", audit::finding_id(finding.result)},
          {"check", finding.result.check_id},
          {"title", finding.check->title},
          {"section", audit::to_string(finding.check->scope)},
          {"status", audit::to_string(finding.result.status)},
          {"severity", audit::to_string(finding.severity)},
          {"target", render_target(finding.result.target)},
          {"detail", finding.result.detail},
          {"evidence", evidence},
          {"remediation", finding.check->remediation},
          {"references", checks::references_json(*finding.check)},
          {"waiver", waiver},
          {"drift", drift.empty() ? json(nullptr) : json(drift)}};
}

json render_waivers(const Report& report) {
  if (!report.waivers) return nullptr;
  json entries = json::array();
  for (const auto& waiver : report.waivers->waivers) {
    entries.push_back({{"place", waiver.place},
                       {"check", waiver.check},
                       {"containers", waiver.containers},
                       {"images", waiver.images},
                       {"labels", waiver.labels},
                       {"justification", waiver.justification},
                       {"owner", waiver.owner},
                       {"expires", waiver.expires},
                       {"state", waiver::to_string(waiver.state)},
                       {"matched", waiver.matched}});
  }
  return {{"file", report.waivers->path}, {"entries", entries}};
}

json render_drift(const Report& report) {
  if (!report.drift) return nullptr;
  const auto& drift = *report.drift;
  return {{"baseline", drift.baseline_path},
          {"baseline_started_at", drift.baseline_started_at},
          {"new", drift.new_findings},
          {"unchanged", drift.unchanged},
          {"resolved", drift.resolved},
          {"resolved_results", drift.resolved_results}};
}

json render_policy(const Report& report) {
  const auto& policy = report.policy;
  return {{"fail_under", policy.fail_under ? json(*policy.fail_under) : json(nullptr)},
          {"fail_on", policy.fail_on ? json(audit::to_string(*policy.fail_on)) : json(nullptr)},
          {"met", report.outcome.met},
          {"reasons", report.outcome.reasons},
          {"incomplete", report.outcome.incomplete}};
}

// Failures (status fail) by severity, every severity present.
json failures_by_severity(const Report& report) {
  json counts = json::object();
  for (const auto severity : audit::kSeverities) counts[std::string(to_string(severity))] = 0;
  for (const auto& finding : report.findings) {
    if (finding.result.status != audit::Status::fail) continue;
    auto& count = counts[std::string(to_string(finding.severity))];
    count = count.get<int>() + 1;
  }
  return counts;
}

json render_score(const score::Score& score) {
  json sections = json::object();
  for (const auto& section : score.sections) {
    sections[std::string(audit::to_string(section.scope))] = {
        {"score", optional_number(section.percent)},
        {"weight", section.weight},
        {"earned", section.earned}};
  }
  json checks = json::array();
  for (const auto& check : score.checks) {
    checks.push_back({{"check", check.check_id},
                      {"section", audit::to_string(check.scope)},
                      {"weight", check.weight},
                      {"counted", check.counted},
                      {"passed", check.passed},
                      {"earned", check.earned()}});
  }
  return {{"overall", optional_number(score.overall)}, {"sections", sections}, {"checks", checks}};
}

json render_profile(const Report& report) {
  json profile{{"name", report.profile_name}, {"path", report.profile_path}};
  profile["benchmark"] = report.benchmark ? json{{"name", report.benchmark->name},
                                                 {"version", report.benchmark->version}}
                                          : json(nullptr);
  profile["levels"] = report.levels;
  return profile;
}

json render_engine(const Report& report) {
  const auto& engine = report.snapshot->engine;
  const auto& containers = report.snapshot->containers;
  // Every key is always there; null where the engine could not be read.
  json rendered{{"endpoint", report.engine_url},
                {"error", nullptr},
                {"api_version", nullptr},
                {"server_version", nullptr},
                {"operating_system", nullptr},
                {"containers", containers.ok() ? json(containers.value->size()) : json(nullptr)},
                {"snapshot", nullptr},
                {"collected_at", nullptr}};
  // An offline audit says so: the engine was not asked now, but then.
  if (!report.snapshot_file.empty()) {
    rendered["snapshot"] = report.snapshot_file;
    rendered["collected_at"] = utc_time(report.snapshot->collected_at);
  }
  if (!engine.ok()) {
    rendered["error"] = engine.error;
    return rendered;
  }
  rendered["api_version"] = engine.value->api_version;
  rendered["server_version"] = engine.value->server_version;
  rendered["operating_system"] = engine.value->operating_system;
  return rendered;
}

}  // namespace

std::string utc_time(std::int64_t seconds) {
  const std::chrono::sys_seconds time{std::chrono::seconds(seconds)};
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", time);
}

bool is_utc_time(std::string_view text) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return false;
  }
  const auto number = [&](std::size_t at, std::size_t length) {
    unsigned value = 0;
    for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const std::chrono::year_month_day date{std::chrono::year(static_cast<int>(number(0, 4))),
                                         std::chrono::month(number(5, 2)),
                                         std::chrono::day(number(8, 2))};
  return date.ok() && number(11, 2) < 24 && number(14, 2) < 60 && number(17, 2) < 60;
}

std::string describe_benchmark(const json& profile) {
  const auto benchmark = profile.find("benchmark");
  if (benchmark == profile.end() || !benchmark->is_object()) return "";
  auto text = fmt::format("{} {}", benchmark->value("name", ""), benchmark->value("version", ""));
  const auto levels = profile.value("levels", json::array());
  if (!levels.is_array() || levels.empty()) return text;
  std::vector<std::string> names;
  for (const auto& level : levels) {
    if (!level.is_string()) continue;
    const auto name = level.get<std::string>();
    names.push_back(name == "swarm" ? name : "level " + name);
  }
  return fmt::format("{}, {}", text, fmt::join(names, " + "));
}

json render_json(const Report& report) {
  json summary = json::object();
  for (const auto status : audit::kStatuses) {
    const auto found = report.score.by_status.find(status);
    summary[std::string(audit::to_string(status))] =
        found == report.score.by_status.end() ? 0 : found->second;
  }
  json results = json::array();
  for (const auto& finding : report.findings) results.push_back(render_finding(finding));

  return {{"schema_version", kJsonSchemaVersion},
          {"kind", "host"},
          {"tool", {{"name", "dockaudit"}, {"version", report.tool_version}}},
          {"started_at", report.started_at},
          {"duration_seconds", report.duration_seconds},
          {"host", {{"name", report.host_name}}},
          {"profile", render_profile(report)},
          {"engine", render_engine(report)},
          {"daemon_config", report.snapshot->daemon_config.path},
          {"policy", render_policy(report)},
          {"exit_code", report.exit_code},
          {"score", render_score(report.score)},
          {"summary", summary},
          {"failures_by_severity", failures_by_severity(report)},
          {"waivers", render_waivers(report)},
          {"drift", render_drift(report)},
          {"results", results}};
}

}  // namespace dockaudit::report
