#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  audit::Result result;
  result.check_id = "daemon.config-drift";
  result.target = {audit::Scope::daemon, "dockerd", "", ""};
  if (!snapshot.engine.ok()) {
    result.status = audit::Status::error;
    result.detail =
        "the running engine could not be compared with its configuration: " + snapshot.engine.error;
    return {result};
  }
  if (!snapshot.daemon.effective.doubt.empty()) {
    result.status = audit::Status::error;
    result.detail = "the running engine could not be compared with its configuration: " +
                    snapshot.daemon.effective.doubt;
    return {result};
  }
  std::vector<std::string> drift;
  for (const auto& problem : snapshot.daemon.effective.problems) {
    if (problem.kind == snapshot::ConfigProblem::Kind::engine_drift) {
      drift.push_back(problem.message);
    }
  }
  result.evidence.push_back({"engine vs files and flags", drift});
  if (drift.empty()) {
    result.status = audit::Status::pass;
    result.detail = "the running engine matches its configuration files and flags";
  } else {
    result.status = audit::Status::fail;
    result.detail = fmt::format("the running engine differs from its configuration: {}",
                                fmt::join(drift, "; "));
  }
  return {result};
}

}  // namespace

const Check daemon_config_drift{
    .id = "daemon.config-drift",
    .title = "The running engine matches its configuration on disk",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"", "", ""},
    .rationale =
        "When the files say one thing and the engine does another, the files were changed "
        "after dockerd started (some keys are not reloaded by SIGHUP), and the next restart "
        "will change the host's security without anyone deciding it.",
    .remediation =
        "Restart dockerd to apply the files, or change the files back to what the engine runs "
        "with; dockaudit always judges the engine's own values.",
    .reads =
        "/info values (LiveRestoreEnabled, Debug, LoggingDriver, Driver, SecurityOptions, "
        "...) against the merged defaults, daemon.json and dockerd flags",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
