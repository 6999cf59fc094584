#include "src/collect/collector.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

#include "src/audit/json_text.hpp"
#include "src/collect/container_host_facts.hpp"
#include "src/collect/daemon_config.hpp"
#include "src/collect/docker_host.hpp"
#include "src/collect/dockerd_process.hpp"
#include "src/collect/effective_config.hpp"
#include "src/collect/host_facts.hpp"
#include "src/collect/host_path.hpp"
#include "src/collect/images.hpp"
#include "src/collect/inspect_mapping.hpp"
#include "src/collect/swarm.hpp"
#include "src/collect/systemd_units.hpp"

namespace dockaudit::collect {

namespace {

using snapshot::Container;
using snapshot::Gathered;

// Every engine version sends these parts; without them the container's
// settings cannot be told, and nothing may be read as its safe default.
std::string malformed_inspect(const nlohmann::json& inspect) {
  if (!inspect.is_object()) return "the inspect answer is not a JSON object";
  for (const char* part : {"Config", "HostConfig", "State"}) {
    if (!inspect.contains(part) || !inspect[part].is_object()) {
      return fmt::format("the inspect answer has no {} object", part);
    }
  }
  if (!inspect.contains("Id") || !inspect["Id"].is_string()) {
    return "the inspect answer has no Id";
  }
  return "";
}

// The daemon checks decide from SecurityOptions; an answer without it cannot
// say that a feature is off.
std::string malformed_info(const nlohmann::json& info) {
  if (!info.is_object()) return "GET /info answered something other than a JSON object";
  if (!info.contains("SecurityOptions") || !info["SecurityOptions"].is_array()) {
    return "GET /info answered without a SecurityOptions list";
  }
  return "";
}

// Processes of running and paused containers. dockerd runs ps on the host for
// this; nothing is executed inside the container.
void collect_processes(EngineClient& engine, Container& container) {
  if (container.state != "running" && container.state != "paused") return;
  const auto top = engine.get_json("/containers/" + container.id + "/top");
  if (!top.ok()) {
    container.processes.error = top.error;
    return;
  }
  auto commands = map_top_commands(top.body);
  if (!commands) {
    container.processes.error = "GET /containers/" + container.id + "/top has no command column";
    return;
  }
  container.processes.value = std::move(*commands);
}

void collect_execs(EngineClient& engine, Container& container) {
  std::vector<snapshot::ExecInstance> execs;
  for (const auto& id : container.exec_ids) {
    const auto exec = engine.get_json("/exec/" + id + "/json");
    if (exec.http_status == kHttpNotFound) continue;  // finished and forgotten
    if (!exec.ok()) {
      container.execs.error = exec.error;
      return;
    }
    execs.push_back(map_exec_inspect(exec.body));
  }
  container.execs.value = std::move(execs);
}

Gathered<std::vector<Container>> collect_containers(EngineClient& engine) {
  using Result = Gathered<std::vector<Container>>;
  // all=1: stopped and created containers are audited too.
  const auto list = engine.get_json("/containers/json?all=1");
  if (!list.ok()) return Result::failure(list.error);
  if (!list.body.is_array()) {
    return Result::failure("GET /containers/json answered something other than a JSON array");
  }

  std::vector<Container> containers;
  for (const auto& entry : list.body) {
    auto listed = map_container_list_entry(entry);
    if (!is_valid_engine_id(listed.id)) {
      listed.name = listed.name.empty() ? "(unnamed list entry)" : listed.name;
      listed.inspect_error = fmt::format("the container list holds an entry without a valid Id: {}",
                                         audit::excerpt(entry, 120));
      listed.id.clear();
      containers.push_back(std::move(listed));
      continue;
    }
    const auto inspect = engine.get_json("/containers/" + listed.id + "/json");
    if (inspect.http_status == kHttpNotFound) continue;  // removed since the list
    const auto problem = inspect.ok() ? malformed_inspect(inspect.body) : inspect.error;
    if (!problem.empty()) {
      listed.inspect_error = problem;
      containers.push_back(std::move(listed));
      continue;
    }
    auto inspected = map_container_inspect(inspect.body);
    collect_processes(engine, inspected);
    collect_execs(engine, inspected);
    containers.push_back(std::move(inspected));
  }
  return {std::move(containers), ""};
}

// dockerd started by RootlessKit reads its default daemon.json from the
// user's XDG configuration directory instead of /etc/docker, as dockerd
// itself decides it (from its own environment).
std::optional<ConfigPathChoice> rootless_config_path(const snapshot::DockerdProcess& process) {
  const auto& environment = process.environment;
  const auto variable = [&](const char* name) {
    const auto found = environment.find(name);
    return found == environment.end() ? std::string() : found->second;
  };
  if (variable("ROOTLESSKIT_STATE_DIR").empty()) return std::nullopt;
  auto config_home = variable("XDG_CONFIG_HOME");
  std::string reason = fmt::format("rootless dockerd pid {}: $XDG_CONFIG_HOME/docker", process.pid);
  if (config_home.empty()) {
    if (variable("HOME").empty()) return std::nullopt;
    config_home = variable("HOME") + "/.config";
    reason = fmt::format("rootless dockerd pid {}: $HOME/.config/docker", process.pid);
  }
  const auto path = std::filesystem::path(config_home) / "docker" / "daemon.json";
  return ConfigPathChoice{path.lexically_normal().string(), reason};
}

// The command line in force: the running process's, else what docker.service
// would run. `label` says which, for evidence.
std::optional<DockerdFlags> read_flags(const snapshot::Daemon& daemon, std::string& label) {
  if (daemon.process.ok()) {
    const auto& arguments = daemon.process.value->arguments;
    label = fmt::format("pid {}", daemon.process.value->pid);
    if (arguments.empty()) return DockerdFlags{};
    return parse_dockerd_flags({arguments.begin() + 1, arguments.end()});
  }
  const auto& units = daemon.units.value;
  if (!units || !units->service || units->service->exec_start.empty()) return std::nullopt;
  const auto& command = units->service->exec_start.back();
  label = fmt::format("{} ExecStart in {}", units->service->name, units->service->fragment_path);
  if (command.empty()) return DockerdFlags{};
  return parse_dockerd_flags({command.begin() + 1, command.end()});
}

// The daemon.json in force, the merged configuration and the listeners, for
// this command line (nullopt: none could be read).
void settle_configuration(const CollectOptions& options, const std::optional<DockerdFlags>& flags,
                          const std::string& flags_label, snapshot::Snapshot& snapshot) {
  auto& daemon = snapshot.daemon;
  const auto* process = daemon.process.ok() ? &*daemon.process.value : nullptr;
  const auto choice =
      choose_daemon_config_path(options.daemon_config_path, flags ? &*flags : nullptr, process);
  // The user's own path is read as given; dockerd's paths are on the audited host.
  const bool on_host = !options.daemon_config_path.has_value();
  snapshot.daemon_config = read_daemon_config(
      on_host ? host_path(options.host_root, choice.path).string() : choice.path);
  snapshot.daemon_config.path = choice.path;
  settle_for_engine_version(snapshot.daemon_config,
                            snapshot.engine.ok() ? snapshot.engine.value->server_version : "");
  daemon.config_path_reason = choice.reason;

  MergeInputs inputs;
  if (snapshot.engine.ok()) inputs.defaults.engine_version = snapshot.engine.value->server_version;
  if (process) {
    inputs.defaults.dockerd_environment = process->environment;
    inputs.defaults.dockerd_uid = process->uid;
  }
  inputs.file = &snapshot.daemon_config;
  inputs.flags = flags ? &*flags : nullptr;
  inputs.flags_source = flags_label;
  daemon.effective = merge_effective_config(inputs);
  daemon.listeners = resolve_listeners(daemon.effective, &*daemon.units.value);
}

// /var/run is a link to /run on every systemd host; compare the two as one.
std::string comparable_socket(std::string path) {
  path = std::filesystem::path(path).lexically_normal().string();
  if (path.starts_with("/var/run/")) path.erase(0, std::string_view("/var").size());
  return path;
}

bool serves_socket(const std::vector<snapshot::Listener>& listeners, const std::string& socket) {
  constexpr std::string_view unix_scheme = "unix://";
  return std::any_of(listeners.begin(), listeners.end(), [&](const auto& listener) {
    return listener.address.starts_with(unix_scheme) &&
           comparable_socket(listener.address.substr(unix_scheme.size())) ==
               comparable_socket(socket);
  });
}

// Values that neither the engine confirmed nor dockaudit read from the
// daemon's own command line and file are marked: a check must not pass on a
// guess. Without the command line, the daemon.json read is a guess too,
// unless the user named it.
void mark_doubts(const CollectOptions& options, const std::string& flags_unknown,
                 snapshot::Snapshot& snapshot) {
  using snapshot::DaemonConfig;
  auto& effective = snapshot.daemon.effective;
  std::string file_unknown;
  const auto& file = snapshot.daemon_config;
  if (file.state == DaemonConfig::State::unreadable ||
      file.state == DaemonConfig::State::rejected) {
    file_unknown = fmt::format("{} could not be used ({}), and it may set this", file.path,
                               file.problem);
  }
  const bool file_named = options.daemon_config_path.has_value();
  for (auto& [key, setting] : effective.settings) {
    if (setting.origin == snapshot::Origin::built_in_default) {
      setting.doubt = !flags_unknown.empty() ? flags_unknown : file_unknown;
    } else if (setting.origin == snapshot::Origin::file && !file_named) {
      setting.doubt = flags_unknown;
    }
  }
  effective.doubt = !flags_unknown.empty() ? flags_unknown : file_unknown;
}

void collect_daemon(const CollectOptions& options, snapshot::Snapshot& snapshot) {
  auto& daemon = snapshot.daemon;
  daemon.process = find_dockerd({options.host_root, options.socket_path});
  daemon.units = {read_docker_units(options.host_root), ""};

  std::string flags_label;
  auto flags = read_flags(daemon, flags_label);
  settle_configuration(options, flags, flags_label, snapshot);
  // docker.service stands in for an unreadable process only when it serves
  // the audited socket; otherwise the command line is unknown.
  std::string flags_unknown;
  if (!daemon.process.ok() && !(flags && serves_socket(daemon.listeners, options.socket_path))) {
    const auto socket =
        options.socket_path.empty() ? std::string("the audited engine") : options.socket_path;
    flags_unknown = fmt::format("the dockerd behind {} could not be read ({}); {}", socket,
                                daemon.process.error,
                                flags ? "docker.service does not serve that socket"
                                      : "there is no docker.service to read instead");
    if (flags) {
      flags.reset();
      settle_configuration(options, flags, "", snapshot);
    }
  }
  daemon.flags_unknown = flags_unknown;
  mark_doubts(options, flags_unknown, snapshot);
  if (snapshot.engine.ok()) reconcile_with_engine(*snapshot.engine.value, daemon.effective);
  for (const auto& unit : {daemon.units.value->service, daemon.units.value->socket}) {
    if (!unit) continue;
    for (const auto& problem : unit->problems) {
      daemon.effective.problems.push_back(
          {snapshot::ConfigProblem::Kind::unit_problem, unit->name, problem});
    }
  }
  daemon.listeners = resolve_listeners(daemon.effective, &*daemon.units.value);

  if (!options.socket_path.empty()) snapshot.daemon_sockets.push_back(options.socket_path);
  // Sockets named only by a guessed 'hosts' are not known to be served.
  const auto* hosts = daemon.effective.find("hosts");
  if (hosts && !hosts->doubt.empty()) return;
  for (const auto& listener : daemon.listeners) {
    constexpr std::string_view unix_scheme = "unix://";
    if (listener.address.starts_with(unix_scheme)) {
      snapshot.daemon_sockets.push_back(listener.address.substr(unix_scheme.size()));
    }
  }
}

}  // namespace

ConfigPathChoice choose_daemon_config_path(const std::optional<std::string>& explicit_path,
                                           const DockerdFlags* flags,
                                           const snapshot::DockerdProcess* process) {
  if (explicit_path) return {*explicit_path, snapshot::kConfigNamedByUser};
  if (!flags || !flags->config_file) {
    if (process) {
      if (auto rootless = rootless_config_path(*process)) return *rootless;
    }
    return {kDefaultDaemonConfigPath, "the default path"};
  }
  std::filesystem::path path = *flags->config_file;
  std::string reason = "--config-file of dockerd";
  if (process) {
    reason = fmt::format("--config-file of dockerd pid {}", process->pid);
    if (path.is_relative() && !process->working_directory.empty()) {
      path = std::filesystem::path(process->working_directory) / path;
      reason += fmt::format(", relative to its working directory {}", process->working_directory);
    }
  }
  return {path.lexically_normal().string(), reason};
}

void collect_engine(EngineClient& engine, snapshot::Snapshot& snapshot) {
  const auto version = engine.negotiate();
  if (!version.ok()) {
    snapshot.engine = Gathered<snapshot::Engine>::failure(version.error);
    snapshot.containers = Gathered<std::vector<Container>>::failure(version.error);
    snapshot.images = Gathered<std::vector<snapshot::Image>>::failure(version.error);
    return;
  }
  const auto info = engine.get_json("/info");
  const auto info_problem = info.ok() ? malformed_info(info.body) : info.error;
  if (!info_problem.empty()) {
    snapshot.engine = Gathered<snapshot::Engine>::failure(info_problem);
  } else {
    snapshot::Engine details;
    details.endpoint = engine.describe();
    details.api_version = *version.value;
    // /version only adds detail; without it /info's ServerVersion stands in.
    const auto server = engine.get_json("/version");
    map_engine_info(info.body, server.ok() ? server.body : nlohmann::json::object(), details);
    snapshot.engine = {std::move(details), ""};
  }
  snapshot.containers = collect_containers(engine);
  const auto bridge = engine.get_json("/networks/bridge");
  if (bridge.ok()) {
    snapshot.default_bridge.value = snapshot::Snapshot::DefaultBridge{map_bridge_icc(bridge.body)};
  } else if (bridge.http_status != kHttpNotFound) {
    snapshot.default_bridge.error = bridge.error;
  }
  snapshot.images = collect_images(engine);
  if (snapshot.engine.ok()) snapshot.swarm = collect_swarm(engine, *snapshot.engine.value);
}

snapshot::Snapshot collect(EngineClient& engine, const CollectOptions& options) {
  snapshot::Snapshot snapshot;
  snapshot.collected_at = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  std::error_code ignored_error;
  snapshot.host = read_host_facts(options.host_root);
  snapshot.client.docker_content_trust = options.docker_content_trust;
  // The engine first: its version decides the defaults of the effective config.
  collect_engine(engine, snapshot);
  collect_daemon(options, snapshot);
  // Only a real audit of this machine asks its kernel (auditctl).
  collect_docker_host({options.host_root, !options.daemon_config_path.has_value(),
                       std::filesystem::equivalent(options.host_root, "/", ignored_error)},
                      snapshot);
  if (snapshot.containers.ok()) {
    const auto docker_root = snapshot.engine.ok() ? snapshot.engine.value->docker_root_dir : "";
    for (auto& container : *snapshot.containers.value) {
      if (container.inspect_error.empty()) {
        read_container_host_facts(options.host_root, docker_root, container);
      }
    }
  }
  return snapshot;
}

}  // namespace dockaudit::collect
