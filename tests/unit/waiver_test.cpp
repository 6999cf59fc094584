#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "checks/all_checks.hpp"
#include "src/collect/inspect_mapping.hpp"
#include "src/report/report.hpp"
#include "src/waiver/waiver.hpp"
#include "tests/unit/cli_harness.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;
using audit::Status;
using waiver::Waiver;

namespace {

constexpr const char* kToday = "2026-06-01";

// One check's results on a snapshot, as evaluate would hand them on.
std::vector<audit::Finding> findings_of(const checks::Check& check,
                                        const snapshot::Snapshot& snapshot) {
  std::vector<audit::Finding> findings;
  for (auto& result : check.evaluate(snapshot)) {
    audit::Finding finding;
    finding.result = std::move(result);
    finding.check = &check;
    findings.push_back(std::move(finding));
  }
  return findings;
}

const audit::Finding& finding_on(const std::vector<audit::Finding>& findings,
                                 const std::string& target) {
  for (const auto& finding : findings) {
    if (finding.result.target.name == target) return finding;
  }
  FAIL("no finding on " << target);
  throw std::logic_error("unreachable");
}

// A waiver file in a fresh directory, loaded.
struct WaiverFixture {
  testing::TempTree dir;
  std::string path = (dir.root() / "waivers.yaml").string();

  waiver::WaiverFile load(const std::string& text) {
    std::ofstream(path) << text;
    return waiver::load_waivers(path);
  }
};

std::string entry(const std::string& check, const std::string& selectors,
                  const std::string& expires = "2026-12-31") {
  return "  - check: " + check + "\n" + selectors +
         "    justification: legacy image, replaced in Q3\n"
         "    owner: platform-team\n"
         "    expires: " +
         expires + "\n";
}

report::Report report_of(const snapshot::Snapshot& snapshot, std::vector<audit::Finding> findings,
                         waiver::WaiverFile file) {
  report::Report made;
  made.tool_version = "test";
  made.snapshot = &snapshot;
  made.findings = std::move(findings);
  made.score = score::compute(made.findings);
  made.waivers = std::move(file);
  return made;
}

snapshot::Snapshot two_root_containers() {
  auto web = testing::container("c_default");
  web.labels = {{"team", "web"}, {"tier", "front"}};
  auto db = testing::container("c_priv");
  db.labels = {{"team", "db"}};
  return testing::snapshot_with({web, db});
}

// The names of the containers a waiver file waives container.user on.
std::vector<std::string> waived_by(const std::string& selectors) {
  WaiverFixture fixture;
  auto file = fixture.load("waivers:\n" + entry("container.user", selectors));
  const auto snapshot = two_root_containers();
  auto findings = findings_of(checks::container_user, snapshot);
  waiver::apply_waivers(findings, file, snapshot, kToday);
  std::vector<std::string> names;
  for (const auto& finding : findings) {
    if (finding.result.status == Status::waived) names.push_back(finding.result.target.name);
  }
  return names;
}

}  // namespace

TEST_CASE("a waiver covers a container's failure by name glob, and reports show why") {
  WaiverFixture fixture;
  auto file = fixture.load("waivers:\n" + entry("container.user", "    containers: [c_def*]\n"));
  REQUIRE(file.waivers.size() == 1);
  CHECK(file.waivers[0].place == fixture.path + ":2");
  const auto snapshot = two_root_containers();
  auto findings = findings_of(checks::container_user, snapshot);
  waiver::apply_waivers(findings, file, snapshot, kToday);

  const auto& waived = finding_on(findings, "c_default");
  CHECK(waived.result.status == Status::waived);
  REQUIRE(waived.waiver);
  CHECK(waived.waiver->justification == "legacy image, replaced in Q3");
  CHECK_FALSE(waived.waiver->expired);
  CHECK(finding_on(findings, "c_priv").result.status == Status::fail);
  CHECK_FALSE(finding_on(findings, "c_priv").waiver);
  CHECK(file.waivers[0].state == Waiver::State::active);
  CHECK(file.waivers[0].matched == 1);

  const auto report = report_of(snapshot, findings, file);
  const auto json = report::render_json(report);
  CHECK(json["summary"]["waived"] == 1);
  CHECK(json["waivers"]["entries"][0]["state"] == "active");
  CHECK(json["waivers"]["entries"][0]["matched"] == 1);
  for (const auto& result : json["results"]) {
    if (result["target"]["name"] != "c_default") continue;
    CHECK(result["status"] == "waived");
    CHECK(result["waiver"]["justification"] == "legacy image, replaced in Q3");
    CHECK(result["waiver"]["owner"] == "platform-team");
    CHECK(result["waiver"]["expired"] == false);
  }
  const auto text = report::render_text(json, false);
  CHECK(text.find("WAIVED container.user") != std::string::npos);
  CHECK(text.find("waived: legacy image, replaced in Q3 (owner platform-team, expires "
                  "2026-12-31, " +
                  fixture.path + ":2)") != std::string::npos);
  CHECK(text.find("1 active, waiving 1 failure\n") != std::string::npos);
}

TEST_CASE("overlapping waivers count each waived failure once in the text summary") {
  WaiverFixture fixture;
  auto file = fixture.load("waivers:\n" + entry("container.user", "    containers: [c_*]\n") +
                           entry("container.user", "    containers: [c_*]\n"));
  REQUIRE(file.waivers.size() == 2);
  const auto snapshot = two_root_containers();
  auto findings = findings_of(checks::container_user, snapshot);
  waiver::apply_waivers(findings, file, snapshot, kToday);
  const auto json = report::render_json(report_of(snapshot, findings, file));
  CHECK(json["summary"]["waived"] == 2);
  const auto text = report::render_text(json, false);
  CHECK(text.find("2 active, waiving 2 failures\n") != std::string::npos);
}

TEST_CASE("a waiver holds through its expiry day, then stops waiving and is reported expired") {
  WaiverFixture fixture;
  const auto snapshot = two_root_containers();
  auto on_the_day =
      fixture.load("waivers:\n" + entry("container.user", "    containers: [c_default]\n", kToday));
  auto findings = findings_of(checks::container_user, snapshot);
  waiver::apply_waivers(findings, on_the_day, snapshot, kToday);
  CHECK(finding_on(findings, "c_default").result.status == Status::waived);

  auto file = fixture.load("waivers:\n" +
                           entry("container.user", "    containers: [c_default]\n", "2026-05-31"));
  findings = findings_of(checks::container_user, snapshot);
  waiver::apply_waivers(findings, file, snapshot, kToday);
  const auto& still = finding_on(findings, "c_default");
  CHECK(still.result.status == Status::fail);
  REQUIRE(still.waiver);
  CHECK(still.waiver->expired);
  CHECK(file.waivers[0].state == Waiver::State::expired);
  CHECK(file.waivers[0].matched == 1);

  const auto json = report::render_json(report_of(snapshot, findings, file));
  CHECK(json["waivers"]["entries"][0]["state"] == "expired");
  CHECK(json["summary"]["waived"] == 0);
  CHECK(json["summary"]["fail"] == 2);
  const auto text = report::render_text(json, false);
  CHECK(text.find("FAIL   container.user") != std::string::npos);
  CHECK(text.find("expired waiver: legacy image") != std::string::npos);
  CHECK(text.find("  expired  " + fixture.path +
                  ":2 container.user (owner platform-team, expired 2026-05-31): no longer "
                  "waives: 1 failure it covers fail again") != std::string::npos);
}

TEST_CASE("a waiver that covers no failure is unused, and so is one on a passing check") {
  WaiverFixture fixture;
  auto file = fixture.load("waivers:\n" + entry("container.user", "    containers: [nomatch*]\n") +
                           entry("container.privileged", "    containers: [c_default]\n"));
  const auto snapshot = two_root_containers();
  auto findings = findings_of(checks::container_user, snapshot);
  for (auto& finding : findings_of(checks::container_privileged, snapshot)) {
    findings.push_back(std::move(finding));
  }
  waiver::apply_waivers(findings, file, snapshot, kToday);
  for (const auto& waiver : file.waivers) {
    CHECK(waiver.state == Waiver::State::unused);
    CHECK(waiver.matched == 0);
  }
  for (const auto& finding : findings) CHECK_FALSE(finding.waiver);
  const auto json = report::render_json(report_of(snapshot, findings, file));
  CHECK(json["waivers"]["entries"][1]["state"] == "unused");
  CHECK(report::render_text(json, false)
            .find("  unused   " + fixture.path + ":7 container.privileged") != std::string::npos);
}

TEST_CASE("an error is never waived: it means the check could not look") {
  WaiverFixture fixture;
  auto file = fixture.load("waivers:\n" + entry("container.user", ""));
  const auto snapshot = two_root_containers();
  auto findings = findings_of(checks::container_user, snapshot);
  for (auto& finding : findings) finding.result.status = Status::error;
  waiver::apply_waivers(findings, file, snapshot, kToday);
  for (const auto& finding : findings) {
    CHECK(finding.result.status == Status::error);
    CHECK_FALSE(finding.waiver);
  }
  CHECK(file.waivers[0].state == Waiver::State::unused);
  const auto text =
      report::render_text(report::render_json(report_of(snapshot, findings, file)), false);
  CHECK(text.find(":2 container.user (owner platform-team, expires 2026-12-31): matched no "
                  "failure, but 2 results of its check ended in error") != std::string::npos);
}

TEST_CASE("containers are selected by name glob, label and image; every list given must match") {
  using names = std::vector<std::string>;
  CHECK(waived_by("    containers: [\"c_*\"]\n") == names{"c_default", "c_priv"});
  CHECK(waived_by("    containers: [\"c_pri?\", other]\n") == names{"c_priv"});
  CHECK(waived_by("    labels: [team=web]\n") == names{"c_default"});
  CHECK(waived_by("    labels: [team]\n") == names{"c_default", "c_priv"});
  CHECK(waived_by("    labels: [tier]\n") == names{"c_default"});
  CHECK(waived_by("    labels: [team=we]\n").empty());
  // A value is a glob, as in a profile's scoped labels.
  CHECK(waived_by("    labels: [\"team=w*\"]\n") == names{"c_default"});
  CHECK(waived_by("    labels: [\"team=[dw]*\"]\n") == names{"c_default", "c_priv"});
  CHECK(waived_by("    images: [\"local/busybox:*\"]\n") == names{"c_default", "c_priv"});
  CHECK(waived_by("    images: [\"busybox*\"]\n").empty());
  const auto image_id = testing::container("c_default").image_id;
  REQUIRE(image_id.starts_with("sha256:"));
  CHECK(waived_by("    images: [\"" + image_id.substr(0, 14) + "*\"]\n") ==
        names{"c_default", "c_priv"});
  CHECK(waived_by("    containers: [c_priv]\n    labels: [team=web]\n").empty());
  CHECK(waived_by("    containers: [c_priv]\n    labels: [team=db]\n") == names{"c_priv"});
  // No selector: every target of the check.
  CHECK(waived_by("") == names{"c_default", "c_priv"});
}

TEST_CASE("a container's Config.Labels are mapped for label waivers") {
  auto inspect = testing::load_json("inspect/c_default.json");
  inspect["Config"]["Labels"] = {{"team", "web"}, {"com.example.tier", "front"}};
  const auto mapped = collect::map_container_inspect(inspect);
  CHECK(mapped.labels.at("team") == "web");
  CHECK(mapped.labels.at("com.example.tier") == "front");
}

TEST_CASE("images are selected by tag and id; the daemon only by waivers without selectors") {
  WaiverFixture fixture;
  const auto images = testing::snapshot_with_images({testing::image("busybox")});
  auto by_tag = fixture.load("waivers:\n" + entry("image.user", "    images: [\"local/*\"]\n") +
                             entry("image.user", "    containers: [\"*\"]\n"));
  auto findings = findings_of(checks::image_user, images);
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].result.status == Status::fail);
  waiver::apply_waivers(findings, by_tag, images, kToday);
  CHECK(findings[0].result.status == Status::waived);
  CHECK(by_tag.waivers[0].state == Waiver::State::active);
  CHECK(by_tag.waivers[1].state == Waiver::State::unused);  // an image has no container name

  const auto snapshot = two_root_containers();
  auto daemon =
      fixture.load("waivers:\n" + entry("daemon.userns-remap", "    containers: [\"*\"]\n") +
                   entry("daemon.userns-remap", ""));
  findings = findings_of(checks::daemon_userns_remap, snapshot);
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].result.status == Status::fail);
  waiver::apply_waivers(findings, daemon, snapshot, kToday);
  CHECK(findings[0].result.status == Status::waived);
  CHECK(findings[0].waiver->place == fixture.path + ":7");
  CHECK(daemon.waivers[0].state == Waiver::State::unused);
  CHECK(daemon.waivers[1].state == Waiver::State::active);
}

TEST_CASE("a waiver that holds beats an expired one on the same failure, and both count it") {
  WaiverFixture fixture;
  auto file = fixture.load("waivers:\n" +
                           entry("container.user", "    containers: [c_default]\n", "2026-01-01") +
                           entry("container.user", "    labels: [team=web]\n"));
  const auto snapshot = two_root_containers();
  auto findings = findings_of(checks::container_user, snapshot);
  waiver::apply_waivers(findings, file, snapshot, kToday);
  const auto& waived = finding_on(findings, "c_default");
  CHECK(waived.result.status == Status::waived);
  CHECK(waived.waiver->place == fixture.path + ":7");
  CHECK(file.waivers[0].state == Waiver::State::expired);
  CHECK(file.waivers[0].matched == 1);
  CHECK(file.waivers[1].state == Waiver::State::active);
}

TEST_CASE("waived results leave the score; an expired waiver changes nothing in it") {
  WaiverFixture fixture;
  const auto snapshot = two_root_containers();
  const auto plain = score::compute(findings_of(checks::container_user, snapshot));
  auto findings = findings_of(checks::container_user, snapshot);
  auto file = fixture.load("waivers:\n" + entry("container.user", "    containers: [c_default]\n"));
  waiver::apply_waivers(findings, file, snapshot, kToday);
  const auto waived = score::compute(findings);
  REQUIRE(plain.checks.size() == 1);
  REQUIRE(waived.checks.size() == 1);
  CHECK(plain.checks[0].counted == 2);
  CHECK(waived.checks[0].counted == 1);
  CHECK(waived.checks[0].passed == 0);
  CHECK(waived.by_status.at(Status::waived) == 1);
  CHECK(waived.by_status.at(Status::fail) == 1);

  findings = findings_of(checks::container_user, snapshot);
  auto expired = fixture.load(
      "waivers:\n" + entry("container.user", "    containers: [c_default]\n", "2020-02-29"));
  waiver::apply_waivers(findings, expired, snapshot, kToday);
  CHECK(score::compute(findings).checks[0].counted == 2);
}

TEST_CASE("a malformed waiver file is refused with its file, line and column") {
  WaiverFixture fixture;
  const auto refused = [&](const std::string& text, const std::string& message) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(fixture.load(text),
                         doctest::Contains((fixture.path + ":" + message).c_str()),
                         waiver::WaiverError);
  };
  const std::string good_rest = "    justification: j\n    owner: o\n    expires: 2026-12-31\n";
  refused("", "1:1: the waiver file is empty");
  refused("# only a comment\n", "1:1: the waiver file is empty");
  refused("- check: container.user\n", "1:1: a waiver file must be a mapping");
  refused("waiver:\n  - check: x\n",
          "1:1: unknown key 'waiver' in the waiver file; did you mean "
          "'waivers'?");
  refused("owner: me\n", "1:1: unknown key 'owner' in the waiver file");
  refused("waivers:\n", "1:1: 'waivers' has no value; give a list");
  refused("waivers: web\n", "1:10: 'waivers' must be a list of waivers");
  refused("waivers:\n  - container.user\n", "2:5: each entry under 'waivers' must be a mapping");
  refused("waivers:\n  - check: container.usr\n" + good_rest,
          "2:12: unknown check 'container.usr'; did you mean 'container.user'?");
  refused(
      "waivers:\n  - check: container.user\n    justfication: j\n    owner: o\n"
      "    expires: 2026-12-31\n",
      "3:5: unknown key 'justfication' in a waiver; did you mean 'justification'?");
  refused("waivers:\n  - check: container.user\n    owner: o\n    expires: 2026-12-31\n",
          "2:5: a waiver needs 'justification'");
  refused("waivers:\n  - check: container.user\n    justification: j\n    expires: 2026-12-31\n",
          "2:5: a waiver needs 'owner'");
  refused("waivers:\n  - check: container.user\n    justification: j\n    owner: o\n",
          "2:5: a waiver needs 'expires'");
  refused(
      "waivers:\n  - check: container.user\n    justification: j\n    owner:\n"
      "    expires: 2026-12-31\n",
      "4:5: 'owner' has no value");
  refused(
      "waivers:\n  - check: container.user\n    justification: \"  \"\n    owner: o\n"
      "    expires: 2026-12-31\n",
      "3:20: 'justification' must not be empty");
  refused(
      "waivers:\n  - check: container.user\n    justification: j\n    owner: o\n"
      "    expires: 2026-02-30\n",
      "5:14: expires '2026-02-30' is no day of the calendar: that month has no day 30");
  refused(
      "waivers:\n  - check: container.user\n    justification: j\n    owner: o\n"
      "    expires: 31/12/2026\n",
      "5:14: expires '31/12/2026' is not a date");
  refused(
      "waivers:\n  - check: container.user\n    justification: j\n    owner: o\n"
      "    expires: 2026-1-5\n",
      "5:14: expires '2026-1-5' is not a date written YYYY-MM-DD (2026-12-31)");
  refused("waivers:\n  - check: container.user\n    containers: web\n" + good_rest,
          "3:17: 'containers' must be a non-empty list of name globs");
  refused("waivers:\n  - check: container.user\n    images: []\n" + good_rest,
          "3:13: 'images' must be a non-empty list of image globs");
  refused("waivers:\n  - check: container.user\n    labels: [\"=x\"]\n" + good_rest,
          "3:14: label '=x' has no key");
  refused("waivers:\n  - check: container.user\n    labels: [[a]]\n" + good_rest,
          "3:14: each entry of 'labels' must be one of");
  refused("waivers:\n  - check: [container.user]\n" + good_rest, "2:12: 'check' must be a string");
  refused("waivers:\n  - check: container.user\n    owner: a\n" + good_rest,
          "5:5: key 'owner' is given twice in a waiver (first at line 3)");
  refused("waivers: []\n---\nwaivers: []\n", "3:1: a waiver file is one YAML document");
  refused("waivers: [\n", "2:1:");
  CHECK(fixture.load("waivers: []\n").waivers.empty());
  CHECK_THROWS_WITH_AS(waiver::load_waivers(fixture.dir.root() / "missing.yaml"),
                       doctest::Contains("missing.yaml: cannot read the waiver file"),
                       waiver::WaiverError);
}

TEST_CASE("a run with a malformed waiver file exits 2 and writes no report") {
  testing::TempTree dir;
  dir.file("/waivers.yaml",
           "waivers:\n  - check: daemon.config-file\n    justification: j\n    owner: o\n"
           "    expires: 2026-13-01\n");
  const auto waivers = dir.at("/waivers.yaml").string();
  const auto output = dir.at("/report.json");
  testing::Captured io;
  CHECK(cli::run({"--host", "unix:///nonexistent/docker.sock", "--daemon-config",
                  testing::empty_daemon_config(), "--profile", "baseline", "--waivers", waivers,
                  "--format", "json", "--output", output.string()},
                 io.environment()) == cli::kUsageError);
  CHECK(io.err.str().find("dockaudit: error: " + waivers +
                          ":5:14: expires '2026-13-01' has no month 13") != std::string::npos);
  CHECK(io.out.str().empty());
  CHECK_FALSE(std::filesystem::exists(output));
  // The engine is never asked: nothing was audited.
  CHECK(io.err.str().find("nonexistent") == std::string::npos);
}

TEST_CASE("a run waives a failure its waiver file covers, and the policy no longer counts it") {
  testing::TempTree dir;
  dir.file("/daemon.json", "{\"icc\": fals}\n");
  dir.file("/waivers.yaml",
           "waivers:\n  - check: daemon.config-file\n    justification: fixed in the next "
           "rollout\n    owner: ops\n    expires: 2999-01-01\n");
  const std::vector<std::string> arguments{"--host",          "unix:///nonexistent/docker.sock",
                                           "--daemon-config", dir.at("/daemon.json").string(),
                                           "--profile",       "baseline",
                                           "--format",        "json"};
  testing::Captured without;
  CHECK(cli::run(arguments, without.environment()) == cli::kPolicyNotMet);

  auto with_waivers = arguments;
  with_waivers.insert(with_waivers.end(), {"--waivers", dir.at("/waivers.yaml").string()});
  testing::Captured io;
  // The rest are errors (no engine): incomplete, no longer failing.
  CHECK(cli::run(with_waivers, io.environment()) == cli::kAuditIncomplete);
  const auto report = nlohmann::json::parse(io.out.str());
  CHECK(report["summary"]["waived"] == 1);
  CHECK(report["waivers"]["entries"][0]["state"] == "active");
  CHECK(report["waivers"]["file"] == dir.at("/waivers.yaml").string());
}
