// Daemon-wide runtime settings of CIS section 2, each decided from the engine
// where it reports the value, else from the effective configuration.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/daemon_settings.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

// Logging drivers that ship logs off the host.
constexpr std::array<std::string_view, 10> kRemoteLogDrivers{
    "syslog", "journald", "gelf",       "fluentd", "awslogs",
    "splunk", "gcplogs",  "logentries", "etwlogs", "loki"};

std::vector<audit::Result> evaluate_rootless(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.rootless";
  if (!snapshot.engine.ok()) return {engine_unknown(id, snapshot)};
  std::vector<audit::Evidence> evidence{
      {"/info SecurityOptions", snapshot.engine.value->security_options}};
  const auto& process = snapshot.daemon.process;
  if (process.ok() && process.value->uid) {
    evidence.push_back({"dockerd uid (/proc/<pid>/status)", *process.value->uid});
  }
  if (snapshot.engine.value->has_security_option("rootless") ||
      (process.ok() && process.value->uid && *process.value->uid != 0)) {
    return {daemon_result(id, Status::pass, "the daemon runs without root", evidence)};
  }
  return {daemon_result(id, Status::manual,
                        "the daemon runs as root; decide whether rootless mode is feasible here",
                        evidence)};
}

std::vector<audit::Result> evaluate_log_level(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.log-level";
  std::vector<audit::Evidence> evidence{setting_evidence(snapshot, "log-level"),
                                        setting_evidence(snapshot, "debug")};
  if (auto unknown = unknown_settings(snapshot, id, {"log-level", "debug"}, evidence)) {
    return {*unknown};
  }
  if (setting_flag(snapshot, "debug").value_or(false)) {
    return {daemon_result(id, Status::fail, "debug logging is on", evidence)};
  }
  auto level = setting_text(snapshot, "log-level");
  if (level.empty()) level = "info";
  if (level == "info") return {daemon_result(id, Status::pass, "log level is info", evidence)};
  return {daemon_result(id, Status::fail,
                        fmt::format("log level is {}; info records what an audit needs without "
                                    "debug noise",
                                    level),
                        evidence)};
}

Status storage_status(const snapshot::Snapshot& snapshot, std::string_view driver) {
  return snapshot.engine.value->storage_driver == driver ? Status::fail : Status::pass;
}

std::vector<audit::Result> evaluate_storage(const snapshot::Snapshot& snapshot, std::string_view id,
                                            std::string_view driver) {
  if (!snapshot.engine.ok()) return {engine_unknown(id, snapshot)};
  const auto& used = snapshot.engine.value->storage_driver;
  std::vector<audit::Evidence> evidence{{"/info Driver", used}};
  const auto status = storage_status(snapshot, driver);
  return {daemon_result(id, status,
                        status == Status::fail
                            ? fmt::format("the {} storage driver is in use", driver)
                            : fmt::format("storage driver is {}", used),
                        evidence)};
}

std::vector<audit::Result> evaluate_aufs(const snapshot::Snapshot& snapshot) {
  return evaluate_storage(snapshot, "daemon.storage-aufs", "aufs");
}

std::vector<audit::Result> evaluate_devicemapper(const snapshot::Snapshot& snapshot) {
  return evaluate_storage(snapshot, "daemon.storage-devicemapper", "devicemapper");
}

std::vector<audit::Result> evaluate_default_ulimits(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.default-ulimits";
  std::vector<audit::Evidence> evidence{setting_evidence(snapshot, "default-ulimits")};
  return {daemon_result(id, Status::manual,
                        "confirm the daemon-wide default ulimits suit the containers on this host",
                        evidence)};
}

std::vector<audit::Result> evaluate_cgroup_parent(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.cgroup-parent";
  std::vector<audit::Evidence> evidence{setting_evidence(snapshot, "cgroup-parent")};
  if (auto unknown = unknown_settings(snapshot, id, {"cgroup-parent"}, evidence)) {
    return {*unknown};
  }
  const auto parent = setting_text(snapshot, "cgroup-parent");
  if (parent.empty()) return {daemon_result(id, Status::pass, "default cgroup parent", evidence)};
  return {daemon_result(id, Status::manual,
                        fmt::format("containers run under cgroup parent {}; confirm it is "
                                    "intended and limited",
                                    parent),
                        evidence)};
}

std::vector<audit::Result> evaluate_base_device_size(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.base-device-size";
  if (!snapshot.engine.ok()) return {engine_unknown(id, snapshot)};
  std::vector<audit::Evidence> evidence{{"/info Driver", snapshot.engine.value->storage_driver},
                                        setting_evidence(snapshot, "storage-opts")};
  if (snapshot.engine.value->storage_driver != "devicemapper") {
    return {daemon_result(id, Status::not_applicable, "the devicemapper driver is not in use",
                          evidence)};
  }
  const auto* options = snapshot.daemon.effective.find("storage-opts");
  const bool resized =
      options && options->value.is_array() &&
      std::any_of(options->value.begin(), options->value.end(), [](const auto& option) {
        return option.is_string() && option.template get<std::string>().starts_with("dm.basesize");
      });
  if (resized) {
    return {daemon_result(id, Status::manual, "dm.basesize is changed; confirm it is needed",
                          evidence)};
  }
  return {daemon_result(id, Status::pass, "dm.basesize is left at its default", evidence)};
}

std::vector<audit::Result> evaluate_authorization(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.authorization-plugin";
  if (!snapshot.engine.ok()) return {engine_unknown(id, snapshot)};
  const auto& plugins = snapshot.engine.value->authorization_plugins;
  std::vector<audit::Evidence> evidence{{"/info Plugins.Authorization", plugins}};
  if (plugins.empty()) {
    return {daemon_result(id, Status::fail,
                          "no authorization plugin: every client of the socket may do anything",
                          evidence)};
  }
  return {daemon_result(id, Status::pass,
                        fmt::format("authorization by {}", fmt::join(plugins, ", ")), evidence)};
}

std::vector<audit::Result> evaluate_remote_logging(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.remote-logging";
  if (!snapshot.engine.ok()) return {engine_unknown(id, snapshot)};
  const auto& driver = snapshot.engine.value->logging_driver;
  std::vector<audit::Evidence> evidence{{"/info LoggingDriver", driver}};
  const bool remote = std::find(kRemoteLogDrivers.begin(), kRemoteLogDrivers.end(), driver) !=
                      kRemoteLogDrivers.end();
  if (remote) {
    return {daemon_result(id, Status::pass,
                          fmt::format("container logs go to {} by default", driver), evidence)};
  }
  return {daemon_result(id, Status::fail,
                        fmt::format("container logs stay on the host ({}); an intruder can erase "
                                    "them",
                                    driver.empty() ? "unknown driver" : driver),
                        evidence)};
}

std::vector<audit::Result> evaluate_no_new_privileges(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.no-new-privileges";
  std::vector<audit::Evidence> evidence{setting_evidence(snapshot, "no-new-privileges")};
  if (snapshot.engine.ok()) {
    evidence.push_back({"/info SecurityOptions", snapshot.engine.value->security_options});
    // From API 1.43 (Docker 24) the engine reports the default itself.
    if (snapshot.engine.value->has_security_option("no-new-privileges")) {
      return {daemon_result(id, Status::pass, "new privileges are blocked daemon-wide", evidence)};
    }
  }
  if (auto unknown = unknown_settings(snapshot, id, {"no-new-privileges"}, evidence)) {
    return {*unknown};
  }
  if (setting_flag(snapshot, "no-new-privileges").value_or(false)) {
    return {daemon_result(id, Status::pass,
                          "no-new-privileges is on daemon-wide (applies to containers created "
                          "since the daemon started with it)",
                          evidence)};
  }
  return {
      daemon_result(id, Status::fail, "containers may gain new privileges by default", evidence)};
}

std::vector<audit::Result> evaluate_live_restore(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.live-restore";
  if (!snapshot.engine.ok()) return {engine_unknown(id, snapshot)};
  const auto& engine = *snapshot.engine.value;
  std::vector<audit::Evidence> evidence{
      {"/info LiveRestoreEnabled",
       engine.live_restore_enabled ? nlohmann::json(*engine.live_restore_enabled) : nullptr},
      {"/info Swarm.LocalNodeState", engine.swarm_state}};
  if (!engine.swarm_state.empty() && engine.swarm_state != "inactive") {
    return {daemon_result(id, Status::not_applicable, "live-restore does not work with swarm mode",
                          evidence)};
  }
  if (!engine.live_restore_enabled) {
    return {daemon_result(id, Status::error, "the engine does not report live-restore", evidence)};
  }
  if (*engine.live_restore_enabled) {
    return {daemon_result(id, Status::pass, "containers survive a daemon restart", evidence)};
  }
  return {daemon_result(id, Status::fail,
                        "live-restore is off: restarting or upgrading dockerd stops every "
                        "container",
                        evidence)};
}

std::vector<audit::Result> evaluate_seccomp_profile(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.seccomp-profile";
  if (!snapshot.engine.ok()) return {engine_unknown(id, snapshot)};
  const auto& options = snapshot.engine.value->security_options;
  std::vector<audit::Evidence> evidence{{"/info SecurityOptions", options},
                                        setting_evidence(snapshot, "seccomp-profile")};
  const auto found = std::find_if(options.begin(), options.end(), [](const std::string& option) {
    return option.starts_with("name=seccomp");
  });
  if (found == options.end()) {
    return {daemon_result(id, Status::fail, "the engine has no seccomp support", evidence)};
  }
  const auto at = found->find("profile=");
  const auto profile = at == std::string::npos ? std::string("default") : found->substr(at + 8);
  if (profile == "unconfined") {
    return {
        daemon_result(id, Status::fail, "the daemon-wide seccomp profile is unconfined", evidence)};
  }
  if (profile == "default" || profile == "builtin") {
    return {daemon_result(id, Status::manual,
                          "Docker's built-in seccomp profile is in use; decide whether a "
                          "stricter custom profile is appropriate here",
                          evidence)};
  }
  return {
      daemon_result(id, Status::pass, fmt::format("custom seccomp profile {}", profile), evidence)};
}

std::vector<audit::Result> evaluate_experimental(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.experimental";
  if (!snapshot.engine.ok()) return {engine_unknown(id, snapshot)};
  const auto experimental = snapshot.engine.value->experimental_build;
  std::vector<audit::Evidence> evidence{
      {"/info ExperimentalBuild", experimental ? nlohmann::json(*experimental) : nullptr}};
  if (!experimental) {
    return {
        daemon_result(id, Status::error, "the engine does not report ExperimentalBuild", evidence)};
  }
  if (*experimental) {
    return {daemon_result(id, Status::fail, "experimental features are on", evidence)};
  }
  return {daemon_result(id, Status::pass, "experimental features are off", evidence)};
}

}  // namespace

const Check daemon_rootless{
    .id = "daemon.rootless",
    .title = "The daemon runs without root where feasible",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"2.1", "2.1", "2.1"},
    .rationale =
        "A rootless daemon and its containers cannot gain root on the host even if "
        "they escape.",
    .remediation = "Consider rootless mode (dockerd-rootless-setuptool.sh install).",
    .reads = "/info SecurityOptions name=rootless; the uid of the socket's dockerd process",
    .evaluate = &evaluate_rootless,
};

const Check daemon_log_level{
    .id = "daemon.log-level",
    .title = "The daemon logs at level info",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"2.3", "2.3", "2.3"},
    .rationale =
        "info records the events an investigation needs; debug floods the logs and may "
        "record sensitive data, higher levels drop events.",
    .remediation = "Remove log-level and debug settings, or set \"log-level\": \"info\".",
    .reads = "effective log-level and debug (defaults, daemon.json, -l/-D flags, /info Debug)",
    .evaluate = &evaluate_log_level,
};

const Check daemon_storage_aufs{
    .id = "daemon.storage-aufs",
    .title = "The aufs storage driver is not used",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"2.6", "2.6", "2.6"},
    .rationale = "aufs is unmaintained and has known kernel crashes and security issues.",
    .remediation = "Move to overlay2.",
    .reads = "/info Driver",
    .evaluate = &evaluate_aufs,
};

const Check daemon_storage_devicemapper{
    .id = "daemon.storage-devicemapper",
    .title = "The devicemapper storage driver is not used",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"", "", "2.7"},
    .rationale =
        "devicemapper is deprecated, performs poorly in loop-lvm mode and was removed "
        "in Docker Engine 25.0.",
    .remediation = "Move to overlay2.",
    .reads = "/info Driver",
    .evaluate = &evaluate_devicemapper,
};

const Check daemon_default_ulimits{
    .id = "daemon.default-ulimits",
    .title = "Daemon-wide default ulimits are set appropriately",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::low,
    .level = 1,
    .manual = true,
    .cis = {"2.8", "2.8", "2.9"},
    .rationale =
        "Default ulimits cap what each container may use (open files, processes) "
        "unless it asks for more; the right values depend on the workloads.",
    .remediation = "Set default-ulimits in daemon.json to values that suit the workloads.",
    .reads = "the effective default-ulimits (daemon.json, --default-ulimit); a person decides",
    .evaluate = &evaluate_default_ulimits,
};

const Check daemon_cgroup_parent{
    .id = "daemon.cgroup-parent",
    .title = "The default cgroup parent is confirmed",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"2.10", "2.10", "2.11"},
    .rationale =
        "A daemon-wide cgroup parent decides which host limits apply to every "
        "container; it is invisible in container inspect.",
    .remediation = "Remove cgroup-parent unless the target cgroup is deliberately limited.",
    .reads = "the effective cgroup-parent (daemon.json, --cgroup-parent; not in the API)",
    .evaluate = &evaluate_cgroup_parent,
};

const Check daemon_base_device_size{
    .id = "daemon.base-device-size",
    .title = "The base device size is left at its default",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::low,
    .level = 2,
    .cis = {"2.11", "2.11", "2.12"},
    .rationale = "A larger dm.basesize lets every container fill more of the host's storage.",
    .remediation = "Remove dm.basesize from storage-opts unless needed.",
    .reads = "/info Driver; effective storage-opts dm.basesize",
    .evaluate = &evaluate_base_device_size,
};

const Check daemon_authorization_plugin{
    .id = "daemon.authorization-plugin",
    .title = "An authorization plugin controls access to the API",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 2,
    .cis = {"2.12", "2.12", "2.13"},
    .rationale =
        "Without an authorization plugin, every user who can reach the socket may run "
        "any command, including privileged containers.",
    .remediation = "Install an authorization plugin and list it in authorization-plugins.",
    .reads = "/info Plugins.Authorization",
    .evaluate = &evaluate_authorization,
};

const Check daemon_remote_logging{
    .id = "daemon.remote-logging",
    .title = "Container logs are shipped off the host",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 2,
    .cis = {"2.13", "2.13", "2.14"},
    .rationale =
        "Logs kept only on the host can be erased by whoever compromises it and are "
        "lost with it.",
    .remediation =
        "Set log-driver to syslog, journald (forwarded), fluentd, gelf or another "
        "remote driver.",
    .reads = "/info LoggingDriver (the default for new containers)",
    .evaluate = &evaluate_remote_logging,
};

const Check daemon_no_new_privileges{
    .id = "daemon.no-new-privileges",
    .title = "New privileges are blocked daemon-wide",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"2.14", "2.14", "2.15"},
    .rationale =
        "With no-new-privileges as the default, setuid binaries in any container "
        "cannot raise privileges unless a container opts out.",
    .remediation =
        "Set \"no-new-privileges\": true in daemon.json and restart dockerd (SIGHUP "
        "does not apply it).",
    .reads =
        "/info SecurityOptions name=no-new-privileges (Docker 24+); else the effective "
        "no-new-privileges",
    .evaluate = &evaluate_no_new_privileges,
};

const Check daemon_live_restore{
    .id = "daemon.live-restore",
    .title = "Live restore is enabled",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"2.15", "2.15", "2.16"},
    .rationale =
        "With live restore, containers keep running while dockerd restarts or is "
        "upgraded, so security updates to the daemon do not mean downtime.",
    .remediation = "Set \"live-restore\": true in daemon.json.",
    .reads = "/info LiveRestoreEnabled; not applicable in swarm mode",
    .evaluate = &evaluate_live_restore,
};

const Check daemon_seccomp_profile{
    .id = "daemon.seccomp-profile",
    .title = "A daemon-wide seccomp profile is applied",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 2,
    .cis = {"2.17", "2.17", "2.18"},
    .rationale =
        "The seccomp profile limits the system calls every container can make; a "
        "tailored profile narrows the kernel attack surface further.",
    .remediation =
        "Set seccomp-profile in daemon.json to a profile tailored to the workloads; "
        "never unconfined.",
    .reads = "/info SecurityOptions name=seccomp,profile=...",
    .evaluate = &evaluate_seccomp_profile,
};

const Check daemon_experimental{
    .id = "daemon.experimental",
    .title = "Experimental features are off",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"2.18", "2.18", "2.19"},
    .rationale =
        "Experimental features are not supported and may change or break without "
        "notice; they do not belong in production.",
    .remediation = "Remove \"experimental\": true from daemon.json.",
    .reads = "/info ExperimentalBuild",
    .evaluate = &evaluate_experimental,
};

}  // namespace dockaudit::checks
