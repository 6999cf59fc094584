#include <doctest/doctest.h>

#include <sstream>

#include <fmt/format.h>

#include "src/report/report.hpp"
#include "tests/unit/report/sample_report.hpp"

using namespace dockaudit;

namespace {

bool has_line(const std::string& text, const std::string& line) {
  std::istringstream lines(text);
  for (std::string seen; std::getline(lines, seen);) {
    if (seen == line) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the Prometheus file has the score, the counts and the run time, each described") {
  const auto report = testing::sample_report();
  const auto text = report::render_prometheus(report);
  CHECK(
      has_line(text, fmt::format("dockaudit_score {}", report["score"]["overall"].get<double>())));
  CHECK(has_line(text, "# TYPE dockaudit_score gauge"));
  CHECK(
      has_line(text, fmt::format("dockaudit_section_score{{section=\"container\"}} {}",
                                 report["score"]["sections"]["container"]["score"].get<double>())));
  CHECK(has_line(text, fmt::format("dockaudit_results{{status=\"fail\"}} {}",
                                   report["summary"]["fail"].get<int>())));
  CHECK(has_line(text, "dockaudit_results{status=\"waived\"} 1"));
  CHECK(has_line(text, fmt::format("dockaudit_failures{{severity=\"critical\"}} {}",
                                   report["failures_by_severity"]["critical"].get<int>())));
  CHECK(has_line(text, "dockaudit_last_run_timestamp_seconds 1714564800"));
  CHECK(has_line(text, "dockaudit_run_duration_seconds 1.25"));
  // Any failure breaks the default policy.
  CHECK(has_line(text, "dockaudit_policy_met 0"));
  CHECK(has_line(text, fmt::format("dockaudit_audit_complete {}",
                                   report["policy"]["incomplete"] == true ? 0 : 1)));
  for (const auto* name : {"dockaudit_score", "dockaudit_section_score", "dockaudit_results",
                           "dockaudit_failures", "dockaudit_last_run_timestamp_seconds",
                           "dockaudit_run_duration_seconds", "dockaudit_policy_met",
                           "dockaudit_audit_complete"}) {
    CHECK_MESSAGE(text.find(fmt::format("# HELP {} ", name)) != std::string::npos, name);
  }
}

TEST_CASE("a score with nothing counted is left out, never written as NaN") {
  auto report = testing::sample_report();
  report["score"]["overall"] = nullptr;
  report["score"]["sections"]["swarm"] = {{"score", nullptr}, {"weight", 0}, {"earned", 0}};
  const auto text = report::render_prometheus(report);
  CHECK(text.find("NaN") == std::string::npos);
  CHECK(has_line(text, "# dockaudit_score omitted: no result counted towards the score"));
  CHECK(text.find("section=\"swarm\"") == std::string::npos);
}

TEST_CASE("Prometheus label values escape backslash, quote and line feed") {
  auto report = testing::sample_report();
  report["profile"]["name"] = "site \"a\"\\b\nc";
  const auto text = report::render_prometheus(report);
  CHECK(text.find("profile=\"site \\\"a\\\"\\\\b\\nc\"") != std::string::npos);
}
