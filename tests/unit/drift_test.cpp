#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "src/profile/profile.hpp"
#include "src/report/report.hpp"
#include "tests/unit/cli_harness.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;
using audit::Drift;
using nlohmann::json;

namespace {

report::Report audit_of(const snapshot::Snapshot& snapshot) {
  const auto profile =
      profile::load_profile(profile::locate_profile("baseline", {testing::source_profiles_dir()}));
  report::Report made;
  made.tool_version = "test";
  made.started_at = "2026-06-01T10:00:00Z";
  made.profile_name = profile.name;
  made.snapshot = &snapshot;
  made.findings = audit::evaluate(snapshot, profile);
  made.score = score::compute(made.findings);
  return made;
}

// The drift label of every result, by finding id.
std::map<std::string, Drift> drift_by_id(const std::vector<audit::Finding>& findings) {
  std::map<std::string, Drift> labels;
  for (const auto& finding : findings) labels[audit::finding_id(finding.result)] = finding.drift;
  return labels;
}

// The first run: c_default and c_priv run as root; c_user1000 does not.
snapshot::Snapshot before() {
  return testing::snapshot_with({testing::container("c_default"), testing::container("c_priv"),
                                 testing::container("c_user1000")});
}

// The second: c_default got a user, c_priv is gone, c_mem is new and runs as root.
snapshot::Snapshot after() {
  auto fixed = testing::container("c_default");
  fixed.user = "1000:1000";
  return testing::snapshot_with(
      {fixed, testing::container("c_user1000"), testing::container("c_mem")});
}

}  // namespace

TEST_CASE("each finding is new, unchanged or resolved against the baseline") {
  const auto first_snapshot = before();
  const auto baseline = report::render_json(audit_of(first_snapshot));
  const auto second_snapshot = after();
  auto second = audit_of(second_snapshot);
  const auto summary = report::apply_baseline(second.findings, baseline, "before.json");
  const auto labels = drift_by_id(second.findings);

  CHECK(labels.at("container.user@container:c_default") == Drift::resolved);
  CHECK(labels.at("container.memory-limit@container:c_default") == Drift::unchanged);
  CHECK(labels.at("container.user@container:c_mem") == Drift::new_finding);
  CHECK(labels.at("container.memory-limit@container:c_mem") == Drift::none);  // it passes
  CHECK(labels.at("container.user@container:c_user1000") == Drift::none);
  CHECK(labels.at("daemon.userns-remap@daemon:dockerd") == Drift::unchanged);

  // c_priv's failures: user, privileged, memory, cpu and pids limits.
  CHECK(summary.resolved_results.size() == 5);
  for (const auto& gone : summary.resolved_results) {
    CHECK(gone["target"]["name"] == "c_priv");
    CHECK(gone["drift"] == "resolved");
    CHECK(gone["status"] == "fail");
  }
  CHECK(summary.resolved == 1 + 5);
  CHECK(summary.new_findings == 3);  // c_mem: user, cpu and pids limits
  CHECK(summary.baseline_path == "before.json");
  CHECK(summary.baseline_started_at == "2026-06-01T10:00:00Z");
  int unchanged = 0;
  for (const auto& [id, drift] : labels) unchanged += drift == Drift::unchanged;
  CHECK(summary.unchanged == unchanged);
}

TEST_CASE("drift is in the JSON of every result, and the text report leads with it") {
  const auto first_snapshot = before();
  const auto baseline = report::render_json(audit_of(first_snapshot));
  const auto second_snapshot = after();
  auto second = audit_of(second_snapshot);
  second.drift = report::apply_baseline(second.findings, baseline, "before.json");
  const auto json = report::render_json(second);
  CHECK(json["drift"]["new"] == 3);
  CHECK(json["drift"]["resolved"] == 6);
  CHECK(json["drift"]["resolved_results"].size() == 5);
  for (const auto& result : json["results"]) {
    CAPTURE(result["id"]);
    const bool finding = result["status"] == "fail" || result["status"] == "error";
    if (finding) {
      CHECK((result["drift"] == "new" || result["drift"] == "unchanged"));
    } else {
      CHECK((result["drift"].is_null() || result["drift"] == "resolved"));
    }
  }

  const auto text = report::render_text(json, false);
  const auto changes = text.find(
      "Changes since before.json (2026-06-01T10:00:00Z): 3 new, 6 "
      "resolved, ");
  REQUIRE(changes != std::string::npos);
  CHECK(changes < text.find("Daemon\n"));
  CHECK(text.find("  new       FAIL   container.user container:c_mem: ", changes) <
        text.find("  resolved  PASS   container.user container:c_default: ", changes));
  CHECK(text.find("  resolved  GONE   container.privileged container:c_priv: no longer "
                  "audited") != std::string::npos);
  CHECK(text.find("FAIL   (new) container.user") != std::string::npos);
}

TEST_CASE("a waived failure is no finding: waiving it resolves it; an error stays a finding") {
  const auto snapshot = testing::snapshot_with({testing::container("c_default")});
  const auto baseline = report::render_json(audit_of(snapshot));
  auto second = audit_of(snapshot);
  for (auto& finding : second.findings) {
    if (finding.result.check_id == "container.user") finding.result.status = audit::Status::waived;
    if (finding.result.check_id == "daemon.userns-remap") {
      finding.result.status = audit::Status::error;
    }
  }
  report::apply_baseline(second.findings, baseline, "before.json");
  const auto labels = drift_by_id(second.findings);
  CHECK(labels.at("container.user@container:c_default") == Drift::resolved);
  CHECK(labels.at("daemon.userns-remap@daemon:dockerd") == Drift::unchanged);

  // And the other way round: a failure that was waived is new once it is not.
  auto third = audit_of(snapshot);
  report::apply_baseline(third.findings, report::render_json(second), "second.json");
  CHECK(drift_by_id(third.findings).at("container.user@container:c_default") == Drift::new_finding);
}

TEST_CASE("a baseline that is no host report of this schema is refused with its JSON path") {
  const auto snapshot = testing::snapshot_with({testing::container("c_default")});
  const auto good = report::render_json(audit_of(snapshot));
  const auto refused = [&](const json& baseline, const std::string& message) {
    auto findings = audit_of(snapshot).findings;
    CHECK_THROWS_WITH_AS(report::apply_baseline(findings, baseline, "old.json"),
                         doctest::Contains(("old.json: " + message).c_str()), std::runtime_error);
  };
  auto fleet = good;
  fleet["kind"] = "fleet";
  refused(fleet,
          "/kind: is \"fleet\", not \"host\"; --baseline takes the JSON report of one "
          "audit, not a fleet summary");
  auto no_kind = good;
  no_kind.erase("kind");
  refused(no_kind, "/kind: is missing");
  auto old = good;
  old["schema_version"] = 1;
  refused(old, "/schema_version: is 1, not 2");
  auto no_id = good;
  no_id["results"][1].erase("id");
  refused(no_id, "/results/1/id: missing or not a string");
  auto bad_status = good;
  bad_status["results"][0]["status"] = 3;
  refused(bad_status, "/results/0/status: missing or not a string");
  auto no_results = good;
  no_results["results"] = json::object();
  refused(no_results, "/results: missing or not an array");
  refused(json::array(), "/: not a JSON object");
  CHECK_NOTHROW(report::check_baseline(good, "old.json"));
}

TEST_CASE("--baseline compares a run with the JSON report of an earlier run") {
  testing::TempTree dir;
  // One daemon.json, broken and fixed in place: its path names the target.
  const auto daemon_json = dir.at("/daemon.json").string();
  const auto broken = [&] { dir.file("/daemon.json", "{\"icc\": fals}\n"); };
  const auto fixed = [&] { dir.file("/daemon.json", "{}\n"); };
  const auto run = [&](const std::string& output, std::vector<std::string> more) {
    std::vector<std::string> arguments{"--host",          "unix:///nonexistent/docker.sock",
                                       "--daemon-config", daemon_json,
                                       "--profile",       "baseline",
                                       "--format",        "json",
                                       "--output",        dir.at(output).string()};
    arguments.insert(arguments.end(), more.begin(), more.end());
    testing::Captured io;
    const int code = cli::run(arguments, io.environment());
    std::ifstream in(dir.at(output));
    return std::pair{code, json::parse(in)};
  };
  const auto first_path = dir.at("/first.json").string();
  broken();
  const auto [first_code, first] = run("/first.json", {});
  CHECK(first_code == cli::kPolicyNotMet);
  CHECK(first["drift"].is_null());

  // daemon.json fixed: its failure resolved; the engine still unreachable.
  fixed();
  const auto [second_code, second] = run("/second.json", {"--baseline", first_path});
  CHECK(second_code == cli::kAuditIncomplete);
  CHECK(second["drift"]["baseline"] == first_path);
  CHECK(second["drift"]["resolved"] == 1);
  CHECK(second["drift"]["new"] == 0);
  CHECK(second["drift"]["resolved_results"].empty());
  for (const auto& result : second["results"]) {
    CAPTURE(result["id"]);
    CHECK(result["drift"] == (result["check"] == "daemon.config-file" ? "resolved" : "unchanged"));
  }

  // Broken again: new.
  broken();
  const auto [third_code, third] =
      run("/third.json", {"--baseline", dir.at("/second.json").string()});
  CHECK(third_code == cli::kPolicyNotMet);
  CHECK(third["drift"]["new"] == 1);

  // A fleet summary is no baseline: refused before anything is audited.
  auto fleet = first;
  fleet["kind"] = "fleet";
  dir.file("/fleet.json", fleet.dump());
  const auto fleet_path = dir.at("/fleet.json").string();
  testing::Captured io;
  CHECK(cli::run({"--host", "unix:///nonexistent/docker.sock", "--profile", "baseline",
                  "--baseline", fleet_path},
                 io.environment()) == cli::kUsageError);
  CHECK(io.err.str().find("--baseline " + fleet_path + ": a fleet report (report merge)") !=
        std::string::npos);
  // A host report of an old schema, likewise.
  auto old = first;
  old["schema_version"] = 1;
  dir.file("/old.json", old.dump());
  testing::Captured old_io;
  CHECK(cli::run({"--host", "unix:///nonexistent/docker.sock", "--profile", "baseline",
                  "--baseline", dir.at("/old.json").string()},
                 old_io.environment()) == cli::kUsageError);
  CHECK(old_io.err.str().find("report schema version 1 is not the one") != std::string::npos);
  CHECK(old_io.out.str().empty());
  CHECK(io.out.str().empty());
}
