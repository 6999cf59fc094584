#include "src/cli/options.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <boost/program_options.hpp>

#include "src/profile/profile.hpp"

namespace dockaudit::cli {

namespace {

namespace po = boost::program_options;

po::options_description describe_options() {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help and exit")("version",
                                                             "print the version and exit")(
      "host,H", po::value<std::string>(),
      "engine to audit, unix:///path/to/docker.sock (default: $DOCKER_HOST, else "
      "unix:///var/run/docker.sock)")(
      "daemon-config", po::value<std::string>(),
      "the daemon.json to check (default: the running dockerd's --config-file, else "
      "/etc/docker/daemon.json)")(
      "profile,p", po::value<std::string>()->default_value(profile::kDefaultProfile),
      "benchmark profile: a name from the profile directory, or a path to a YAML file")(
      "level,l", po::value<std::vector<std::string>>()->composing(),
      "benchmark levels to audit, comma-separated or repeated: 1, 2 (which holds 1) and swarm "
      "(default: the profile's, 1,swarm for the cis-docker profiles)")(
      "format,f", po::value<std::vector<std::string>>()->composing(),
      "report formats, comma-separated or repeated: text, json, junit, sarif, html, prometheus "
      "(default: text)")(
      "output,o", po::value<std::string>(),
      "write the report (one format) to FILE, atomically, instead of standard output")(
      "output-dir", po::value<std::string>(),
      "write every format to DIR as dockaudit.txt, .json, .junit.xml, .sarif, .html and .prom")(
      "waivers", po::value<std::string>(),
      "accepted exceptions (YAML): a failure a valid waiver covers is reported as waived")(
      "baseline", po::value<std::string>(),
      "an earlier JSON report: label each finding new, unchanged or resolved")(
      "fail-under", po::value<std::string>(),
      "policy: exit 1 when the score, as printed (one decimal), is under SCORE (0-100)")(
      "fail-on", po::value<std::string>(),
      "policy: exit 1 when a check of this severity or higher fails: low, medium, high, "
      "critical (with neither, any failure breaks the policy)")(
      "no-color", "never colour the text report (NO_COLOR in the environment does the same)")(
      "snapshot", po::value<std::string>(),
      "audit the snapshot saved in FILE (by dockaudit snapshot) instead of an engine");
  return options;
}

std::string usage_text(const po::options_description& options) {
  std::ostringstream text;
  text << "Usage: dockaudit [audit] [OPTIONS]        audit a Docker host\n"
          "       dockaudit snapshot [-o FILE]      save what an audit would judge, secrets masked\n"
          "       dockaudit --snapshot FILE         audit a saved snapshot offline\n"
          "       dockaudit checks [--format F]     list the checks dockaudit knows\n"
          "       dockaudit explain CHECK-ID        what a check reads, why, and how to fix\n"
          "       dockaudit coverage                which checks decide each CIS recommendation\n"
          "       dockaudit report convert RUN.json --format F   render a saved run again\n"
          "       dockaudit report merge A.json B.json ...       one fleet report of many hosts\n"
          "       dockaudit profiles list | show NAME|PATH | validate NAME|PATH | schema\n"
          "                                         the profiles found, one resolved, a file "
          "checked\n\n"
       << options
       << "\nExit codes: 0 policy met, 1 a check failed, 2 usage or input error (nothing "
          "audited),\n3 audit incomplete (some checks could not be decided).\n";
  return text.str();
}

// "--level 2,swarm" and "--level 2 --level swarm" mean the same. `item` names
// what one entry is ("level"), `expected` what it may be ("1, 2 or swarm").
std::vector<std::string> split_list(const std::vector<std::string>& given, const char* option,
                                    const char* item_name, const char* expected) {
  std::vector<std::string> items;
  for (const auto& argument : given) {
    std::size_t start = 0;
    while (start <= argument.size()) {
      const auto comma = std::min(argument.find(',', start), argument.size());
      const auto item = argument.substr(start, comma - start);
      if (item.empty()) {
        throw UsageError(fmt::format("--{} '{}' holds an empty {}", option, argument, item_name));
      }
      if (item.starts_with("-")) {
        throw UsageError(fmt::format("--{} needs a value, {}, not '{}'", option, expected, item));
      }
      items.push_back(item);
      start = comma + 1;
    }
  }
  return items;
}

std::vector<report::Format> parse_formats(const std::vector<std::string>& given) {
  std::vector<std::string> names;
  for (const auto format : report::kFormats) names.emplace_back(report::to_string(format));
  std::vector<report::Format> formats;
  for (const auto& name : split_list(given, "format", "format", "such as text or json")) {
    const auto format = report::parse_format(name);
    if (!format) {
      const auto close = profile::nearest(name, names);
      throw UsageError(fmt::format("--format '{}' is not a format{}; use {}", name,
                                   close.empty() ? "" : fmt::format(" (did you mean '{}'?)", close),
                                   fmt::join(names, ", ")));
    }
    if (std::find(formats.begin(), formats.end(), *format) == formats.end()) {
      formats.push_back(*format);
    }
  }
  return formats;
}

// Plain decimals only ("90", "87.5"): std::stod alone would also take " 50",
// "0x20" and "1e1".
double parse_score(const std::string& text) {
  static const std::regex decimal("[0-9]{1,3}(\\.[0-9]+)?");
  double value = -1;
  if (std::regex_match(text, decimal)) value = std::stod(text);
  if (!(value >= 0 && value <= 100)) {
    throw UsageError(fmt::format("--fail-under '{}' is not a score from 0 to 100", text));
  }
  return value;
}

audit::Severity parse_fail_on(const std::string& text) {
  if (const auto severity = audit::parse_severity(text)) return *severity;
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto close = profile::nearest(lower, {"low", "medium", "high", "critical"});
  const auto hint = close.empty() ? "" : fmt::format(" (did you mean '{}'?)", close);
  throw UsageError(fmt::format(
      "--fail-on '{}' is not a severity{}; use low, medium, high or critical", text, hint));
}

void parse_command(const std::vector<std::string>& positional, Options& options) {
  const auto extra = [&](std::size_t allowed) {
    if (positional.size() > allowed) {
      throw UsageError(fmt::format("unexpected argument '{}'", positional[allowed]));
    }
  };
  const auto& name = positional.front();
  if (name == "audit") {
    extra(1);
    options.command = Command::audit;
  } else if (name == "snapshot") {
    extra(1);
    options.command = Command::snapshot;
  } else if (name == "checks") {
    extra(1);
    options.command = Command::list_checks;
  } else if (name == "coverage") {
    extra(1);
    options.command = Command::coverage;
  } else if (name == "report") {
    if (positional.size() < 2 || (positional[1] != "merge" && positional[1] != "convert")) {
      throw UsageError("report needs an action: dockaudit report merge A.json B.json ..., or "
                       "dockaudit report convert RUN.json --format F");
    }
    options.report_files.assign(positional.begin() + 2, positional.end());
    if (positional[1] == "convert") {
      options.command = Command::report_convert;
      if (options.report_files.size() != 1) {
        throw UsageError("report convert takes one saved JSON report: dockaudit report convert "
                         "RUN.json --format F");
      }
    } else {
      options.command = Command::report_merge;
      if (options.report_files.empty()) {
        throw UsageError("report merge needs the JSON reports to merge: dockaudit report merge "
                         "A.json B.json ...");
      }
    }
  } else if (name == "explain") {
    if (positional.size() < 2) throw UsageError("explain needs a check id: dockaudit explain ID");
    extra(2);
    options.command = Command::explain;
    options.explain_id = positional[1];
  } else if (name == "profiles") {
    options.command = Command::profiles;
    options.profiles_arguments.assign(positional.begin() + 1, positional.end());
  } else {
    throw UsageError(fmt::format(
        "unknown command '{}'; commands are audit (the default), snapshot, checks, explain, "
        "coverage, report and profiles",
        name));
  }
}

const char* command_name(Command command) {
  switch (command) {
    case Command::snapshot:
      return "snapshot";
    case Command::list_checks:
      return "checks";
    case Command::explain:
      return "explain";
    case Command::coverage:
      return "coverage";
    case Command::report_merge:
      return "report merge";
    case Command::report_convert:
      return "report convert";
    case Command::profiles:
      return "profiles";
    default:
      return "audit";
  }
}

// A saved snapshot was collected from its own engine and daemon.json, so
// options that choose them would silently do nothing.
void refuse_live_options_offline(const po::variables_map& values) {
  if (!values.count("snapshot")) return;
  for (const char* option : {"host", "daemon-config"}) {
    if (values.count(option)) {
      throw UsageError(
          fmt::format("--{} does not apply to --snapshot: the snapshot was "
                      "collected from its own engine",
                      option));
    }
  }
}

// Options a command does not use are refused rather than ignored: a user who
// gives them expects them to act.
void refuse_unused_options(Command command, const po::variables_map& values) {
  if (command == Command::audit) return refuse_live_options_offline(values);
  std::vector<std::string> allowed;
  if (command == Command::list_checks) allowed = {"format"};
  if (command == Command::snapshot) allowed = {"host", "daemon-config", "output"};
  if (command == Command::report_merge || command == Command::report_convert) {
    allowed = {"format", "output", "output-dir", "no-color"};
  }
  for (const auto& [option, value] : values) {
    if (option == "command" || value.defaulted()) continue;
    if (std::find(allowed.begin(), allowed.end(), option) != allowed.end()) continue;
    throw UsageError(fmt::format("--{} does not apply to dockaudit {}", option,
                                 command_name(command)));
  }
}

// Where the reports go: stdout takes one format, --output one, --output-dir
// any number.
void check_destinations(const Options& options) {
  if (options.output && options.output_dir) {
    throw UsageError("--output and --output-dir exclude each other: --output names the file of "
                     "one format, --output-dir the directory of several");
  }
  if (options.command == Command::list_checks && options.formats.size() > 1) {
    throw UsageError("dockaudit checks lists in one format at a time: text or json");
  }
  if (options.formats.size() > 1 && !options.output_dir) {
    throw UsageError(fmt::format(
        "{} formats need --output-dir DIR (each is written as dockaudit.<format> there)",
        options.formats.size()));
  }
}

}  // namespace

Options parse_options(const std::vector<std::string>& arguments) {
  const auto described = describe_options();
  po::options_description all;
  all.add(described).add_options()("command", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("command", -1);

  po::variables_map values;
  try {
    po::store(po::command_line_parser(arguments).options(all).positional(positional).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    throw UsageError(error.what());
  }

  Options options;
  options.help_text = usage_text(described);
  if (values.count("help")) {
    options.command = Command::help;
    return options;
  }
  if (values.count("version")) {
    options.command = Command::version;
    return options;
  }
  // Option values first: a value swallowed by a neighbour ("--level --format
  // json") is the mistake to name, not the command left over.
  if (values.count("level")) {
    options.levels = split_list(values["level"].as<std::vector<std::string>>(), "level", "level",
                                "1, 2 or swarm");
  }
  if (values.count("format")) {
    options.formats = parse_formats(values["format"].as<std::vector<std::string>>());
  }
  if (values.count("command")) {
    parse_command(values["command"].as<std::vector<std::string>>(), options);
  }
  if (values.count("host")) {
    options.host = values["host"].as<std::string>();
    if (options.host->empty()) throw UsageError("--host is empty; give unix:///path/to/socket");
  }
  if (values.count("daemon-config")) {
    options.daemon_config = values["daemon-config"].as<std::string>();
    if (options.daemon_config->empty()) {
      throw UsageError("--daemon-config is empty; give a path");
    }
  }
  options.profile = values["profile"].as<std::string>();
  const auto path = [&](const char* option) -> std::optional<std::string> {
    if (!values.count(option)) return std::nullopt;
    auto text = values[option].as<std::string>();
    if (text.empty()) throw UsageError(fmt::format("--{} is empty; give a path", option));
    return text;
  };
  options.output = path("output");
  options.output_dir = path("output-dir");
  options.waivers = path("waivers");
  options.baseline = path("baseline");
  if (values.count("fail-under")) {
    options.fail_under = parse_score(values["fail-under"].as<std::string>());
  }
  if (values.count("fail-on")) options.fail_on = parse_fail_on(values["fail-on"].as<std::string>());
  options.no_color = values.count("no-color") > 0;
  if (values.count("snapshot")) {
    options.snapshot_file = values["snapshot"].as<std::string>();
    if (options.snapshot_file->empty()) throw UsageError("--snapshot is empty; give a file path");
  }
  refuse_unused_options(options.command, values);
  check_destinations(options);
  return options;
}

}  // namespace dockaudit::cli
