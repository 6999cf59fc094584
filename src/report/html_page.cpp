#include "src/report/html_page.hpp"

#include <fmt/format.h>

#include "src/audit/json_text.hpp"

namespace dockaudit::report::html {

namespace {

constexpr int kChartLabelWidth = 110;
constexpr int kChartBarWidth = 400;
constexpr int kChartRowHeight = 28;

constexpr std::string_view kStyle = R"(
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
.meta { color: #555; }
.score { font-size: 2.4em; font-weight: 600; }
table { border-collapse: collapse; }
td, th { padding: .25em .7em; border: 1px solid #ddd; text-align: left; }
td.number { text-align: right; }
.filters fieldset { display: inline-block; margin-right: 1em; }
.finding { border: 1px solid #ddd; border-left: 6px solid #999; }
.finding { padding: .4em .8em; margin: .5em 0; }
.finding[hidden] { display: none; }
.finding p { margin: .25em 0; }
.status-fail { border-left-color: #c62828; }
.status-error { border-left-color: #8e24aa; }
.status-pass { border-left-color: #2e7d32; }
.status-manual { border-left-color: #f9a825; }
.status-waived { border-left-color: #00838f; }
.badge { font-weight: 600; text-transform: uppercase; margin-right: .5em; }
.severity { color: #555; margin-right: .5em; }
code { background: #f4f4f4; padding: 0 .2em; word-break: break-all; }
.fix { color: #1b5e20; }
svg text { font: 12px system-ui, sans-serif; }
)";

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string script_json(const nlohmann::json& value) {
  const auto text = audit::to_text(value);
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

std::string bar_chart(std::string_view title, const std::vector<Bar>& bars) {
  const int width = kChartLabelWidth + kChartBarWidth + 60;
  const int height = kChartRowHeight * static_cast<int>(bars.size()) + 8;
  auto svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\"><title>{}</title>\n",
      width, height, width, height, escape(title));
  int y = 4;
  for (const auto& bar : bars) {
    const double percent = bar.percent.value_or(0);
    const int length = static_cast<int>(percent / 100.0 * kChartBarWidth + 0.5);
    const char* colour = !bar.percent    ? "#bbb"
                         : percent >= 80 ? "#2e7d32"
                         : percent >= 50 ? "#f9a825"
                                         : "#c62828";
    svg += fmt::format(
        "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" "
        "fill=\"#eee\"/><rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" "
        "fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>\n",
        y + 14, escape(bar.label), kChartLabelWidth, y, kChartBarWidth, kChartLabelWidth, y, length,
        colour, kChartLabelWidth + kChartBarWidth + 8, y + 14,
        bar.percent ? fmt::format("{:.1f}", percent) : "n/a");
    y += kChartRowHeight;
  }
  return svg + "</svg>\n";
}

std::string page(std::string_view title, std::string_view body, std::string_view script) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // No request may leave the page: a report is read offline.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n{}{}</body>\n</html>\n",
      escape(title), kStyle, body,
      script.empty() ? std::string() : fmt::format("<script>{}</script>\n", script));
}

std::string percent_text(const nlohmann::json& value) {
  return value.is_number() ? fmt::format("{:.1f}", value.get<double>()) : "n/a";
}

}  // namespace dockaudit::report::html
