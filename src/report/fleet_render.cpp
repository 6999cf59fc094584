// The fleet document of report merge, for people (text, HTML) or machines.
#include <fmt/format.h>

#include "src/audit/json_text.hpp"
#include "src/report/fields.hpp"
#include "src/report/html_page.hpp"
#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

using nlohmann::json;

// Text and HTML show this many of the worst findings; JSON has them all.
constexpr std::size_t kShownFindings = 30;

std::string hosts_text(const json& finding) {
  std::vector<std::string> names;
  for (const auto& host : fields::array(finding, "hosts")) {
    if (host.is_string()) names.push_back(audit::printable(host.get<std::string>()));
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string policy_text(const json& host) {
  const auto met = host.value("policy_met", json());
  return met == true ? "met" : met == false ? "not met" : "n/a";
}

std::string render_fleet_text(const json& fleet) {
  const auto& hosts = fields::array(fleet, "hosts");
  const auto& sections = fields::object(fleet, "sections");
  auto out = fmt::format("dockaudit fleet report: {} host{}\n\n{:<24} {:>6}", hosts.size(),
                         hosts.size() == 1 ? "" : "s", "host", "score");
  for (const auto& [section, row] : sections.items()) out += fmt::format(" {:>9}", section);
  out += "  policy   failures  file\n";
  for (const auto& host : hosts) {
    out += fmt::format("{:<24} {:>6}", audit::printable(fields::text(host, "name")),
                       html::percent_text(host.value("score", json())));
    for (const auto& [section, row] : sections.items()) {
      out += fmt::format(
          " {:>9}", html::percent_text(fields::object(host, "sections").value(section, json())));
    }
    out += fmt::format("  {:<8} {:>8}  {}\n", policy_text(host),
                       fields::count(fields::object(host, "summary"), "fail"),
                       audit::printable(fields::text(host, "file")));
  }
  const auto& worst = fields::array(fleet, "worst_findings");
  out += fmt::format("\nWorst findings across the fleet ({} distinct failures)\n", worst.size());
  std::size_t shown = 0;
  for (const auto& finding : worst) {
    if (shown++ == kShownFindings) {
      out += fmt::format("  and {} more (see --format json)\n", worst.size() - kShownFindings);
      break;
    }
    out += fmt::format(
        "  [{}] {} on {}: {} host{} ({})\n", audit::printable(fields::text(finding, "severity")),
        audit::printable(fields::text(finding, "check")),
        audit::printable(fields::text(finding, "target")), fields::count(finding, "host_count"),
        fields::count(finding, "host_count") == 1 ? "" : "s", hosts_text(finding));
  }
  return out;
}

std::string render_host_table(const json& fleet) {
  const auto& sections = fields::object(fleet, "sections");
  std::string body = "<table id=\"hosts\"><tr><th>host</th><th>score</th>";
  for (const auto& [section, row] : sections.items())
    body += "<th>" + html::escape(section) + "</th>";
  body += "<th>policy</th><th>failures</th><th>file</th></tr>\n";
  for (const auto& host : fields::array(fleet, "hosts")) {
    body += fmt::format("<tr><td>{}</td><td class=\"number\">{}</td>",
                        html::escape(fields::text(host, "name")),
                        html::percent_text(host.value("score", json())));
    for (const auto& [section, row] : sections.items()) {
      body +=
          fmt::format("<td class=\"number\">{}</td>",
                      html::percent_text(fields::object(host, "sections").value(section, json())));
    }
    body += fmt::format("<td>{}</td><td class=\"number\">{}</td><td>{}</td></tr>\n",
                        policy_text(host), fields::count(fields::object(host, "summary"), "fail"),
                        html::escape(fields::text(host, "file")));
  }
  return body + "</table>\n";
}

std::string render_worst_table(const json& fleet) {
  const auto& worst = fields::array(fleet, "worst_findings");
  auto body = fmt::format(
      "<h2>Worst findings across the fleet ({} distinct failures)</h2>\n<table id=\"worst\">"
      "<tr><th>severity</th><th>check</th><th>target</th><th>hosts</th><th>fix</th></tr>\n",
      worst.size());
  std::size_t shown = 0;
  for (const auto& finding : worst) {
    if (shown++ == kShownFindings) break;
    body += fmt::format(
        "<tr><td>{}</td><td><code>{}</code><br>{}</td><td><code>{}</code></td><td>{}: {}</td>"
        "<td>{}</td></tr>\n",
        html::escape(fields::text(finding, "severity")),
        html::escape(fields::text(finding, "check")), html::escape(fields::text(finding, "title")),
        html::escape(fields::text(finding, "target")), fields::count(finding, "host_count"),
        html::escape(hosts_text(finding)), html::escape(fields::text(finding, "remediation")));
  }
  body += "</table>\n";
  if (worst.size() > kShownFindings) {
    body +=
        fmt::format("<p>and {} more in the JSON fleet report</p>\n", worst.size() - kShownFindings);
  }
  return body;
}

std::string render_fleet_html(const json& fleet) {
  const auto& hosts = fields::array(fleet, "hosts");
  std::vector<html::Bar> bars;
  for (const auto& host : hosts) {
    const auto score = host.value("score", json());
    bars.push_back({fields::text(host, "name"),
                    score.is_number() ? std::optional<double>(score.get<double>()) : std::nullopt});
  }
  auto body = fmt::format(
      "<h1>dockaudit fleet report: <span id=\"host-count\">{}</span> hosts</h1>\n", hosts.size());
  body +=
      "<h2>Score by host</h2>\n<figure>" + html::bar_chart("Score by host", bars) + "</figure>\n";
  body += "<h2>Hosts by section</h2>\n" + render_host_table(fleet);
  body += render_worst_table(fleet);
  body += "<script type=\"application/json\" id=\"fleet-data\">" + html::script_json(fleet) +
          "</script>\n";
  return html::page("dockaudit fleet report", body);
}

}  // namespace

std::string render_fleet(Format format, const json& fleet, const RenderOptions&) {
  switch (format) {
    case Format::json:
      return audit::to_text(fleet, 2) + "\n";
    case Format::html:
      return render_fleet_html(fleet);
    case Format::text:
      return render_fleet_text(fleet);
    default:
      throw std::runtime_error(
          fmt::format("report merge writes text, json or html, not {}", to_string(format)));
  }
}

}  // namespace dockaudit::report
