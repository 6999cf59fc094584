#include "tests/unit/report/sample_report.hpp"

#include <fstream>
#include <sstream>

#include "src/report/report.hpp"
#include "tests/unit/fixtures.hpp"

namespace dockaudit::testing {

namespace {

void waive_first(std::vector<audit::Finding>& findings, const std::string& check_id) {
  for (auto& finding : findings) {
    if (finding.result.check_id != check_id || finding.result.status != audit::Status::fail) {
      continue;
    }
    finding.result.status = audit::Status::waived;
    finding.waiver = audit::WaiverNote{"waivers.yaml:3", "the build agent needs root", "ci-team",
                                       "2099-01-01", false};
    return;
  }
}

void mark_first_new(std::vector<audit::Finding>& findings, const std::string& check_id) {
  for (auto& finding : findings) {
    if (finding.result.check_id == check_id && finding.result.status == audit::Status::fail) {
      finding.drift = audit::Drift::new_finding;
      return;
    }
  }
}

}  // namespace

nlohmann::json sample_report(const std::string& host_name,
                             const std::vector<std::string>& containers) {
  std::vector<snapshot::Container> inspected;
  for (const auto& name : containers) inspected.push_back(container(name));
  const auto snapshot = snapshot_with(inspected);
  const auto profile =
      profile::load_profile(profile::locate_profile("baseline", {source_profiles_dir()}));

  report::Report made;
  made.tool_version = "test";
  made.started_at = "2024-05-01T12:00:00Z";
  made.duration_seconds = 1.25;
  made.host_name = host_name;
  made.profile_name = profile.name;
  made.profile_path = profile.path;
  made.engine_url = "unix:///fake/docker.sock";
  made.snapshot = &snapshot;
  made.findings = audit::evaluate(snapshot, profile);
  waive_first(made.findings, "container.user");
  mark_first_new(made.findings, "container.privileged");
  made.score = score::compute(made.findings);
  made.outcome = audit::judge(made.policy, made.findings, made.score);
  made.exit_code = made.outcome.exit_code;
  return report::render_json(made);
}

std::vector<nlohmann::json> results_with_status(const nlohmann::json& report,
                                                const std::string& status) {
  std::vector<nlohmann::json> found;
  for (const auto& result : report["results"]) {
    if (result["status"] == status) found.push_back(result);
  }
  return found;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace dockaudit::testing
