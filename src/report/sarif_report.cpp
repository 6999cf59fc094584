// SARIF 2.1.0 for code-scanning dashboards: one run, the checks as rules, and
// a result for every finding that needs a person (fail, error, manual,
// waived), each keyed by the stable finding id so dashboards track it across
// runs.
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "src/audit/json_text.hpp"
#include "src/report/fields.hpp"
#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

using nlohmann::json;

constexpr const char* kSarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";

std::string level_of(const std::string& severity) {
  if (severity == "critical" || severity == "high") return "error";
  if (severity == "medium") return "warning";
  return "note";
}

// Characters outside RFC 3986's unreserved set and "/" are percent-encoded.
std::string file_uri(std::string_view path) {
  std::string uri = "file://";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      uri += c;
    } else {
      uri += fmt::format("%{:02X}", byte);
    }
  }
  return uri;
}

json rule_of(const json& result) {
  json properties{{"severity", fields::text(result, "severity")},
                  {"section", fields::text(result, "section")}};
  const auto references = result.find("references");
  if (references != result.end() && !references->is_null()) properties["references"] = *references;
  return {{"id", fields::text(result, "check")},
          {"shortDescription", {{"text", fields::text(result, "title")}}},
          {"help", {{"text", fields::text(result, "remediation")}}},
          {"defaultConfiguration", {{"level", level_of(fields::text(result, "severity"))}}},
          {"properties", properties}};
}

json locations_of(const json& target) {
  const auto name = fields::text(target, "name");
  json location{
      {"logicalLocations", json::array({{{"name", name},
                                         {"fullyQualifiedName", fields::text(target, "key")},
                                         {"kind", fields::text(target, "type")}}})}};
  // Host targets named by an absolute path are files a dashboard can link.
  if (name.starts_with('/')) {
    location["physicalLocation"] = {{"artifactLocation", {{"uri", file_uri(name)}}}};
  }
  return json::array({location});
}

std::string message_of(const json& result) {
  auto text = fields::text(result, "detail");
  if (text.empty()) text = fields::text(result, "title");
  for (const auto& item : fields::array(result, "evidence")) {
    text += fmt::format("\nseen: {} = {}", fields::text(item, "path"),
                        fields::value_text(item, "value"));
  }
  return text;
}

// Drift against --baseline, in SARIF's words.
std::optional<std::string> baseline_state(const json& result) {
  const auto drift = fields::text(result, "drift");
  if (drift == "new") return "new";
  if (drift == "unchanged") return "unchanged";
  if (drift == "resolved") return "absent";
  return std::nullopt;
}

json result_of(const json& result, int rule_index) {
  const auto status = fields::status(result);
  const bool failing = status == "fail" || status == "error" || status == "waived";
  json rendered{
      {"ruleId", fields::text(result, "check")},
      {"ruleIndex", rule_index},
      {"kind", failing              ? "fail"
               : status == "manual" ? "review"
                                    : "pass"},
      {"level", failing ? level_of(fields::text(result, "severity")) : "none"},
      {"message", {{"text", message_of(result)}}},
      {"locations", locations_of(fields::object(result, "target"))},
      {"partialFingerprints", {{"dockauditFindingId/v1", fields::text(result, "id")}}},
      {"properties", {{"status", status}, {"severity", fields::text(result, "severity")}}}};
  if (const auto state = baseline_state(result)) rendered["baselineState"] = *state;
  if (status == "waived") {
    const auto& waiver = fields::object(result, "waiver");
    rendered["suppressions"] =
        json::array({{{"kind", "external"},
                      {"status", "accepted"},
                      {"justification", fields::text(waiver, "justification")},
                      {"properties",
                       {{"owner", fields::text(waiver, "owner")},
                        {"expires", fields::text(waiver, "expires")},
                        {"place", fields::text(waiver, "place")}}}}});
  }
  return rendered;
}

bool belongs_in_sarif(const json& result) {
  const auto status = fields::status(result);
  return status != "pass" && status != "not_applicable";
}

}  // namespace

std::string render_sarif(const json& report) {
  json rules = json::array();
  std::map<std::string, int> rule_index;
  json results = json::array();
  const auto add = [&](const json& result) {
    const auto check = fields::text(result, "check");
    if (!rule_index.contains(check)) {
      rule_index[check] = static_cast<int>(rules.size());
      rules.push_back(rule_of(result));
    }
    results.push_back(result_of(result, rule_index[check]));
  };
  for (const auto& result : fields::results(report)) {
    if (belongs_in_sarif(result)) add(result);
  }
  // Failures of the baseline whose target is gone: dashboards close them.
  for (const auto& result : fields::array(fields::object(report, "drift"), "resolved_results")) {
    add(result);
  }

  const auto& tool = fields::object(report, "tool");
  json driver{{"name", "dockaudit"}, {"rules", rules}};
  if (const auto version = fields::text(tool, "version"); !version.empty()) {
    driver["version"] = version;
  }
  json invocation{{"executionSuccessful", true}};
  // SARIF requires a date-time; a report read back is checked for one, a
  // report built in memory may still hold anything.
  if (const auto started = fields::text(report, "started_at"); is_utc_time(started)) {
    invocation["startTimeUtc"] = started;
  }
  const auto& score = fields::object(report, "score");
  json run{{"tool", {{"driver", driver}}},
           {"invocations", json::array({invocation})},
           {"results", results},
           {"properties",
            {{"host", fields::text(fields::object(report, "host"), "name")},
             {"profile", fields::text(fields::object(report, "profile"), "name")},
             {"score", score.contains("overall") ? score["overall"] : json(nullptr)}}}};
  json log{{"$schema", kSarifSchema}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  return audit::to_text(log, 2) + "\n";
}

}  // namespace dockaudit::report
