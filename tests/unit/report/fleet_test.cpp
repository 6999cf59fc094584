#include <doctest/doctest.h>

#include "src/report/report.hpp"
#include "tests/unit/report/sample_report.hpp"

using namespace dockaudit;
using nlohmann::json;

namespace {

struct Fleet {
  std::vector<json> reports{testing::sample_report("host-a", {"c_priv", "c_default"}),
                            testing::sample_report("host-b", {"c_priv", "c_nobody"}),
                            testing::sample_report("host-c", {"c_nobody"})};
  std::vector<std::string> paths{"a.json", "b.json", "c.json"};
};

const json* worst_with_id(const json& fleet, const std::string& id) {
  for (const auto& finding : fleet["worst_findings"]) {
    if (finding["id"] == id) return &finding;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a merge of three hosts has a row per host and the sections x hosts matrix") {
  const Fleet input;
  const auto fleet = report::merge_reports(input.reports, input.paths);
  CHECK(fleet["kind"] == "fleet");
  CHECK(fleet["schema_version"] == report::kFleetSchemaVersion);
  REQUIRE(fleet["hosts"].size() == 3);
  const auto& b = fleet["hosts"][1];
  CHECK(b["name"] == "host-b");
  CHECK(b["file"] == "b.json");
  CHECK(b["started_at"] == "2024-05-01T12:00:00Z");
  CHECK(b["score"] == input.reports[1]["score"]["overall"]);
  CHECK(b["summary"] == input.reports[1]["summary"]);
  CHECK(b["policy_met"] == input.reports[1]["policy"]["met"]);
  CHECK(fleet["sections"]["container"]["host-c"] ==
        input.reports[2]["score"]["sections"]["container"]["score"]);
  CHECK(fleet["sections"]["daemon"].size() == 3);
}

TEST_CASE("the worst findings come most severe first, then most widespread, with their hosts") {
  const Fleet input;
  const auto fleet = report::merge_reports(input.reports, input.paths);
  const auto& worst = fleet["worst_findings"];
  REQUIRE(!worst.empty());
  CHECK(worst[0]["id"] == "container.privileged@container:c_priv");
  CHECK(worst[0]["severity"] == "critical");
  CHECK(worst[0]["hosts"] == json::array({"host-a", "host-b"}));
  CHECK(worst[0]["host_count"] == 2);
  // daemon.userns-remap fails on all three (high); c_default's user only on host-a.
  const auto* userns = worst_with_id(fleet, "daemon.userns-remap@daemon:dockerd");
  REQUIRE(userns != nullptr);
  CHECK((*userns)["host_count"] == 3);
  for (std::size_t at = 1; at < worst.size(); ++at) {
    const auto before = worst[at - 1]["severity"].get<std::string>();
    const auto now = worst[at]["severity"].get<std::string>();
    if (before == now) CHECK(worst[at - 1]["host_count"] >= worst[at]["host_count"]);
  }
  CHECK(worst_with_id(fleet, "container.privileged@container:c_nobody") == nullptr);
}

TEST_CASE("merge refuses fleet reports, two reports of one host and other schema versions") {
  Fleet input;
  const auto fleet = report::merge_reports(input.reports, input.paths);
  CHECK_THROWS_WITH(report::merge_reports({input.reports[0], fleet}, {"a.json", "fleet.json"}),
                    doctest::Contains("fleet.json: a fleet report, not a host report"));
  CHECK_THROWS_WITH(
      report::merge_reports({input.reports[0], input.reports[1], input.reports[0]},
                            {"a.json", "b.json", "again.json"}),
      "a.json and again.json are both reports of host host-a; merge one report per host");
  input.reports[2]["schema_version"] = 1;
  CHECK_THROWS_WITH(report::merge_reports(input.reports, input.paths),
                    doctest::Contains("c.json: report schema version 1 is not the one"));
}

TEST_CASE("the fleet renders as text, JSON and HTML, and only those") {
  const Fleet input;
  const auto fleet = report::merge_reports(input.reports, input.paths);
  const auto text = report::render_fleet(report::Format::text, fleet, {});
  CHECK(text.find("dockaudit fleet report: 3 hosts") != std::string::npos);
  CHECK(
      text.find("[critical] container.privileged on container:c_priv: 2 hosts (host-a, host-b)") !=
      std::string::npos);
  CHECK(json::parse(report::render_fleet(report::Format::json, fleet, {})) == fleet);
  const auto html = report::render_fleet(report::Format::html, fleet, {});
  CHECK(html.find("<span id=\"host-count\">3</span>") != std::string::npos);
  CHECK(html.find("<td>host-c</td>") != std::string::npos);
  CHECK_THROWS_WITH(report::render_fleet(report::Format::sarif, fleet, {}),
                    doctest::Contains("not sarif"));
}
