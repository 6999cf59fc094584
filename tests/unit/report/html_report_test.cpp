#include <doctest/doctest.h>

#include <fmt/format.h>

#include "src/report/report.hpp"
#include "tests/unit/report/sample_report.hpp"

using namespace dockaudit;
using nlohmann::json;

namespace {

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

// The JSON embedded in the page, parsed back.
json embedded_report(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"report-data\">";
  const auto start = html.find(open);
  REQUIRE(start != std::string::npos);
  const auto end = html.find("</script>", start);
  return json::parse(html.substr(start + open.size(), end - start - open.size()));
}

}  // namespace

TEST_CASE("the HTML report shows the score, a chart bar per section and every finding") {
  const auto report = testing::sample_report();
  const auto html = report::render_html(report);
  CHECK(html.find(fmt::format("id=\"score\">{:.1f}<", report["score"]["overall"].get<double>())) !=
        std::string::npos);
  CHECK(html.find(fmt::format("id=\"finding-count\">{}<", report["results"].size())) !=
        std::string::npos);
  CHECK(occurrences(html, "<article class=\"finding") == report["results"].size());
  CHECK(occurrences(html, "<rect class=\"bar\"") == report["score"]["sections"].size());
  CHECK(occurrences(html, "data-filter=\"status\"") == 6);
  CHECK(occurrences(html, "data-filter=\"severity\"") == 4);
  CHECK(html.find("Fix: Remove --privileged") != std::string::npos);
  CHECK(html.find("the build agent needs root") != std::string::npos);
}

TEST_CASE("the HTML report needs no network") {
  const auto html = report::render_html(testing::sample_report());
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
}

TEST_CASE("HTML escapes report strings and embeds the report so no string ends the script") {
  auto report = testing::sample_report();
  report["results"][0]["detail"] = "</script><script>alert(1)</script> & \"q\"";
  report["host"]["name"] = "<b>host</b>";
  const auto html = report::render_html(report);
  CHECK(html.find("alert(1)</script>") == std::string::npos);
  CHECK(html.find("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;") !=
        std::string::npos);
  CHECK(html.find("<b>host</b>") == std::string::npos);
  CHECK(embedded_report(html) == report);
}

TEST_CASE("failures come first in the HTML list, the most severe first") {
  const auto html = report::render_html(testing::sample_report());
  const auto first_fail = html.find("data-status=\"fail\" data-severity=\"critical\"");
  const auto first_pass = html.find("data-status=\"pass\"");
  REQUIRE(first_fail != std::string::npos);
  CHECK(first_fail < html.find("data-status=\"fail\" data-severity=\"medium\""));
  CHECK(first_fail < first_pass);
}
