// The Prometheus text exposition format, for node_exporter's textfile
// collector: the score, the counts by status and severity, and when the run
// happened, so an alert can fire on a falling score or a stale audit.
#include <ctime>

#include <fmt/format.h>

#include "src/report/fields.hpp"
#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

using nlohmann::json;

// Label values escape backslash, double quote and line feed; nothing else.
std::string label_value(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void family(std::string& out, std::string_view name, std::string_view help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", name, help, name);
}

std::string sample(std::string_view name, std::string_view label, std::string_view value,
                   double number) {
  return fmt::format("{}{{{}=\"{}\"}} {}\n", name, label, label_value(value), number);
}

// Seconds since the epoch of "2024-05-01T12:00:00Z"; nullopt when the text is
// not that form.
std::optional<long long> epoch_seconds(const std::string& utc) {
  std::tm parts{};
  char zone = 0;
  if (std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &parts.tm_year, &parts.tm_mon,
                  &parts.tm_mday, &parts.tm_hour, &parts.tm_min, &parts.tm_sec, &zone) != 7 ||
      zone != 'Z') {
    return std::nullopt;
  }
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  return static_cast<long long>(::timegm(&parts));
}

void render_scores(std::string& out, const json& report) {
  family(out, "dockaudit_score", "Overall hardening score, 0 to 100 (weighted share of passes).");
  if (const auto overall = fields::overall_score(report)) {
    out += fmt::format("dockaudit_score {}\n", *overall);
  } else {
    out += "# dockaudit_score omitted: no result counted towards the score\n";
  }
  family(out, "dockaudit_section_score", "Hardening score of one section, 0 to 100.");
  for (const auto& [section, values] :
       fields::object(fields::object(report, "score"), "sections").items()) {
    const auto score = values.find("score");
    if (score != values.end() && score->is_number()) {
      out += sample("dockaudit_section_score", "section", section, score->get<double>());
    } else {
      out += fmt::format("# dockaudit_section_score omitted for {}: nothing counted\n",
                         label_value(section));
    }
  }
}

void render_counts(std::string& out, const json& report) {
  family(out, "dockaudit_results", "Results of the last run by status.");
  for (const auto& [status, count] : fields::object(report, "summary").items()) {
    out +=
        sample("dockaudit_results", "status", status, count.is_number() ? count.get<double>() : 0);
  }
  family(out, "dockaudit_failures", "Failing results of the last run by severity.");
  for (const auto& [severity, count] : fields::object(report, "failures_by_severity").items()) {
    out += sample("dockaudit_failures", "severity", severity,
                  count.is_number() ? count.get<double>() : 0);
  }
}

void render_run(std::string& out, const json& report) {
  family(out, "dockaudit_last_run_timestamp_seconds", "When the last run started, in Unix time.");
  if (const auto started = epoch_seconds(fields::text(report, "started_at"))) {
    out += fmt::format("dockaudit_last_run_timestamp_seconds {}\n", *started);
  } else {
    out += "# dockaudit_last_run_timestamp_seconds omitted: the report has no start time\n";
  }
  family(out, "dockaudit_run_duration_seconds", "How long the last run took.");
  out += fmt::format("dockaudit_run_duration_seconds {}\n",
                     fields::number(report, "duration_seconds"));
  const auto& policy = fields::object(report, "policy");
  family(out, "dockaudit_policy_met",
         "1 when the last run met --fail-under and --fail-on, else 0; see also "
         "dockaudit_audit_complete.");
  out += fmt::format("dockaudit_policy_met {}\n", policy.value("met", false) == true ? 1 : 0);
  family(out, "dockaudit_audit_complete",
         "1 when every check of the last run could be decided, 0 when some ended in error "
         "(exit code 3).");
  out += fmt::format("dockaudit_audit_complete {}\n",
                     policy.value("incomplete", true) == false ? 1 : 0);
  family(out, "dockaudit_info", "Constant 1, labelled with the tool version and profile.");
  out += fmt::format("dockaudit_info{{version=\"{}\",profile=\"{}\"}} 1\n",
                     label_value(fields::text(fields::object(report, "tool"), "version")),
                     label_value(fields::text(fields::object(report, "profile"), "name")));
}

}  // namespace

std::string render_prometheus(const json& report) {
  std::string out;
  render_scores(out, report);
  render_counts(out, report);
  render_run(out, report);
  return out;
}

}  // namespace dockaudit::report
