#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "src/audit/json_input.hpp"
#include "src/audit/json_text.hpp"
#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

// A saved report is a few megabytes for a thousand containers; anything far
// larger is not one.
constexpr std::uintmax_t kMaxReportBytes = 256 * 1024 * 1024;

}  // namespace

std::string_view to_string(Format format) {
  switch (format) {
    case Format::text:
      return "text";
    case Format::json:
      return "json";
    case Format::junit:
      return "junit";
    case Format::sarif:
      return "sarif";
    case Format::html:
      return "html";
    case Format::prometheus:
      return "prometheus";
  }
  return "text";
}

std::optional<Format> parse_format(std::string_view name) {
  for (const auto format : kFormats) {
    if (to_string(format) == name) return format;
  }
  return std::nullopt;
}

std::string file_name(Format format) {
  switch (format) {
    case Format::text:
      return "dockaudit.txt";
    case Format::json:
      return "dockaudit.json";
    case Format::junit:
      return "dockaudit.junit.xml";
    case Format::sarif:
      return "dockaudit.sarif";
    case Format::html:
      return "dockaudit.html";
    case Format::prometheus:
      // node_exporter's textfile collector reads only *.prom.
      return "dockaudit.prom";
  }
  return "dockaudit.txt";
}

std::string fleet_file_name(Format format) {
  auto name = file_name(format);
  return name.insert(name.find('.'), "-fleet");
}

std::string render(Format format, const nlohmann::json& report, const RenderOptions& options) {
  switch (format) {
    case Format::text:
      return render_text(report, options.color);
    case Format::json:
      return audit::to_text(report, 2) + "\n";
    case Format::junit:
      return render_junit(report);
    case Format::sarif:
      return render_sarif(report);
    case Format::html:
      return render_html(report);
    case Format::prometheus:
      return render_prometheus(report);
  }
  return render_text(report, options.color);
}

nlohmann::json load_json_report(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw std::runtime_error(fmt::format("{}: no such report file", path.string()));
  }
  if (fs::file_size(path, error) > kMaxReportBytes) {
    throw std::runtime_error(fmt::format("{}: larger than a report can be ({} bytes at most)",
                                         path.string(), kMaxReportBytes));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read the file", path.string()));
  auto report = audit::parse_json(bytes.str(), path.string());
  check_report_shape(report, path.string());
  return report;
}

std::optional<std::string> incomplete_text(const nlohmann::json& report) {
  const auto policy = report.find("policy");
  if (policy == report.end() || !policy->is_object() ||
      policy->value("incomplete", false) != true) {
    return std::nullopt;
  }
  std::int64_t errors = 0;
  if (const auto summary = report.find("summary");
      summary != report.end() && summary->is_object()) {
    const auto count = summary->find("error");
    if (count != summary->end() && count->is_number_integer()) errors = count->get<std::int64_t>();
  }
  return fmt::format("Audit incomplete: {} result{} ended in error and could not be judged{}",
                     errors, errors == 1 ? "" : "s",
                     policy->value("met", false) == true ? " (exit code 3)" : "");
}

}  // namespace dockaudit::report
