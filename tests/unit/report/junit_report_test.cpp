#include <doctest/doctest.h>

#include <cmath>

#include <pugixml.hpp>

#include "src/report/report.hpp"
#include "tests/unit/report/sample_report.hpp"

using namespace dockaudit;

namespace {

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document document;
  const auto parsed = document.load_string(xml.c_str());
  REQUIRE_MESSAGE(parsed, parsed.description());
  return document;
}

pugi::xml_node testcase(const pugi::xml_document& document, const std::string& check,
                        const std::string& target) {
  return document
      .select_node(("//testcase[@classname='" + check + "' and @name='" + target + "']").c_str())
      .node();
}

}  // namespace

TEST_CASE("JUnit has a testsuite per section and a testcase per check and target") {
  const auto report = testing::sample_report();
  const auto document = parse(report::render_junit(report));
  const auto suites = document.child("testsuites");
  CHECK(suites.attribute("tests").as_ullong() == report["results"].size());
  CHECK(suites.attribute("failures").as_int() == report["summary"]["fail"].get<int>());
  CHECK(suites.attribute("errors").as_int() == report["summary"]["error"].get<int>());
  CHECK(std::string(suites.attribute("name").value()) == "dockaudit host-a");
  CHECK(suites.select_nodes("testsuite[@name='container']").size() == 1);
  CHECK(suites.select_nodes("testsuite[@name='daemon']").size() == 1);
  CHECK(suites.select_nodes("//testcase").size() == report["results"].size());
  const auto container = suites.find_child_by_attribute("testsuite", "name", "container");
  CHECK(container.attribute("tests").as_int() ==
        static_cast<int>(container.select_nodes("testcase").size()));
}

TEST_CASE("a JUnit failure names the severity and carries the evidence and the fix") {
  const auto document = parse(report::render_junit(testing::sample_report()));
  const auto failure =
      testcase(document, "container.privileged", "container:c_priv").child("failure");
  REQUIRE(failure);
  CHECK(std::string(failure.attribute("type").value()) == "critical");
  CHECK(std::string(failure.attribute("message").value()).find("privileged") != std::string::npos);
  const std::string text = failure.text().get();
  CHECK(text.find("seen: HostConfig.Privileged = true") != std::string::npos);
  CHECK(text.find("fix: Remove --privileged") != std::string::npos);
  CHECK(!testcase(document, "container.privileged", "container:c_nobody").first_child());
}

TEST_CASE("JUnit skips waived, manual and not-applicable results with a reason") {
  const auto report = testing::sample_report();
  const auto waived = testing::results_with_status(report, "waived");
  REQUIRE(waived.size() == 1);
  const auto document = parse(report::render_junit(report));
  const auto skipped =
      testcase(document, waived[0]["check"], waived[0]["target"]["key"]).child("skipped");
  REQUIRE(skipped);
  CHECK(std::string(skipped.attribute("message").value()) ==
        "waived: the build agent needs root (owner ci-team, expires 2099-01-01)");
  const auto skips = document.child("testsuites").attribute("skipped").as_int();
  CHECK(skips == report["summary"]["waived"].get<int>() +
                     report["summary"]["not_applicable"].get<int>() +
                     report["summary"]["manual"].get<int>());
}

TEST_CASE("JUnit stays well-formed when report strings hold markup and control characters") {
  auto report = testing::sample_report();
  report["results"][0]["detail"] = "a <b> & \"c\" \x01 ]]> end";
  report["results"][0]["status"] = "fail";
  const auto document = parse(report::render_junit(report));
  const auto failure = document.select_node("//failure").node();
  CHECK(std::string(failure.attribute("message").value()) == "a <b> & \"c\" \\x01 ]]> end");
}

TEST_CASE("JUnit times are never negative or NaN, and the timestamp is a UTC time or left out") {
  auto report = testing::sample_report();
  const auto time_of = [&] {
    return std::string(
        parse(report::render_junit(report)).child("testsuites").attribute("time").value());
  };
  CHECK(time_of() == "1.250");
  for (const auto duration : {-3.0, std::nan(""), HUGE_VAL}) {
    report["duration_seconds"] = duration;
    CHECK(time_of() == "0.000");
  }
  const auto timestamp_of = [&] {
    return std::string(parse(report::render_junit(report))
                           .select_node("//testsuite")
                           .node()
                           .attribute("timestamp")
                           .value());
  };
  CHECK(timestamp_of() == "2024-05-01T12:00:00Z");
  report["started_at"] = "last Tuesday";
  CHECK(timestamp_of().empty());
}
