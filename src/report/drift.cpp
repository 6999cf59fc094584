// --baseline: this run's findings against an earlier run's, matched by
// finding id. docs/report-json.md ("Drift") defines the labels.
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "src/audit/json_text.hpp"
#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

using nlohmann::json;

// A finding is what needs someone's attention: a failure, or a check that
// could not decide. Waived results are accepted and so are not findings.
bool is_finding(audit::Status status) {
  return status == audit::Status::fail || status == audit::Status::error;
}

bool is_finding(const json& result) {
  const auto status = audit::parse_status(result.value("status", ""));
  return status && is_finding(*status);
}

[[noreturn]] void refuse(const std::string& path, const std::string& pointer,
                         const std::string& problem) {
  throw std::runtime_error(fmt::format("{}: {}: {}", path, pointer, problem));
}

}  // namespace

// Without an id and a status on every result the comparison would silently
// mislabel, so anything short of that is refused.
void check_baseline(const json& baseline, const std::string& path) {
  if (!baseline.is_object()) refuse(path, "/", "not a JSON object; give a dockaudit JSON report");
  const auto kind = baseline.find("kind");
  if (kind == baseline.end() || *kind != "host") {
    refuse(path, "/kind",
           fmt::format("is {}, not \"host\"; --baseline takes the JSON report of one audit{}",
                       kind == baseline.end() ? "missing" : audit::to_text(*kind),
                       kind != baseline.end() && *kind == "fleet"
                           ? ", not a fleet summary from dockaudit report merge"
                           : ""));
  }
  const auto version = baseline.find("schema_version");
  if (version == baseline.end() || *version != kJsonSchemaVersion) {
    refuse(path, "/schema_version",
           fmt::format("is {}, not {}; re-run the audit with this dockaudit to make a baseline",
                       version == baseline.end() ? "missing" : audit::to_text(*version),
                       kJsonSchemaVersion));
  }
  const auto results = baseline.find("results");
  if (results == baseline.end() || !results->is_array()) {
    refuse(path, "/results", "missing or not an array");
  }
  for (std::size_t i = 0; i < results->size(); ++i) {
    const auto& result = (*results)[i];
    const auto pointer = fmt::format("/results/{}", i);
    if (!result.is_object()) refuse(path, pointer, "not an object");
    for (const char* key : {"id", "status"}) {
      const auto found = result.find(key);
      if (found == result.end() || !found->is_string()) {
        refuse(path, pointer + "/" + key, "missing or not a string");
      }
    }
  }
}

DriftSummary apply_baseline(std::vector<audit::Finding>& findings, const json& baseline,
                            const std::string& baseline_path) {
  check_baseline(baseline, baseline_path);
  DriftSummary summary;
  summary.baseline_path = baseline_path;
  summary.baseline_started_at = baseline.value("started_at", "");

  std::set<std::string> earlier_findings;
  for (const auto& result : baseline["results"]) {
    if (is_finding(result)) earlier_findings.insert(result["id"].get<std::string>());
  }
  std::set<std::string> seen;
  for (auto& finding : findings) {
    const auto id = audit::finding_id(finding.result);
    seen.insert(id);
    const bool was = earlier_findings.count(id) > 0;
    if (is_finding(finding.result.status)) {
      finding.drift = was ? audit::Drift::unchanged : audit::Drift::new_finding;
      ++(was ? summary.unchanged : summary.new_findings);
    } else if (was) {
      finding.drift = audit::Drift::resolved;
      ++summary.resolved;
    }
  }
  // A target that is gone (a removed container, the check dropped from the
  // profile) resolves its findings too; the baseline's record is all there is.
  for (const auto& result : baseline["results"]) {
    if (!is_finding(result) || seen.count(result["id"].get<std::string>())) continue;
    auto resolved = result;
    resolved["drift"] = "resolved";
    summary.resolved_results.push_back(std::move(resolved));
    ++summary.resolved;
  }
  return summary;
}

}  // namespace dockaudit::report
