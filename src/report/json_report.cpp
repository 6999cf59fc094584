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
  json rendered{{"type", audit::to_string(target.type)}, {"name", target.name}, {"id", target.id}};
  // Only containers have a state; the key is there for every target.
  rendered["state"] = target.state.empty() ? json(nullptr) : json(target.state);
  return rendered;
}

json render_finding(const audit::Finding& finding) {
  json evidence = json::array();
  for (const auto& item : finding.result.evidence) {
    evidence.push_back({{"path", item.path}, {"value", item.value}});
  }
  return {{"check", finding.result.check_id},
          {"title", finding.check->title},
          {"status", audit::to_string(finding.result.status)},
          {"severity", audit::to_string(finding.severity)},
          {"target", render_target(finding.result.target)},
          {"detail", finding.result.detail},
          {"evidence", evidence},
          {"remediation", finding.check->remediation},
          {"references", checks::references_json(*finding.check)}};
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
  if (!engine.ok()) return {{"endpoint", report.engine_url}, {"error", engine.error}};
  return {{"endpoint", report.engine_url},
          {"api_version", engine.value->api_version},
          {"server_version", engine.value->server_version},
          {"operating_system", engine.value->operating_system}};
}

}  // namespace

std::string describe_benchmark(const Report& report) {
  if (!report.benchmark) return "";
  auto text = fmt::format("{} {}", report.benchmark->name, report.benchmark->version);
  if (report.levels.empty()) return text;
  std::vector<std::string> levels;
  for (const auto& level : report.levels) {
    levels.push_back(level == "swarm" ? level : "level " + level);
  }
  return fmt::format("{}, {}", text, fmt::join(levels, " + "));
}

json render_json(const Report& report) {
  json summary = json::object();
  for (const auto status : {audit::Status::pass, audit::Status::fail, audit::Status::error,
                            audit::Status::not_applicable, audit::Status::manual}) {
    const auto found = report.score.by_status.find(status);
    summary[std::string(audit::to_string(status))] =
        found == report.score.by_status.end() ? 0 : found->second;
  }
  json results = json::array();
  for (const auto& finding : report.findings) results.push_back(render_finding(finding));

  return {{"schema_version", kJsonSchemaVersion},
          {"tool", {{"name", "dockaudit"}, {"version", report.tool_version}}},
          {"started_at", report.started_at},
          {"profile", render_profile(report)},
          {"engine", render_engine(report)},
          {"daemon_config", report.snapshot->daemon_config.path},
          {"exit_code", report.exit_code},
          {"score", render_score(report.score)},
          {"summary", summary},
          {"results", results}};
}

}  // namespace dockaudit::report
