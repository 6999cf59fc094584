// JUnit XML: one testsuite per section, one testcase per check and target, as
// CI servers (Jenkins, GitLab, Azure Pipelines) read it. tests/schemas/junit.xsd
// describes the subset written here.
#include <cmath>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "src/report/fields.hpp"
#include "src/report/report.hpp"
#include "src/report/xml_text.hpp"

namespace dockaudit::report {

namespace {

using nlohmann::json;

struct SuiteCounts {
  int tests = 0;
  int failures = 0;
  int errors = 0;
  int skipped = 0;
};

void set(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(xml_text(value).c_str());
}

void set(pugi::xml_node node, const char* name, long value) {
  node.append_attribute(name).set_value(value);
}

// What a person needs to act on a failure: what was seen, then the fix.
std::string failure_text(const json& result) {
  std::string text = fields::text(result, "detail") + "\n";
  for (const auto& item : fields::array(result, "evidence")) {
    text += fmt::format("seen: {} = {}\n", fields::text(item, "path"),
                        fields::value_text(item, "value"));
  }
  const auto remediation = fields::text(result, "remediation");
  if (!remediation.empty()) text += "fix: " + remediation + "\n";
  return text;
}

std::string skip_message(const json& result, const std::string& status) {
  if (status == "waived") {
    const auto& waiver = fields::object(result, "waiver");
    return fmt::format("waived: {} (owner {}, expires {})", fields::text(waiver, "justification"),
                       fields::text(waiver, "owner"), fields::text(waiver, "expires"));
  }
  const auto detail = fields::text(result, "detail");
  return fmt::format("{}{}{}", status == "manual" ? "manual check" : "not applicable",
                     detail.empty() ? "" : ": ", detail);
}

void add_outcome(pugi::xml_node testcase, const json& result, SuiteCounts& counts) {
  const auto status = fields::status(result);
  if (status == "fail") {
    ++counts.failures;
    auto failure = testcase.append_child("failure");
    set(failure, "message", fields::text(result, "detail"));
    set(failure, "type", fields::text(result, "severity"));
    failure.text().set(xml_text(failure_text(result)).c_str());
  } else if (status == "error") {
    ++counts.errors;
    auto error = testcase.append_child("error");
    set(error, "message", fields::text(result, "detail"));
    set(error, "type", "could not be decided");
    error.text().set(xml_text(failure_text(result)).c_str());
  } else if (status != "pass") {
    ++counts.skipped;
    set(testcase.append_child("skipped"), "message", skip_message(result, status));
  }
}

// JUnit times are decimals from 0: a duration that is negative, infinite or
// not a number (never one a run measured) is written as 0.
std::string seconds_text(double seconds) {
  return fmt::format("{:.3f}", std::isfinite(seconds) && seconds > 0 ? seconds : 0.0);
}

void set_counts(pugi::xml_node node, const SuiteCounts& counts) {
  set(node, "tests", counts.tests);
  set(node, "failures", counts.failures);
  set(node, "errors", counts.errors);
  set(node, "skipped", counts.skipped);
}

}  // namespace

std::string render_junit(const json& report) {
  pugi::xml_document document;
  auto declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  auto suites = document.append_child("testsuites");
  const auto host = fields::text(fields::object(report, "host"), "name");
  set(suites, "name", host.empty() ? "dockaudit" : "dockaudit " + host);

  // Sections keep the order in which the report lists them.
  std::vector<std::string> order;
  std::map<std::string, pugi::xml_node> sections;
  std::map<std::string, SuiteCounts> counts;
  for (const auto& result : fields::results(report)) {
    const auto section = fields::text(result, "section");
    if (!sections.contains(section)) {
      order.push_back(section);
      auto suite = suites.append_child("testsuite");
      set(suite, "name", section);
      sections[section] = suite;
    }
    auto testcase = sections[section].append_child("testcase");
    set(testcase, "name", fields::target_key(result));
    set(testcase, "classname", fields::text(result, "check"));
    set(testcase, "time", "0");
    ++counts[section].tests;
    add_outcome(testcase, result, counts[section]);
  }

  SuiteCounts total;
  const auto started_at = fields::text(report, "started_at");
  for (const auto& section : order) {
    auto suite = sections[section];
    const auto& count = counts[section];
    set_counts(suite, count);
    set(suite, "time", "0");
    if (is_utc_time(started_at)) set(suite, "timestamp", started_at);
    total.tests += count.tests;
    total.failures += count.failures;
    total.errors += count.errors;
    total.skipped += count.skipped;
  }
  set_counts(suites, total);
  set(suites, "time", seconds_text(fields::number(report, "duration_seconds")));

  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace dockaudit::report
