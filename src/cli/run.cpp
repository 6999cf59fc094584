#include "src/cli/run.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "checks/cis_catalog.hpp"
#include "src/audit/json_text.hpp"
#include "src/cli/catalog.hpp"
#include "src/cli/diagnostics.hpp"
#include "src/cli/options.hpp"
#include "src/collect/collector.hpp"
#include "src/collect/curl_transport.hpp"
#include "src/collect/endpoint.hpp"
#include "src/profile/profile.hpp"
#include "src/report/report.hpp"
#include "src/score/score.hpp"

namespace dockaudit::cli {

namespace {

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(now));
}

std::string render(const report::Report& report, const Options& options,
                   const Environment& environment) {
  if (options.format == Format::json) return audit::to_text(report::render_json(report), 2) + "\n";
  const bool color = !options.no_color && !environment.no_color_env && !options.output &&
                     environment.stdout_is_terminal;
  return report::render_text(report, color);
}

// Inputs that would make the run pointless are refused before anything is
// audited: a daemon.json named on the command line that is not there, and a
// report path whose directory does not exist.
void check_inputs(const Options& options) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (options.daemon_config && !fs::exists(*options.daemon_config, error)) {
    throw UsageError(fmt::format("--daemon-config {}: no such file", *options.daemon_config));
  }
  if (!options.output) return;
  try {
    report::report_destination(*options.output);
  } catch (const std::runtime_error& problem) {
    throw UsageError(fmt::format("--output {}", problem.what()));
  }
}

int audit(const Options& options, const Environment& environment) {
  auto& err = *environment.err;
  const auto started_at = utc_now();

  profile::Profile chosen;
  collect::Endpoint endpoint;
  try {
    chosen = profile::apply_levels(
        profile::load_profile(
            profile::locate_profile(options.profile, profile::default_profile_dirs())),
        options.levels);
    endpoint =
        collect::parse_endpoint(collect::choose_engine_url(options.host, environment.docker_host));
    check_inputs(options);
  } catch (const std::exception& error) {
    print_error(err, error.what());
    return kUsageError;
  }

  collect::CurlTransport transport(endpoint);
  collect::EngineClient engine(transport);
  collect::CollectOptions collect_options{options.daemon_config, "/", endpoint.socket_path, {}};
  if (environment.docker_content_trust) {
    collect_options.docker_content_trust = environment.docker_content_trust;
  }
  const auto snapshot = collect::collect(engine, collect_options);
  if (!snapshot.engine.ok()) print_warning(err, snapshot.engine.error);

  report::Report report;
  report.tool_version = DOCKAUDIT_VERSION;
  report.started_at = started_at;
  report.profile_name = chosen.name;
  report.profile_path = chosen.path;
  report.benchmark = chosen.benchmark;
  report.levels = chosen.levels;
  report.engine_url = endpoint.url;
  report.snapshot = &snapshot;
  report.findings = audit::evaluate(snapshot, chosen);
  report.score = score::compute(report.findings);
  report.exit_code = decide_exit_code(report.findings);

  const auto text = render(report, options, environment);
  if (!options.output) {
    *environment.out << text << std::flush;
    if (!*environment.out) {
      print_error(err, "cannot write the report to standard output");
      return kUsageError;
    }
    return report.exit_code;
  }
  try {
    report::write_atomically(*options.output, text);
  } catch (const std::exception& error) {
    print_error(err, error.what());
    return kUsageError;
  }
  return report.exit_code;
}

}  // namespace

Environment process_environment() {
  const char* no_color = std::getenv("NO_COLOR");
  return {std::getenv("DOCKER_HOST"),
          no_color != nullptr && *no_color != '\0',
          ::isatty(STDOUT_FILENO) == 1,
          &std::cout,
          &std::cerr,
          std::getenv("DOCKER_CONTENT_TRUST")};
}

ExitCode decide_exit_code(const std::vector<audit::Finding>& findings) {
  bool any_error = false;
  for (const auto& finding : findings) {
    if (finding.result.status == audit::Status::fail) return kPolicyNotMet;
    if (finding.result.status == audit::Status::error) any_error = true;
  }
  return any_error ? kAuditIncomplete : kPolicyMet;
}

int run(const std::vector<std::string>& arguments, const Environment& environment) {
  Options options;
  try {
    options = parse_options(arguments);
  } catch (const UsageError& error) {
    print_error(*environment.err, std::string(error.what()) + " (see dockaudit --help)");
    return kUsageError;
  }
  auto& out = *environment.out;
  switch (options.command) {
    case Command::help:
      out << options.help_text;
      break;
    case Command::version:
      out << "dockaudit " << DOCKAUDIT_VERSION << "\n";
      break;
    case Command::list_checks:
      list_checks(out, options.format);
      break;
    case Command::coverage:
      out << checks::render_coverage();
      break;
    case Command::explain:
      if (explain_check(out, options.explain_id)) break;
      print_error(*environment.err, unknown_check_message(options.explain_id));
      return kUsageError;
    case Command::audit:
      return audit(options, environment);
  }
  out << std::flush;
  if (!out) {
    print_error(*environment.err, "cannot write to standard output");
    return kUsageError;
  }
  return kPolicyMet;
}

}  // namespace dockaudit::cli
