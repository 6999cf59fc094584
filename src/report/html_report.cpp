// One self-contained HTML file: the summary, the score by section as a chart,
// and every finding, filterable by status and severity. Every report string is
// escaped; the report itself is embedded for anyone who wants the data.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "src/report/fields.hpp"
#include "src/report/html_page.hpp"
#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

using nlohmann::json;

constexpr std::array<const char*, 6> kStatusOrder{"fail",   "error",          "manual",
                                                  "waived", "not_applicable", "pass"};
constexpr std::array<const char*, 4> kSeverityOrder{"critical", "high", "medium", "low"};

// Applies the filters, counts what is shown, and reads "#status=fail,error&
// severity=high" from the address so a link (or a test) can open a filtered view.
constexpr std::string_view kFilterScript = R"(
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  function apply() {
    var on = { status: {}, severity: {} };
    boxes.forEach(function (box) { if (box.checked) on[box.dataset.filter][box.value] = true; });
    var shown = 0;
    document.querySelectorAll('.finding').forEach(function (row) {
      var visible = !!(on.status[row.dataset.status] && on.severity[row.dataset.severity]);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    document.getElementById('finding-count').textContent = String(shown);
  }
  function readAddress() {
    var wanted = new URLSearchParams(window.location.hash.slice(1));
    ['status', 'severity'].forEach(function (kind) {
      if (!wanted.has(kind)) return;
      var values = wanted.get(kind).split(',');
      boxes.forEach(function (box) {
        if (box.dataset.filter === kind) box.checked = values.indexOf(box.value) >= 0;
      });
    });
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  window.addEventListener('hashchange', function () { readAddress(); apply(); });
  readAddress();
  apply();
})();
)";

int rank_in(const auto& order, const std::string& value) {
  const auto found = std::find(order.begin(), order.end(), value);
  return static_cast<int>(found - order.begin());
}

std::string render_summary(const json& report) {
  const auto& profile = fields::object(report, "profile");
  const auto& engine = fields::object(report, "engine");
  const auto benchmark = describe_benchmark(profile);
  auto body = fmt::format(
      "<h1>dockaudit report: {}</h1>\n<p class=\"meta\">{} &middot; profile {}{} &middot; "
      "engine {} &middot; dockaudit {}</p>\n",
      html::escape(fields::text(fields::object(report, "host"), "name")),
      html::escape(fields::text(report, "started_at")), html::escape(fields::text(profile, "name")),
      benchmark.empty() ? "" : " (" + html::escape(benchmark) + ")",
      html::escape(fields::text(engine, "endpoint")),
      html::escape(fields::text(fields::object(report, "tool"), "version")));
  const auto& score = fields::object(report, "score");
  body += fmt::format("<p>Score <span class=\"score\" id=\"score\">{}</span> / 100</p>\n",
                      html::percent_text(score.value("overall", json())));
  const auto& policy = fields::object(report, "policy");
  std::string reasons;
  for (const auto& reason : fields::array(policy, "reasons")) {
    if (reason.is_string()) reasons += "<li>" + html::escape(reason.get<std::string>()) + "</li>";
  }
  body += reasons.empty() ? "<p id=\"policy\">Policy: met</p>\n"
                          : "<p id=\"policy\">Policy: not met</p>\n<ul>" + reasons + "</ul>\n";
  if (const auto incomplete = incomplete_text(report)) {
    body += "<p id=\"incomplete\">" + html::escape(*incomplete) + "</p>\n";
  }
  body += "<table id=\"counts\"><tr><th>status</th><th>results</th></tr>\n";
  for (const auto& [status, count] : fields::object(report, "summary").items()) {
    body += fmt::format("<tr><td>{}</td><td class=\"number\">{}</td></tr>\n", html::escape(status),
                        count.is_number() ? count.get<long>() : 0);
  }
  body += "</table>\n<table id=\"severities\"><tr><th>severity</th><th>failures</th></tr>\n";
  for (const auto& [severity, count] : fields::object(report, "failures_by_severity").items()) {
    body += fmt::format("<tr><td>{}</td><td class=\"number\">{}</td></tr>\n",
                        html::escape(severity), count.is_number() ? count.get<long>() : 0);
  }
  return body + "</table>\n";
}

std::string render_chart(const json& report) {
  std::vector<html::Bar> bars;
  for (const auto& [section, values] :
       fields::object(fields::object(report, "score"), "sections").items()) {
    const auto score = values.find("score");
    bars.push_back({section, score != values.end() && score->is_number()
                                 ? std::optional<double>(score->get<double>())
                                 : std::nullopt});
  }
  return "<h2>Score by section</h2>\n<figure id=\"section-chart\">" +
         html::bar_chart("Score by section", bars) + "</figure>\n";
}

std::string checkbox(const char* kind, std::string_view value) {
  return fmt::format(
      "<label><input type=\"checkbox\" data-filter=\"{}\" value=\"{}\" checked> {}</label>\n", kind,
      value, html::escape(value));
}

std::string render_filters() {
  std::string body = "<div class=\"filters\">\n<fieldset><legend>Status</legend>\n";
  for (const auto* status : kStatusOrder) body += checkbox("status", status);
  body += "</fieldset>\n<fieldset><legend>Severity</legend>\n";
  for (const auto* severity : kSeverityOrder) body += checkbox("severity", severity);
  return body + "</fieldset>\n</div>\n";
}

std::string render_finding(const json& result) {
  const auto status = fields::status(result);
  const auto severity = fields::text(result, "severity");
  auto body = fmt::format(
      "<article class=\"finding status-{0}\" data-status=\"{0}\" data-severity=\"{1}\" "
      "data-id=\"{2}\">\n<p><span class=\"badge\">{0}</span><span class=\"severity\">{1}</span>"
      "<code>{3}</code> on <code>{4}</code></p>\n<p>{5}</p>\n",
      html::escape(status), html::escape(severity), html::escape(fields::text(result, "id")),
      html::escape(fields::text(result, "check")), html::escape(fields::target_key(result)),
      html::escape(fields::text(result, "title")));
  if (const auto detail = fields::text(result, "detail"); !detail.empty()) {
    body += "<p>" + html::escape(detail) + "</p>\n";
  }
  const auto& evidence = fields::array(result, "evidence");
  if (!evidence.empty()) {
    body += "<ul class=\"evidence\">";
    for (const auto& item : evidence) {
      body += fmt::format("<li>seen <code>{}</code> = <code>{}</code></li>",
                          html::escape(fields::text(item, "path")),
                          html::escape(fields::value_text(item, "value")));
    }
    body += "</ul>\n";
  }
  const auto& waiver = fields::object(result, "waiver");
  if (!waiver.empty()) {
    body += fmt::format("<p class=\"waiver\">{} {} (owner {}, expires {})</p>\n",
                        waiver.value("expired", json()) == true ? "Expired waiver:" : "Waived:",
                        html::escape(fields::text(waiver, "justification")),
                        html::escape(fields::text(waiver, "owner")),
                        html::escape(fields::text(waiver, "expires")));
  }
  if (status != "pass" && status != "not_applicable") {
    body += "<p class=\"fix\">Fix: " + html::escape(fields::text(result, "remediation")) + "</p>\n";
  }
  return body + "</article>\n";
}

// Failures first, the most severe first; the report's order otherwise.
std::vector<const json*> ordered_results(const json& report) {
  std::vector<const json*> ordered;
  for (const auto& result : fields::results(report)) ordered.push_back(&result);
  std::stable_sort(ordered.begin(), ordered.end(), [](const json* left, const json* right) {
    const auto by_status = rank_in(kStatusOrder, fields::status(*left)) -
                           rank_in(kStatusOrder, fields::status(*right));
    if (by_status != 0) return by_status < 0;
    return fields::severity_rank(fields::text(*left, "severity")) >
           fields::severity_rank(fields::text(*right, "severity"));
  });
  return ordered;
}

std::string render_findings(const json& report) {
  const auto ordered = ordered_results(report);
  auto body = fmt::format("<h2>Findings (<span id=\"finding-count\">{}</span> shown of {})</h2>\n",
                          ordered.size(), ordered.size());
  body += render_filters();
  body += "<section id=\"findings\">\n";
  for (const auto* result : ordered) body += render_finding(*result);
  return body + "</section>\n";
}

}  // namespace

std::string render_html(const json& report) {
  auto body = render_summary(report);
  body += render_chart(report);
  body += render_findings(report);
  body += "<script type=\"application/json\" id=\"report-data\">" + html::script_json(report) +
          "</script>\n";
  const auto host = fields::text(fields::object(report, "host"), "name");
  return html::page(host.empty() ? "dockaudit report" : "dockaudit report: " + host, body,
                    kFilterScript);
}

}  // namespace dockaudit::report
