#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;
using snapshot::DaemonConfig;

audit::Result result_for(const DaemonConfig& config, Status status, std::string detail) {
  audit::Result result;
  result.check_id = "daemon.config-file";
  result.status = status;
  result.target = {audit::Scope::daemon, config.path, "", ""};
  result.detail = std::move(detail);
  return result;
}

// Problems of the configuration on disk that the parse alone cannot see.
std::vector<std::string> restart_problems(const snapshot::Snapshot& snapshot) {
  using Kind = snapshot::ConfigProblem::Kind;
  std::vector<std::string> messages;
  for (const auto& problem : snapshot.daemon.effective.problems) {
    if (problem.kind == Kind::flag_and_file || problem.kind == Kind::unknown_key ||
        problem.kind == Kind::ignored_key || problem.kind == Kind::unit_problem) {
      messages.push_back(problem.message);
    }
  }
  return messages;
}

// Without dockerd's command line, the file at the default path may not be the
// one it reads (--config-file): a good file there proves nothing.
std::optional<audit::Result> unknown_file(const snapshot::Snapshot& snapshot) {
  const auto& daemon = snapshot.daemon;
  if (daemon.flags_unknown.empty() || daemon.config_path_reason == snapshot::kConfigNamedByUser) {
    return std::nullopt;
  }
  return result_for(snapshot.daemon_config, Status::error,
                    fmt::format("the daemon.json dockerd reads is not known: {}; name it with "
                                "--daemon-config, or run dockaudit as root",
                                daemon.flags_unknown));
}

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  const auto& config = snapshot.daemon_config;
  if (config.state == DaemonConfig::State::absent ||
      config.state == DaemonConfig::State::accepted) {
    const auto problems = restart_problems(snapshot);
    if (!problems.empty()) {
      auto result =
          result_for(config, Status::fail,
                     fmt::format("{} problem{} with the configuration on disk: {}", problems.size(),
                                 problems.size() == 1 ? "" : "s", fmt::join(problems, "; ")));
      result.evidence.push_back({"configuration problems", problems});
      return {result};
    }
  }
  switch (config.state) {
    case DaemonConfig::State::absent:
      if (const auto unknown = unknown_file(snapshot)) return {*unknown};
      return {result_for(config, Status::pass,
                         "no daemon.json: the daemon runs on its built-in defaults")};
    case DaemonConfig::State::accepted: {
      if (const auto unknown = unknown_file(snapshot)) return {*unknown};
      auto result = result_for(config, Status::pass, "dockerd accepts this file");
      // Key names only: values may hold credentials (proxies, registry URLs).
      auto keys = nlohmann::json::array();
      for (const auto& item : config.settings.items()) keys.push_back(item.key());
      result.evidence.push_back({config.path + " (keys set)", keys});
      return {result};
    }
    case DaemonConfig::State::unreadable:
      return {result_for(config, Status::error,
                         fmt::format("{} could not be read: {}", config.path, config.problem))};
    case DaemonConfig::State::rejected: {
      const auto place =
          fmt::format("{}:{}:{}", config.path, config.position.line, config.position.column);
      auto result =
          result_for(config, Status::fail,
                     fmt::format("{}: dockerd would refuse to start with this file: {}; no setting "
                                 "from it is used",
                                 place, config.problem));
      result.evidence.push_back({place, config.problem});
      return {result};
    }
  }
  return {};
}

}  // namespace

const Check daemon_config_file{
    .id = "daemon.config-file",
    .title = "dockerd would start with the configuration on disk",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"", "", ""},
    .rationale =
        "dockerd refuses to start when daemon.json has a syntax error, a comment or a value of "
        "the wrong type. A broken file goes unnoticed until the next restart, and then the "
        "engine stays down or an operator removes the file and with it every hardening setting.",
    .remediation =
        "Fix the place named in the finding; `dockerd --validate --config-file FILE` (Docker 23 "
        "and later) confirms the result before a restart.",
    .reads =
        "the daemon.json in force (--daemon-config, else the running dockerd's --config-file), "
        "decoded as dockerd decodes it (syntax, value types, unknown and ignored keys), against "
        "the dockerd flags and systemd units: a key both in the file and a flag stops dockerd",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
