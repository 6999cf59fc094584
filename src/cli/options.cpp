#include "src/cli/options.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>
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
      "format,f", po::value<std::string>()->default_value("text"), "report format: text or json")(
      "output,o", po::value<std::string>(),
      "write the report to FILE (atomically) instead of standard output")(
      "no-color", "never colour the text report (NO_COLOR in the environment does the same)");
  return options;
}

std::string usage_text(const po::options_description& options) {
  std::ostringstream text;
  text << "Usage: dockaudit [audit] [OPTIONS]     audit a Docker host\n"
          "       dockaudit checks [--format F]  list the checks dockaudit knows\n"
          "       dockaudit explain CHECK-ID     what a check reads, why, and how to fix\n"
          "       dockaudit coverage             which checks decide each CIS recommendation\n\n"
       << options
       << "\nExit codes: 0 policy met, 1 a check failed, 2 usage or input error (nothing "
          "audited),\n3 audit incomplete (some checks could not be decided).\n";
  return text.str();
}

Format parse_format(const std::string& text) {
  if (text == "text") return Format::text;
  if (text == "json") return Format::json;
  throw UsageError(fmt::format("--format '{}' is not a format; use text or json", text));
}

// "--level 2,swarm" and "--level 2 --level swarm" mean the same.
std::vector<std::string> split_levels(const std::vector<std::string>& given) {
  std::vector<std::string> levels;
  for (const auto& argument : given) {
    std::size_t start = 0;
    while (start <= argument.size()) {
      const auto comma = std::min(argument.find(',', start), argument.size());
      const auto level = argument.substr(start, comma - start);
      if (level.empty()) {
        throw UsageError(fmt::format("--level '{}' holds an empty level", argument));
      }
      if (level.starts_with("-")) {
        throw UsageError(fmt::format("--level needs a value, 1, 2 or swarm, not '{}'", level));
      }
      levels.push_back(level);
      start = comma + 1;
    }
  }
  return levels;
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
  } else if (name == "checks") {
    extra(1);
    options.command = Command::list_checks;
  } else if (name == "coverage") {
    extra(1);
    options.command = Command::coverage;
  } else if (name == "explain") {
    if (positional.size() < 2) throw UsageError("explain needs a check id: dockaudit explain ID");
    extra(2);
    options.command = Command::explain;
    options.explain_id = positional[1];
  } else {
    throw UsageError(fmt::format(
        "unknown command '{}'; commands are audit (the default), checks, explain and coverage",
        name));
  }
}

// Options only an audit uses are refused elsewhere rather than ignored: a
// user who gives them expects them to act.
void refuse_unused_options(Command command, const po::variables_map& values) {
  if (command == Command::audit) return;
  const char* name = command == Command::list_checks ? "checks"
                     : command == Command::explain   ? "explain"
                                                     : "coverage";
  for (const char* option : {"host", "daemon-config", "profile", "level", "output", "no-color",
                             "format"}) {
    if (!values.count(option) || values[option].defaulted()) continue;
    if (command == Command::list_checks && std::string_view(option) == "format") continue;
    throw UsageError(fmt::format("--{} does not apply to dockaudit {}", option, name));
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
    options.levels = split_levels(values["level"].as<std::vector<std::string>>());
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
  options.format = parse_format(values["format"].as<std::string>());
  if (values.count("output")) {
    options.output = values["output"].as<std::string>();
    if (options.output->empty()) throw UsageError("--output is empty; give a file path");
  }
  options.no_color = values.count("no-color") > 0;
  refuse_unused_options(options.command, values);
  return options;
}

}  // namespace dockaudit::cli
