#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

nlohmann::json file_value(const snapshot::DaemonConfig& config) {
  using State = snapshot::DaemonConfig::State;
  switch (config.state) {
    case State::absent:
      return "(no daemon.json)";
    case State::unreadable:
      return "(daemon.json unreadable: " + config.problem + ")";
    case State::rejected:
      return "(daemon.json rejected by dockerd; nothing read from it)";
    case State::accepted:
      break;
  }
  const auto* value = config.setting("userns-remap");
  return value ? *value : nlohmann::json("(not set)");
}

bool file_sets_remap(const snapshot::DaemonConfig& config) {
  const auto* value = config.setting("userns-remap");
  return value && value->is_string() && !value->get<std::string>().empty();
}

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  audit::Result result;
  result.check_id = "daemon.userns-remap";
  result.target = {audit::Scope::daemon, "dockerd", "", ""};
  const auto config_path = snapshot.daemon_config.path + ":userns-remap";
  result.evidence.push_back({config_path, file_value(snapshot.daemon_config)});

  if (!snapshot.engine.ok()) {
    result.status = Status::error;
    result.detail =
        "the running engine could not be asked whether it remaps users: " + snapshot.engine.error;
    return {result};
  }
  const auto& engine = *snapshot.engine.value;
  result.evidence.push_back({"/info SecurityOptions", engine.security_options});
  const bool running = engine.has_security_option("userns");
  const bool configured = file_sets_remap(snapshot.daemon_config);

  if (running) {
    result.status = Status::pass;
    result.detail = configured ? "user-namespace remapping is configured and in use"
                               : "the running engine remaps users (set by a dockerd flag)";
  } else if (configured) {
    result.status = Status::fail;
    result.detail =
        "daemon.json sets userns-remap but the running engine does not remap "
        "users; dockerd has not been restarted since, or ignores the setting";
  } else {
    result.status = Status::fail;
    result.detail = "user-namespace remapping is off: root in a container is root on the host";
  }
  return {result};
}

}  // namespace

const Check daemon_userns_remap{
    .id = "daemon.userns-remap",
    .title = "The daemon remaps container users into a user namespace",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::high,
    .level = 2,
    .cis = {"2.9", "2.9", "2.10"},
    .rationale =
        "Without remapping, uid 0 in a container is uid 0 on the host, so a process that escapes "
        "its container is root there. Remapping maps container root to an unprivileged range "
        "from /etc/subuid and /etc/subgid.",
    .remediation =
        "Set \"userns-remap\": \"default\" (or a dedicated user) in /etc/docker/daemon.json and "
        "restart dockerd. Existing containers and images are hidden until they are recreated "
        "under the remapped root.",
    .reads = "/info SecurityOptions (name=userns); daemon.json userns-remap as explanation",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
