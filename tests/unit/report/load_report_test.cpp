#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include <fmt/format.h>

#include "src/audit/json_text.hpp"
#include "src/report/report.hpp"
#include "src/snapshot/serialize.hpp"
#include "tests/unit/cli_harness.hpp"
#include "tests/unit/report/sample_report.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;
using nlohmann::json;

namespace {

std::string shape_error(const json& report) {
  try {
    report::check_report_shape(report, "run.json");
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "accepted";
}

// The first result of `status` in the sample report, by index.
std::size_t index_of(const json& report, const std::string& status) {
  for (std::size_t index = 0; index < report["results"].size(); ++index) {
    if (report["results"][index]["status"] == status) return index;
  }
  FAIL("no result of status " << status);
  return 0;
}

}  // namespace

TEST_CASE("a report as dockaudit writes it passes the shape check") {
  CHECK(shape_error(testing::sample_report()) == "accepted");
}

TEST_CASE("a value of the wrong type is refused with the file, its JSON pointer and the value") {
  const auto good = testing::sample_report();
  const auto refused = [&](auto&& change, const std::string& message) {
    auto report = good;
    change(report);
    CHECK(shape_error(report) == "run.json: " + message);
  };
  refused([](json& r) { r["results"] = json::object(); },
          "/results: expected an array, got an object of 0 keys");
  refused([](json& r) { r["results"][3]["status"] = "passed"; },
          "/results/3/status: expected one of pass, fail, error, not_applicable, manual, waived, "
          "got \"passed\"");
  refused([](json& r) { r["results"][3]["status"] = 3; },
          "/results/3/status: expected one of pass, fail, error, not_applicable, manual, waived, "
          "got 3");
  refused([](json& r) { r["results"][0].erase("id"); }, "/results/0/id: missing");
  refused([](json& r) { r["score"]["overall"] = "90"; },
          "/score/overall: expected a number from 0 to 100, got \"90\"");
  refused([](json& r) { r["host"]["name"] = 42; }, "/host/name: expected a string, got 42");
  refused([](json& r) { r["schema_version"] = "2"; },
          "/schema_version: expected an integer, got \"2\"");
  refused([](json& r) { r["engine"]["containers"] = 1.5; },
          "/engine/containers: expected a whole number from 0, got 1.5");
  refused([](json& r) { r["summary"]["fail"] = -2; },
          "/summary/fail: expected a whole number from 0, got -2");
  refused([](json& r) { r["score"]["sections"]["a/b"] = 1; },
          "/score/sections/a~1b: expected an object, got 1");
  refused([](json& r) { r["score"]["sections"]["\x1b[2J"] = 1; },
          "/score/sections/\\x1b[2J: expected an object, got 1");
  refused([](json& r) { r["results"][0]["target"]["type"] = "volume"; },
          "/results/0/target/type: expected one of daemon, host, container, image, swarm, got "
          "\"volume\"");
  refused(
      [](json& r) {
        r["drift"] = {{"resolved_results", {{{"id", "x"}, {"check", "y"}}}}};
      },
      "/drift/resolved_results/0/status: missing");
  refused([](json& r) { r["kind"] = "hots"; }, "/kind: expected \"host\", got \"hots\"");
  refused([](json& r) { r.erase("kind"); }, "/kind: missing; a host report has \"kind\": \"host\"");
  CHECK(shape_error(json::array({1, 2})) ==
        "run.json: /: not a dockaudit JSON report: expected an object, got an array of 2 items");
}

TEST_CASE("a waiver's expired flag must be a boolean when it is there") {
  auto report = testing::sample_report();
  const auto waived = index_of(report, "waived");
  report["results"][waived]["waiver"]["expired"] = "yes";
  CHECK(shape_error(report) ==
        fmt::format("run.json: /results/{}/waiver/expired: expected true or false, got \"yes\"",
                    waived));
  report["results"][waived]["waiver"].erase("expired");
  CHECK(shape_error(report) == "accepted");
}

TEST_CASE("started_at must be a UTC time and durations never negative, for SARIF and JUnit") {
  auto report = testing::sample_report();
  for (const auto* bad : {"yesterday", "2024-02-30T12:00:00Z", "2024-05-01 12:00:00Z",
                          "2024-05-01T24:00:00Z", "2024-05-01T12:00:00+02:00", ""}) {
    CAPTURE(bad);
    report["started_at"] = bad;
    CHECK(shape_error(report) == fmt::format("run.json: /started_at: expected a UTC time such as "
                                             "\"2024-05-01T12:00:00Z\", got {}",
                                             audit::to_text(json(bad))));
  }
  report["started_at"] = "2024-02-29T23:59:59Z";
  CHECK(shape_error(report) == "accepted");
  report["duration_seconds"] = -1;
  CHECK(shape_error(report) == "run.json: /duration_seconds: expected a number from 0, got -1");
}

TEST_CASE("a number too large for a double is refused with the file, line and column") {
  testing::TempTree dir;
  dir.file("/run.json", "{\"schema_version\": 2,\n \"duration_seconds\": 1e400}");
  CHECK_THROWS_WITH(
      report::load_json_report(dir.at("/run.json")),
      (dir.at("/run.json").string() + ":2:22: not valid JSON: number overflow parsing '1e400'")
          .c_str());
}

TEST_CASE("convert, merge, --baseline and --snapshot refuse 100,000 nested brackets at the place") {
  testing::TempTree dir;
  dir.file("/deep.json", std::string(100000, '['));
  const auto deep = dir.at("/deep.json").string();
  const auto host = testing::sample_report("host-a");
  dir.file("/a.json", audit::to_text(host));
  const auto unreachable = std::vector<std::string>{"--host", "unix:///nonexistent/docker.sock",
                                                    "--profile", "baseline"};
  auto baseline = unreachable;
  baseline.insert(baseline.end(), {"--baseline", deep});
  for (const auto& arguments :
       std::vector<std::vector<std::string>>{{"report", "convert", deep, "--format", "sarif"},
                                             {"report", "merge", dir.at("/a.json").string(), deep},
                                             baseline}) {
    CAPTURE(arguments.back());
    testing::Captured io;
    CHECK(cli::run(arguments, io.environment()) == cli::kUsageError);
    CHECK(io.err.str().find(deep + ":1:513: nested deeper than 512 levels\n") != std::string::npos);
    CHECK(io.out.str().empty());
  }
  testing::Captured offline;
  CHECK(cli::run({"--snapshot", deep}, offline.environment()) == cli::kUsageError);
  CHECK(offline.err.str().find(fmt::format("{}:1:{}: nested deeper than {} levels", deep,
                                           snapshot::kMaxSnapshotDepth + 1,
                                           snapshot::kMaxSnapshotDepth)) != std::string::npos);
}

TEST_CASE("report convert names a snapshot and a fleet report and says what to do instead") {
  testing::TempTree dir;
  dir.file("/snap.json", R"({"kind": "dockaudit-snapshot", "format_version": 1})");
  const auto snap = dir.at("/snap.json").string();
  testing::Captured io;
  CHECK(cli::run({"report", "convert", snap}, io.environment()) == cli::kUsageError);
  CHECK(io.err.str() == "dockaudit: error: " + snap +
                            ": a dockaudit snapshot, not a report; audit it with: dockaudit "
                            "--snapshot " +
                            snap + "\n");

  const auto fleet = report::merge_reports(
      {testing::sample_report("host-a"), testing::sample_report("host-b")}, {"a.json", "b.json"});
  dir.file("/fleet.json", audit::to_text(fleet));
  testing::Captured fleet_io;
  CHECK(cli::run({"report", "convert", dir.at("/fleet.json").string()}, fleet_io.environment()) ==
        cli::kUsageError);
  CHECK(fleet_io.err.str().find(dir.at("/fleet.json").string() +
                                ": a fleet report (report merge), not a host report") !=
        std::string::npos);
}
