#include <doctest/doctest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "src/report/report.hpp"
#include "tests/tools/json_schema.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/report/sample_report.hpp"

using namespace dockaudit;
using nlohmann::json;

namespace {

const json& sarif_schema() {
  static const json schema = json::parse(
      testing::read_file(testing::source_dir() + "/tests/schemas/sarif-schema-2.1.0-rtm.5.json"));
  return schema;
}

const json* result_for(const json& log, const std::string& finding_id) {
  for (const auto& result : log["runs"][0]["results"]) {
    if (result["partialFingerprints"]["dockauditFindingId/v1"] == finding_id) return &result;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the SARIF log is valid against the SARIF 2.1.0 schema") {
  auto report = testing::sample_report();
  // A file target, so a physical location is written too.
  report["results"][0]["target"] = {{"type", "host"},
                                    {"name", "/etc/docker/daemon file.json"},
                                    {"id", ""},
                                    {"key", "host:/etc/docker/daemon file.json"},
                                    {"state", nullptr}};
  report["results"][0]["status"] = "fail";
  const auto log = json::parse(report::render_sarif(report));
  const auto errors = testing::schema_errors(sarif_schema(), log);
  CHECK_MESSAGE(errors.empty(), fmt::format("{}", fmt::join(errors, "\n")));
  CHECK(
      log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
      "file:///etc/docker/daemon%20file.json");
}

TEST_CASE("the schema check catches a SARIF log that breaks the schema") {
  auto log = json::parse(report::render_sarif(testing::sample_report()));
  log["runs"][0]["results"][0]["level"] = "fatal";
  CHECK(!testing::schema_errors(sarif_schema(), log).empty());
}

TEST_CASE("SARIF rules are the checks; results carry level, location and the finding id") {
  const auto report = testing::sample_report();
  const auto log = json::parse(report::render_sarif(report));
  const auto& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "dockaudit");
  const auto* privileged = result_for(log, "container.privileged@container:c_priv");
  REQUIRE(privileged != nullptr);
  CHECK((*privileged)["level"] == "error");
  CHECK((*privileged)["kind"] == "fail");
  CHECK((*privileged)["baselineState"] == "new");
  CHECK((*privileged)["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] ==
        "container:c_priv");
  const auto& rule = run["tool"]["driver"]["rules"][(*privileged)["ruleIndex"].get<int>()];
  CHECK(rule["id"] == "container.privileged");
  CHECK(rule["properties"]["severity"] == "critical");
  CHECK(rule["help"]["text"].get<std::string>().find("--privileged") != std::string::npos);
  const auto* memory = result_for(log, "container.memory-limit@container:c_priv");
  REQUIRE(memory != nullptr);
  CHECK((*memory)["level"] == "warning");
  CHECK(result_for(log, "container.privileged@container:c_nobody") == nullptr);
}

TEST_CASE("a waived SARIF result is suppressed with the waiver's justification") {
  const auto report = testing::sample_report();
  const auto waived = testing::results_with_status(report, "waived");
  REQUIRE(waived.size() == 1);
  const auto log = json::parse(report::render_sarif(report));
  const auto* result = result_for(log, waived[0]["id"]);
  REQUIRE(result != nullptr);
  CHECK((*result)["suppressions"][0]["kind"] == "external");
  CHECK((*result)["suppressions"][0]["justification"] == "the build agent needs root");
}

TEST_CASE("SARIF has a start time only when the report's started_at is a UTC time") {
  auto report = testing::sample_report();
  const auto invocation = [&] {
    return json::parse(report::render_sarif(report))["runs"][0]["invocations"][0];
  };
  CHECK(invocation()["startTimeUtc"] == "2024-05-01T12:00:00Z");
  for (const auto* bad : {"yesterday", "2024-02-30T12:00:00Z", ""}) {
    report["started_at"] = bad;
    CHECK_FALSE(invocation().contains("startTimeUtc"));
  }
}
