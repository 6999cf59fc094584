#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "src/audit/json_text.hpp"
#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

using audit::Finding;
using audit::Status;

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}

  std::string status(Status status) const {
    const auto label = fmt::format("{:<5}", label_of(status));
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
    }
    return "0";
  }
  std::string paint(std::string_view text, const char* code) const {
    if (!color_) return std::string(text);
    return fmt::format("\033[{}m{}\033[0m", code, text);
  }

  bool color_;
};

// Image ids carry their digest algorithm; the 12 hex digits are what docker prints.
std::string short_id(std::string_view id) {
  constexpr std::string_view digest_prefix = "sha256:";
  if (id.starts_with(digest_prefix)) id.remove_prefix(digest_prefix.size());
  return std::string(id.substr(0, 12));
}

void render_finding(std::string& out, const Finding& finding, const Painter& paint,
                    std::string_view indent) {
  const auto& result = finding.result;
  out += fmt::format("{}{} {} [{}] {}\n", indent, paint.status(result.status), result.check_id,
                     audit::to_string(finding.severity), audit::printable(result.detail));
  // A manual result's evidence is what the person is asked to look at.
  if (result.status != Status::fail && result.status != Status::error &&
      result.status != Status::manual) {
    return;
  }
  for (const auto& evidence : result.evidence) {
    out += fmt::format("{}      {} {} = {}\n", indent, paint.dim("seen:"),
                       audit::printable(evidence.path), audit::to_text(evidence.value));
  }
}

// Each failing check's remediation once, however many targets failed it.
void render_fixes(std::string& out, const Report& report, const Painter& paint) {
  std::vector<const Finding*> order;
  std::map<std::string_view, int> failures;
  for (const auto& finding : report.findings) {
    if (finding.result.status != Status::fail) continue;
    if (failures[finding.check->id]++ == 0) order.push_back(&finding);
  }
  if (order.empty()) return;
  out += "\n" + paint.bold("To fix") + "\n";
  for (const auto* finding : order) {
    const auto count = failures[finding->check->id];
    out += fmt::format("  {} ({} {}): {}\n", finding->check->id, count,
                       count == 1 ? "target" : "targets", finding->check->remediation);
  }
}

// Targets that stand alone (the daemon, the host, the swarm): one list. The
// daemon heading is always shown; the others only when they have findings.
void render_flat(std::string& out, const Report& report, const Painter& paint, audit::Scope scope,
                 std::string_view heading) {
  std::string body;
  for (const auto& finding : report.findings) {
    if (finding.result.target.type != scope) continue;
    if (scope != audit::Scope::host) {
      render_finding(body, finding, paint, "  ");
      continue;
    }
    // Several host objects share a check (every socket, every certificate),
    // so each finding names its object.
    auto named = finding;
    named.result.detail = finding.result.target.name + ": " + finding.result.detail;
    render_finding(body, named, paint, "  ");
  }
  if (body.empty() && scope != audit::Scope::daemon) return;
  if (scope != audit::Scope::daemon) out += "\n";
  out += paint.bold(heading) + "\n" + body;
}

std::string describe_target(const audit::Target& target) {
  if (target.id.empty()) return "";
  if (target.state.empty()) return fmt::format("({})", audit::printable(short_id(target.id)));
  return fmt::format("({}, {})", audit::printable(target.state),
                     audit::printable(short_id(target.id)));
}

// Containers and images: grouped by target, in the order the engine listed
// them. With no findings the section says `none`, or is left out when that
// is empty.
void render_grouped(std::string& out, const Report& report, const Painter& paint,
                    audit::Scope scope, std::string_view heading, std::string_view none) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Finding*>> by_target;
  std::map<std::string, audit::Target> targets;
  for (const auto& finding : report.findings) {
    const auto& target = finding.result.target;
    if (target.type != scope) continue;
    const auto key = target.id.empty() ? target.name : target.id;
    if (!by_target.count(key)) {
      order.push_back(key);
      targets[key] = target;
    }
    by_target[key].push_back(&finding);
  }
  if (order.empty() && none.empty()) return;
  // Rows about all of them at once ("(all containers)") are no object to count.
  const auto objects = std::count_if(order.begin(), order.end(),
                                     [&](const auto& key) { return !targets[key].id.empty(); });
  out += "\n" + paint.bold(fmt::format("{} ({})", heading, objects)) + "\n";
  if (order.empty()) out += fmt::format("  {}\n", none);
  for (const auto& key : order) {
    const auto& target = targets[key];
    out += fmt::format("  {} {}\n", paint.bold(audit::printable(target.name)),
                       paint.dim(describe_target(target)));
    for (const auto* finding : by_target[key]) render_finding(out, *finding, paint, "    ");
  }
}

std::string format_percent(const std::optional<double>& value) {
  return value ? fmt::format("{:.1f}", *value) : std::string("n/a");
}

void render_score(std::string& out, const Report& report, const Painter& paint) {
  const auto& score = report.score;
  out += "\n" + paint.bold(fmt::format("Score: {} / 100", format_percent(score.overall))) + "\n";
  for (const auto& section : score.sections) {
    out +=
        fmt::format("  {:<10} {:>5}  ({:.2f} of weight {:.2f})\n", audit::to_string(section.scope),
                    format_percent(section.percent), section.earned, section.weight);
  }
  out += paint.dim("  each check: weight x passed / counted") + "\n";
  std::size_t width = 0;
  std::size_t uncounted = 0;
  for (const auto& check : score.checks) width = std::max(width, check.check_id.size());
  for (const auto& check : score.checks) {
    if (check.counted == 0) {
      ++uncounted;
      continue;
    }
    out += paint.dim(fmt::format("    {:<{}} {:.2f} x {}/{} = {:.2f}", check.check_id, width,
                                 check.weight, check.passed, check.counted, check.earned())) +
           "\n";
  }
  if (uncounted > 0) {
    out += paint.dim(fmt::format("    and {} check{} with nothing to count (not applicable or "
                                 "manual only)",
                                 uncounted, uncounted == 1 ? "" : "s")) +
           "\n";
  }
  const auto count = [&](Status status) {
    const auto found = score.by_status.find(status);
    return found == score.by_status.end() ? 0 : found->second;
  };
  out += fmt::format("Results: {} pass, {} fail, {} error, {} not applicable, {} manual\n",
                     count(Status::pass), count(Status::fail), count(Status::error),
                     count(Status::not_applicable), count(Status::manual));
}

std::string render_header(const Report& report) {
  const auto& engine = report.snapshot->engine;
  const auto engine_text =
      engine.ok() ? fmt::format("Docker {} (API {}) at {}", engine.value->server_version,
                                engine.value->api_version, report.engine_url)
                  : fmt::format("{} (unreachable: {})", report.engine_url, engine.error);
  const auto benchmark = describe_benchmark(report);
  return fmt::format("dockaudit {} · profile {}{} · {}\n\n", report.tool_version,
                     audit::printable(report.profile_name),
                     benchmark.empty() ? "" : " (" + audit::printable(benchmark) + ")",
                     audit::printable(engine_text));
}

}  // namespace

std::string render_text(const Report& report, bool color) {
  const Painter paint(color);
  std::string out = render_header(report);
  render_flat(out, report, paint, audit::Scope::daemon, "Daemon");
  render_flat(out, report, paint, audit::Scope::host, "Host");
  const auto& containers = report.snapshot->containers;
  const bool no_containers = containers.ok() && containers.value->empty();
  render_grouped(out, report, paint, audit::Scope::container, "Containers",
                 no_containers ? "no containers on this engine" : "");
  render_grouped(out, report, paint, audit::Scope::image, "Images", "");
  render_flat(out, report, paint, audit::Scope::swarm, "Swarm");
  render_fixes(out, report, paint);
  render_score(out, report, paint);
  return out;
}

}  // namespace dockaudit::report
