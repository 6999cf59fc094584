#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "src/audit/json_text.hpp"
#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

using audit::Status;
using nlohmann::json;

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}

  std::string status(Status status) const {
    const auto label = fmt::format("{:<6}", label_of(status));
    return paint(label, code_of(status));
  }
  std::string bold(std::string_view text) const { return paint(text, "1"); }
  std::string dim(std::string_view text) const { return paint(text, "2"); }

 private:
  static std::string_view label_of(Status status) {
    switch (status) {
      case Status::pass:
        return "PASS";
      case Status::fail:
        return "FAIL";
      case Status::error:
        return "ERROR";
      case Status::not_applicable:
        return "N/A";
      case Status::manual:
        return "CHECK";
      case Status::waived:
        return "WAIVED";
    }
    return "?";
  }
  static const char* code_of(Status status) {
    switch (status) {
      case Status::pass:
        return "32";
      case Status::fail:
        return "31;1";
      case Status::error:
        return "35;1";
      case Status::not_applicable:
        return "2";
      case Status::manual:
        return "33";
      case Status::waived:
        return "36";
    }
    return "0";
  }
  std::string paint(std::string_view text, const char* code) const {
    if (!color_) return std::string(text);
    return fmt::format("\033[{}m{}\033[0m", code, text);
  }

  bool color_;
};

// A string member, "" when it is absent or null (reports read back from files
// are checked for their schema version, not for every field).
std::string text_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

Status status_of(const json& result) {
  return audit::parse_status(text_of(result, "status")).value_or(Status::error);
}

// Image ids carry their digest algorithm; the 12 hex digits are what docker prints.
std::string short_id(std::string_view id) {
  constexpr std::string_view digest_prefix = "sha256:";
  if (id.starts_with(digest_prefix)) id.remove_prefix(digest_prefix.size());
  return std::string(id.substr(0, 12));
}

std::string drift_mark(const json& result, const Painter& paint) {
  const auto drift = text_of(result, "drift");
  if (drift.empty() || drift == "unchanged") return "";
  return paint.bold(fmt::format("({}) ", drift));
}

void render_finding(std::string& out, const json& result, const Painter& paint,
                    std::string_view indent, std::string_view prefix = "") {
  const auto status = status_of(result);
  out += fmt::format("{}{} {}{} [{}] {}{}\n", indent, paint.status(status),
                     drift_mark(result, paint), audit::printable(text_of(result, "check")),
                     audit::printable(text_of(result, "severity")), audit::printable(prefix),
                     audit::printable(text_of(result, "detail")));
  const auto waiver = result.find("waiver");
  if (waiver != result.end() && waiver->is_object()) {
    const bool expired = waiver->value("expired", json()) == true;
    out += fmt::format("{}       {} {} (owner {}, {} {}, {})\n", indent,
                       paint.dim(expired ? "expired waiver:" : "waived:"),
                       audit::printable(text_of(*waiver, "justification")),
                       audit::printable(text_of(*waiver, "owner")), expired ? "expired" : "expires",
                       audit::printable(text_of(*waiver, "expires")),
                       audit::printable(text_of(*waiver, "place")));
  }
  // A manual result's evidence is what the person is asked to look at.
  if (status != Status::fail && status != Status::error && status != Status::manual) return;
  const auto evidence = result.find("evidence");
  if (evidence == result.end() || !evidence->is_array()) return;
  for (const auto& item : *evidence) {
    const auto value = item.find("value");
    out += fmt::format("{}       {} {} = {}\n", indent, paint.dim("seen:"),
                       audit::printable(text_of(item, "path")),
                       value == item.end() ? std::string("null") : audit::to_text(*value));
  }
}

const json& results_of(const json& report) {
  static const json none = json::array();
  const auto found = report.find("results");
  return found != report.end() && found->is_array() ? *found : none;
}

const json& target_of(const json& result) {
  static const json none = json::object();
  const auto found = result.find("target");
  return found != result.end() && found->is_object() ? *found : none;
}

// Each failing check's remediation once, however many targets failed it.
void render_fixes(std::string& out, const json& report, const Painter& paint) {
  std::vector<const json*> order;
  std::map<std::string, int> failures;
  for (const auto& result : results_of(report)) {
    if (status_of(result) != Status::fail) continue;
    if (failures[text_of(result, "check")]++ == 0) order.push_back(&result);
  }
  if (order.empty()) return;
  out += "\n" + paint.bold("To fix") + "\n";
  for (const auto* result : order) {
    const auto count = failures[text_of(*result, "check")];
    out += fmt::format("  {} ({} {}): {}\n", audit::printable(text_of(*result, "check")), count,
                       count == 1 ? "target" : "targets",
                       audit::printable(text_of(*result, "remediation")));
  }
}

// Targets that stand alone (the daemon, the host, the swarm): one list. The
// daemon heading is always shown; the others only when they have findings.
void render_flat(std::string& out, const json& report, const Painter& paint,
                 std::string_view scope, std::string_view heading) {
  std::string body;
  for (const auto& result : results_of(report)) {
    const auto& target = target_of(result);
    if (text_of(target, "type") != scope) continue;
    // Several host objects share a check (every socket, every certificate),
    // so each finding names its object.
    const auto prefix = scope == "host" ? text_of(target, "name") + ": " : std::string();
    render_finding(body, result, paint, "  ", prefix);
  }
  if (body.empty() && scope != "daemon") return;
  if (scope != "daemon") out += "\n";
  out += paint.bold(heading) + "\n" + body;
}

std::string describe_target(const json& target) {
  const auto id = text_of(target, "id");
  const auto state = text_of(target, "state");
  if (id.empty()) return "";
  if (state.empty()) return fmt::format("({})", audit::printable(short_id(id)));
  return fmt::format("({}, {})", audit::printable(state), audit::printable(short_id(id)));
}

// Containers and images: grouped by target, in the order the engine listed
// them. With no findings the section says `none`, or is left out when that
// is empty.
void render_grouped(std::string& out, const json& report, const Painter& paint,
                    std::string_view scope, std::string_view heading, std::string_view none) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const json*>> by_target;
  std::map<std::string, const json*> targets;
  for (const auto& result : results_of(report)) {
    const auto& target = target_of(result);
    if (text_of(target, "type") != scope) continue;
    const auto id = text_of(target, "id");
    const auto key = id.empty() ? text_of(target, "name") : id;
    if (!by_target.count(key)) {
      order.push_back(key);
      targets[key] = &target;
    }
    by_target[key].push_back(&result);
  }
  if (order.empty() && none.empty()) return;
  // Rows about all of them at once ("(all containers)") are no object to count.
  const auto objects = std::count_if(order.begin(), order.end(), [&](const auto& key) {
    return !text_of(*targets[key], "id").empty();
  });
  out += "\n" + paint.bold(fmt::format("{} ({})", heading, objects)) + "\n";
  if (order.empty()) out += fmt::format("  {}\n", none);
  for (const auto& key : order) {
    const auto& target = *targets[key];
    out += fmt::format("  {} {}\n", paint.bold(audit::printable(text_of(target, "name"))),
                       paint.dim(describe_target(target)));
    for (const auto* result : by_target[key]) render_finding(out, *result, paint, "    ");
  }
}

std::string format_percent(const json& value) {
  return value.is_number() ? fmt::format("{:.1f}", value.get<double>()) : std::string("n/a");
}

double number_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : 0;
}

int count_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<int>() : 0;
}

void render_score(std::string& out, const json& report, const Painter& paint) {
  const auto& score = report.value("score", json::object());
  out += "\n" +
         paint.bold(fmt::format("Score: {} / 100", format_percent(score.value("overall", json())))) +
         "\n";
  const auto sections = score.value("sections", json::object());
  for (const auto& [name, section] : sections.items()) {
    out += fmt::format("  {:<10} {:>5}  ({:.2f} of weight {:.2f})\n", audit::printable(name),
                       format_percent(section.value("score", json())),
                       number_of(section, "earned"), number_of(section, "weight"));
  }
  out += paint.dim("  each check: weight x passed / counted") + "\n";
  const auto checks = score.value("checks", json::array());
  std::size_t width = 0;
  std::size_t uncounted = 0;
  for (const auto& check : checks) width = std::max(width, text_of(check, "check").size());
  for (const auto& check : checks) {
    if (count_of(check, "counted") == 0) {
      ++uncounted;
      continue;
    }
    out += paint.dim(fmt::format("    {:<{}} {:.2f} x {}/{} = {:.2f}",
                                 audit::printable(text_of(check, "check")), width,
                                 number_of(check, "weight"), count_of(check, "passed"),
                                 count_of(check, "counted"), number_of(check, "earned"))) +
           "\n";
  }
  if (uncounted > 0) {
    out += paint.dim(fmt::format("    and {} check{} with nothing to count (not applicable, "
                                 "manual or waived only)",
                                 uncounted, uncounted == 1 ? "" : "s")) +
           "\n";
  }
  const auto summary = report.value("summary", json::object());
  out += fmt::format("Results: {} pass, {} fail, {} error, {} not applicable, {} manual, {} waived\n",
                     count_of(summary, "pass"), count_of(summary, "fail"),
                     count_of(summary, "error"), count_of(summary, "not_applicable"),
                     count_of(summary, "manual"), count_of(summary, "waived"));
}

// What changed since the baseline leads the report: new findings first, then
// the resolved ones, each with its status now; unchanged ones are only counted.
void render_drift(std::string& out, const json& report, const Painter& paint) {
  const auto drift = report.value("drift", json());
  if (!drift.is_object()) return;
  const auto gone = drift.value("resolved_results", json::array());
  out += paint.bold(fmt::format("Changes since {} ({}): {} new, {} resolved, {} unchanged",
                                audit::printable(text_of(drift, "baseline")),
                                audit::printable(text_of(drift, "baseline_started_at")),
                                count_of(drift, "new"), count_of(drift, "resolved"),
                                count_of(drift, "unchanged"))) +
         "\n";
  for (const char* kind : {"new", "resolved"}) {
    for (const auto& result : results_of(report)) {
      if (text_of(result, "drift") != kind) continue;
      out += fmt::format("  {:<9} {} {} {}: {}\n", kind, paint.status(status_of(result)),
                         audit::printable(text_of(result, "check")),
                         audit::printable(text_of(target_of(result), "key")),
                         audit::printable(text_of(result, "detail")));
    }
  }
  for (const auto& result : gone) {
    out += fmt::format("  {:<9} {:<6} {} {}: no longer audited (the target is gone, or the "
                       "check left the profile)\n",
                       "resolved", "GONE", audit::printable(text_of(result, "check")),
                       audit::printable(text_of(target_of(result), "key")));
  }
  out += "\n";
}

int errors_of(const json& report, const std::string& check) {
  const auto& results = results_of(report);
  return static_cast<int>(std::count_if(results.begin(), results.end(), [&](const json& result) {
    return text_of(result, "check") == check && status_of(result) == Status::error;
  }));
}

// Waivers that no longer waive, or never did, need their owner's attention.
void render_waivers(std::string& out, const json& report, const Painter& paint) {
  const auto waivers = report.value("waivers", json());
  if (!waivers.is_object()) return;
  std::string body;
  int active = 0;
  // Waivers may overlap: the failures waived are the results, not the sum of
  // what each waiver covers.
  const int waived = count_of(report.value("summary", json::object()), "waived");
  for (const auto& waiver : waivers.value("entries", json::array())) {
    const auto state = text_of(waiver, "state");
    const auto matched = count_of(waiver, "matched");
    if (state == "active") {
      ++active;
      continue;
    }
    std::string what = "matched no failure; remove it or correct its check and targets";
    const auto errors = errors_of(report, text_of(waiver, "check"));
    if (state == "unused" && errors > 0) {
      // Errors are never waived, but once the check can look it may match.
      what = fmt::format("matched no failure, but {} result{} of its check ended in error",
                         errors, errors == 1 ? "" : "s");
    }
    if (state == "expired") {
      what = matched == 0 ? std::string("no longer waives, and matches no failure; remove it")
                          : fmt::format("no longer waives: {} failure{} it covers fail again; "
                                        "renew it or fix them",
                                        matched, matched == 1 ? "" : "s");
    }
    body += fmt::format("  {:<8} {} {} (owner {}, {} {}): {}\n", state,
                        audit::printable(text_of(waiver, "place")),
                        audit::printable(text_of(waiver, "check")),
                        audit::printable(text_of(waiver, "owner")),
                        state == "expired" ? "expired" : "expires",
                        audit::printable(text_of(waiver, "expires")), what);
  }
  out += "\n" +
         paint.bold(fmt::format("Waivers ({}): {} active, waiving {} failure{}",
                                audit::printable(text_of(waivers, "file")), active, waived,
                                waived == 1 ? "" : "s")) +
         "\n" + body;
}

void render_policy(std::string& out, const json& report) {
  const auto policy = report.value("policy", json());
  if (!policy.is_object()) return;
  const auto reasons = policy.value("reasons", json::array());
  if (reasons.empty()) {
    out += "Policy: met\n";
  } else {
    std::vector<std::string> lines;
    for (const auto& reason : reasons) {
      lines.push_back(reason.is_string() ? audit::printable(reason.get<std::string>()) : "?");
    }
    out += fmt::format("Policy: not met: {}\n", fmt::join(lines, "; "));
  }
  if (const auto incomplete = incomplete_text(report)) out += *incomplete + "\n";
}

std::string render_header(const json& report) {
  const auto engine = report.value("engine", json::object());
  const auto error = text_of(engine, "error");
  const auto endpoint = text_of(engine, "endpoint");
  const auto engine_text =
      error.empty() ? fmt::format("Docker {} (API {}) at {}", text_of(engine, "server_version"),
                                  text_of(engine, "api_version"), endpoint)
                    : fmt::format("{} (unreachable: {})", endpoint, error);
  const auto profile = report.value("profile", json::object());
  const auto benchmark = describe_benchmark(profile);
  const auto host = text_of(report.value("host", json::object()), "name");
  const auto snapshot = text_of(engine, "snapshot");
  const auto offline = snapshot.empty() ? std::string()
                                        : fmt::format(" · snapshot {} collected {}", snapshot,
                                                      text_of(engine, "collected_at"));
  return fmt::format("dockaudit {} · {}{} · profile {}{} · {}{}\n\n",
                     audit::printable(text_of(report.value("tool", json::object()), "version")),
                     audit::printable(host.empty() ? "" : host + " · "),
                     audit::printable(text_of(report, "started_at")),
                     audit::printable(text_of(profile, "name")),
                     benchmark.empty() ? "" : " (" + audit::printable(benchmark) + ")",
                     audit::printable(engine_text), audit::printable(offline));
}

}  // namespace

std::string render_text(const json& report, bool color) {
  const Painter paint(color);
  std::string out = render_header(report);
  render_drift(out, report, paint);
  render_flat(out, report, paint, "daemon", "Daemon");
  render_flat(out, report, paint, "host", "Host");
  const auto containers = report.value("engine", json::object()).value("containers", json());
  const bool no_containers = containers.is_number() && containers.get<int>() == 0;
  render_grouped(out, report, paint, "container", "Containers",
                 no_containers ? "no containers on this engine" : "");
  render_grouped(out, report, paint, "image", "Images", "");
  render_flat(out, report, paint, "swarm", "Swarm");
  render_fixes(out, report, paint);
  render_waivers(out, report, paint);
  render_score(out, report, paint);
  render_policy(out, report);
  return out;
}

}  // namespace dockaudit::report
