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
#include "src/audit/policy.hpp"
#include "src/cli/catalog.hpp"
#include "src/cli/diagnostics.hpp"
#include "src/cli/options.hpp"
#include "src/cli/profiles_command.hpp"
#include "src/cli/snapshot_command.hpp"
#include "src/profile/profile.hpp"
#include "src/report/report.hpp"
#include "src/score/score.hpp"
#include "src/waiver/waiver.hpp"

namespace dockaudit::cli {

namespace {

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(now));
}

std::string today(const std::string& started_at) { return started_at.substr(0, 10); }

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

using FileName = std::string (*)(report::Format);

// Inputs that would make the run pointless are refused before anything is
// audited: a daemon.json named on the command line that is not there, and a
// report path whose directory does not exist.
void check_outputs(const Options& options, FileName file_name = &report::file_name) {
  namespace fs = std::filesystem;
  if (options.output_dir) {
    std::error_code error;
    const auto status = fs::status(*options.output_dir, error);
    if (!fs::exists(status)) {
      throw UsageError(fmt::format("--output-dir {}: no such directory; create it first",
                                   *options.output_dir));
    }
    if (!fs::is_directory(status)) {
      throw UsageError(fmt::format("--output-dir {}: not a directory; reports are written "
                                   "into a directory as dockaudit.<format>",
                                   *options.output_dir));
    }
    for (const auto format : options.formats) {
      try {
        report::report_destination(fs::path(*options.output_dir) / file_name(format));
      } catch (const std::runtime_error& problem) {
        throw UsageError(fmt::format("--output-dir {}", problem.what()));
      }
    }
  }
  if (!options.output) return;
  try {
    report::report_destination(*options.output);
  } catch (const std::runtime_error& problem) {
    throw UsageError(fmt::format("--output {}", problem.what()));
  }
}

void check_inputs(const Options& options) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (options.daemon_config && !fs::exists(*options.daemon_config, error)) {
    throw UsageError(fmt::format("--daemon-config {}: no such file", *options.daemon_config));
  }
  check_outputs(options);
}

// Renders every requested format first, then writes them, so a format that
// cannot be rendered leaves no file of this run behind. Every file is written
// in full to a temporary name before any is renamed into place.
int write_reports(const nlohmann::json& document, const Options& options,
                  const Environment& environment,
                  std::string (*render_one)(report::Format, const nlohmann::json&,
                                            const report::RenderOptions&),
                  FileName file_name = &report::file_name) {
  auto& err = *environment.err;
  const bool to_terminal = !options.output && !options.output_dir;
  const report::RenderOptions render_options{!options.no_color && !environment.no_color_env &&
                                             to_terminal && environment.stdout_is_terminal};
  std::vector<std::pair<std::filesystem::path, std::string>> rendered;
  try {
    for (const auto format : options.formats) {
      const auto path = options.output ? std::filesystem::path(*options.output)
                        : options.output_dir
                            ? std::filesystem::path(*options.output_dir) / file_name(format)
                            : std::filesystem::path();
      rendered.emplace_back(path, render_one(format, document, render_options));
    }
  } catch (const std::exception& error) {
    print_error(err, error.what());
    return kUsageError;
  }
  if (to_terminal) {
    *environment.out << rendered.front().second << std::flush;
    if (!*environment.out) {
      print_error(err, "cannot write the report to standard output");
      return kUsageError;
    }
    return kPolicyMet;
  }
  try {
    report::write_all_atomically(rendered);
  } catch (const std::exception& error) {
    print_error(err, error.what());
    return kUsageError;
  }
  return kPolicyMet;
}

// What a run reads besides the snapshot: the profile, the waivers and the
// baseline. Any of them unusable ends the run before it audits anything.
struct RunInputs {
  profile::Profile profile;
  std::optional<waiver::WaiverFile> waivers;
  std::optional<nlohmann::json> baseline;
};

RunInputs read_inputs(const Options& options) {
  RunInputs inputs;
  inputs.profile = profile::apply_levels(
      profile::load_profile(
          profile::locate_profile(options.profile, profile::default_profile_dirs())),
      options.levels);
  if (options.waivers) inputs.waivers = waiver::load_waivers(*options.waivers);
  if (options.baseline) {
    try {
      inputs.baseline = report::load_json_report(*options.baseline);
      report::check_baseline(*inputs.baseline, *options.baseline);
    } catch (const std::runtime_error& problem) {
      throw UsageError(fmt::format("--baseline {}", problem.what()));
    }
  }
  check_inputs(options);
  return inputs;
}

int audit(const Options& options, const Environment& environment) {
  auto& err = *environment.err;
  const auto clock_started = std::chrono::steady_clock::now();
  const auto started_at = utc_now();

  RunInputs inputs;
  AuditSource source;
  try {
    inputs = read_inputs(options);
    source = gather_audit_source(options, environment);
  } catch (const std::exception& error) {
    print_error(err, error.what());
    return kUsageError;
  }
  const auto& snapshot = source.snapshot;
  if (!snapshot.engine.ok()) print_warning(err, snapshot.engine.error);

  report::Report report;
  report.tool_version = DOCKAUDIT_VERSION;
  report.started_at = started_at;
  // Offline, the host is the one the snapshot was collected on.
  report.host_name = options.snapshot_file ? source.hostname : host_name();
  report.profile_name = inputs.profile.name;
  report.profile_path = inputs.profile.path;
  report.benchmark = inputs.profile.benchmark;
  report.levels = inputs.profile.levels;
  report.engine_url = source.engine_url;
  report.snapshot_file = source.snapshot_file;
  report.snapshot = &snapshot;
  report.findings = audit::evaluate(snapshot, inputs.profile);
  if (inputs.waivers) {
    waiver::apply_waivers(report.findings, *inputs.waivers, snapshot, today(started_at));
    report.waivers = std::move(inputs.waivers);
  }
  try {
    if (inputs.baseline) {
      report.drift = report::apply_baseline(report.findings, *inputs.baseline, *options.baseline);
    }
  } catch (const std::exception& error) {
    print_error(err, fmt::format("--baseline {}", error.what()));
    return kUsageError;
  }
  report.score = score::compute(report.findings);
  report.policy = {options.fail_under, options.fail_on};
  report.outcome = audit::judge(report.policy, report.findings, report.score);
  report.exit_code = report.outcome.exit_code;
  report.duration_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_started).count();

  const auto written = write_reports(report::render_json(report), options, environment,
                                     &report::render);
  return written == kPolicyMet ? report.exit_code : written;
}

std::string render_fleet_report(report::Format format, const nlohmann::json& fleet,
                                const report::RenderOptions& options) {
  return report::render_fleet(format, fleet, options);
}

// report convert and report merge: saved runs in, reports out.
int report_command(const Options& options, const Environment& environment) {
  std::vector<nlohmann::json> reports;
  try {
    check_outputs(options, options.command == Command::report_merge ? &report::fleet_file_name
                                                                     : &report::file_name);
    for (const auto& path : options.report_files) {
      reports.push_back(report::load_json_report(path));
    }
  } catch (const std::exception& error) {
    print_error(*environment.err, error.what());
    return kUsageError;
  }
  if (options.command == Command::report_convert) {
    return write_reports(reports.front(), options, environment, &report::render);
  }
  for (const auto format : options.formats) {
    if (format != report::Format::text && format != report::Format::json &&
        format != report::Format::html) {
      print_error(*environment.err,
                  fmt::format("report merge writes text, json or html, not {}",
                              report::to_string(format)));
      return kUsageError;
    }
  }
  nlohmann::json fleet;
  try {
    fleet = report::merge_reports(reports, options.report_files);
  } catch (const std::exception& error) {
    print_error(*environment.err, error.what());
    return kUsageError;
  }
  return write_reports(fleet, options, environment, &render_fleet_report, &report::fleet_file_name);
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
  return audit::judge({}, findings, score::compute(findings)).exit_code;
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
      if (options.formats.front() != report::Format::text &&
          options.formats.front() != report::Format::json) {
        print_error(*environment.err, "dockaudit checks lists as text or json");
        return kUsageError;
      }
      list_checks(out, options.formats.front() == report::Format::json);
      break;
    case Command::coverage:
      out << checks::render_coverage();
      break;
    case Command::explain:
      if (explain_check(out, options.explain_id)) break;
      print_error(*environment.err, unknown_check_message(options.explain_id));
      return kUsageError;
    case Command::profiles:
      return run_profiles_command(options.profiles_arguments, profile::default_profile_dirs(), out,
                                  *environment.err);
    case Command::audit:
      return audit(options, environment);
    case Command::report_merge:
    case Command::report_convert:
      return report_command(options, environment);
    case Command::snapshot:
      return save_snapshot(options, environment);
  }
  out << std::flush;
  if (!out) {
    print_error(*environment.err, "cannot write to standard output");
    return kUsageError;
  }
  return kPolicyMet;
}

}  // namespace dockaudit::cli
