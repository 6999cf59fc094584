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

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  const auto& config = snapshot.daemon_config;
  switch (config.state) {
    case DaemonConfig::State::absent:
      return {result_for(config, Status::pass,
                         "no daemon.json: the daemon runs on its built-in defaults")};
    case DaemonConfig::State::accepted: {
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
    .title = "daemon.json is a file dockerd accepts",
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
        "the daemon.json in force (--daemon-config), decoded as dockerd decodes it: syntax, "
        "top-level object, value types of known keys",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
