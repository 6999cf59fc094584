// report merge: several hosts' JSON reports in one fleet document.
#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "src/audit/json_text.hpp"
#include "src/report/fields.hpp"
#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

using nlohmann::json;

void check_is_host_report(const json& report, const std::string& path) {
  if (!report.is_object()) throw std::runtime_error(path + ": not a JSON object");
  const auto kind = fields::text(report, "kind");
  if (kind == "fleet") {
    throw std::runtime_error(fmt::format(
        "{}: a fleet report, not a host report; merge the host reports it was made from", path));
  }
  if (kind != "host") {
    throw std::runtime_error(
        fmt::format("{}: /kind is {}, not \"host\"; not a dockaudit host report", path,
                    audit::excerpt(report.value("kind", json()))));
  }
  if (report.value("schema_version", json()) != kJsonSchemaVersion) {
    throw std::runtime_error(fmt::format(
        "{}: report schema version {} is not the one this dockaudit merges ({}); re-run the "
        "audit on that host with this version",
        path, audit::excerpt(report.value("schema_version", json())), kJsonSchemaVersion));
  }
  if (fields::text(fields::object(report, "host"), "name").empty()) {
    throw std::runtime_error(path + ": /host/name is empty; a fleet report needs each host's name");
  }
}

json host_row(const json& report, const std::string& path) {
  const auto& score = fields::object(report, "score");
  json sections = json::object();
  for (const auto& [section, values] : fields::object(score, "sections").items()) {
    sections[section] = values.is_object() ? values.value("score", json()) : json();
  }
  return {{"name", fields::text(fields::object(report, "host"), "name")},
          {"file", path},
          {"started_at", fields::text(report, "started_at")},
          {"profile", fields::text(fields::object(report, "profile"), "name")},
          {"score", score.value("overall", json())},
          {"sections", sections},
          {"summary", fields::object(report, "summary")},
          {"failures_by_severity", fields::object(report, "failures_by_severity")},
          {"policy_met", fields::object(report, "policy").value("met", json())}};
}

// Section x host; a host whose report lacks a section has null there.
json section_matrix(const json& hosts) {
  json matrix = json::object();
  for (const auto& host : hosts) {
    for (const auto& [section, score] : host["sections"].items()) {
      matrix[section][host["name"].get<std::string>()] = score;
    }
  }
  for (auto& [section, row] : matrix.items()) {
    for (const auto& host : hosts) {
      const auto name = host["name"].get<std::string>();
      if (!row.contains(name)) row[name] = nullptr;
    }
  }
  return matrix;
}

struct SharedFinding {
  json first;  // the result as the first host reported it
  std::string severity;
  std::vector<std::string> hosts;
};

// Failures across the fleet, the most severe first, then the most widespread.
json worst_findings(const std::vector<json>& reports) {
  std::map<std::string, SharedFinding> by_id;
  for (const auto& report : reports) {
    const auto host = fields::text(fields::object(report, "host"), "name");
    for (const auto& result : fields::results(report)) {
      if (fields::status(result) != "fail") continue;
      auto& shared = by_id[fields::text(result, "id")];
      if (shared.hosts.empty()) shared.first = result;
      const auto severity = fields::text(result, "severity");
      if (fields::severity_rank(severity) > fields::severity_rank(shared.severity)) {
        shared.severity = severity;
      }
      if (shared.hosts.empty() || shared.hosts.back() != host) shared.hosts.push_back(host);
    }
  }
  std::vector<std::pair<std::string, SharedFinding>> sorted(by_id.begin(), by_id.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& left, const auto& right) {
    const auto left_rank = fields::severity_rank(left.second.severity);
    const auto right_rank = fields::severity_rank(right.second.severity);
    if (left_rank != right_rank) return left_rank > right_rank;
    return left.second.hosts.size() > right.second.hosts.size();
  });
  json worst = json::array();
  for (const auto& [id, shared] : sorted) {
    worst.push_back({{"id", id},
                     {"check", fields::text(shared.first, "check")},
                     {"title", fields::text(shared.first, "title")},
                     {"section", fields::text(shared.first, "section")},
                     {"severity", shared.severity},
                     {"target", fields::target_key(shared.first)},
                     {"remediation", fields::text(shared.first, "remediation")},
                     {"host_count", shared.hosts.size()},
                     {"hosts", shared.hosts}});
  }
  return worst;
}

}  // namespace

json merge_reports(const std::vector<json>& reports, const std::vector<std::string>& paths) {
  if (reports.size() != paths.size()) {
    throw std::logic_error("merge_reports: one path is needed for each report");
  }
  std::map<std::string, std::string> file_of_host;
  json hosts = json::array();
  for (std::size_t index = 0; index < reports.size(); ++index) {
    check_is_host_report(reports[index], paths[index]);
    auto row = host_row(reports[index], paths[index]);
    const auto name = row["name"].get<std::string>();
    const auto [seen, added] = file_of_host.emplace(name, paths[index]);
    if (!added) {
      throw std::runtime_error(
          fmt::format("{} and {} are both reports of host {}; merge one report per host",
                      seen->second, paths[index], audit::printable(name)));
    }
    hosts.push_back(std::move(row));
  }
  int policy_not_met = 0;
  for (const auto& host : hosts) policy_not_met += host["policy_met"] == false ? 1 : 0;
  return {{"schema_version", kFleetSchemaVersion},
          {"kind", "fleet"},
          {"host_schema_version", kJsonSchemaVersion},
          {"summary", {{"hosts", hosts.size()}, {"policy_not_met", policy_not_met}}},
          {"hosts", hosts},
          {"sections", section_matrix(hosts)},
          {"worst_findings", worst_findings(reports)}};
}

}  // namespace dockaudit::report
