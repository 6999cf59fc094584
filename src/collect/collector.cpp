#include "src/collect/collector.hpp"

#include <fmt/format.h>

#include "src/collect/daemon_config.hpp"
#include "src/collect/dockerd_process.hpp"
#include "src/collect/effective_config.hpp"
#include "src/collect/host_facts.hpp"
#include "src/collect/host_path.hpp"
#include "src/collect/inspect_mapping.hpp"
#include "src/collect/systemd_units.hpp"

namespace dockaudit::collect {

namespace {

using snapshot::Container;
using snapshot::Gathered;

constexpr long kHttpNotFound = 404;

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
    if (listed.id.empty()) continue;
    const auto inspect = engine.get_json("/containers/" + listed.id + "/json");
    if (inspect.http_status == kHttpNotFound) continue;  // removed since the list
    if (!inspect.ok() || !inspect.body.is_object()) {
      listed.inspect_error =
          inspect.ok() ? "the inspect answer is not a JSON object" : inspect.error;
      containers.push_back(std::move(listed));
      continue;
    }
    containers.push_back(map_container_inspect(inspect.body));
  }
  return {std::move(containers), ""};
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

void collect_daemon(const CollectOptions& options, snapshot::Snapshot& snapshot) {
  auto& daemon = snapshot.daemon;
  daemon.process = find_dockerd({options.host_root, options.socket_path});
  daemon.units = {read_docker_units(options.host_root), ""};

  std::string flags_label;
  const auto flags = read_flags(daemon, flags_label);
  const auto* process = daemon.process.ok() ? &*daemon.process.value : nullptr;
  const auto choice =
      choose_daemon_config_path(options.daemon_config_path, flags ? &*flags : nullptr, process);
  // The user's own path is read as given; dockerd's paths are on the audited host.
  const bool on_host = !options.daemon_config_path.has_value();
  snapshot.daemon_config = read_daemon_config(
      on_host ? host_path(options.host_root, choice.path).string() : choice.path);
  snapshot.daemon_config.path = choice.path;
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
  if (snapshot.engine.ok()) reconcile_with_engine(*snapshot.engine.value, daemon.effective);
  for (const auto& unit : {daemon.units.value->service, daemon.units.value->socket}) {
    if (!unit) continue;
    for (const auto& problem : unit->problems) {
      daemon.effective.problems.push_back(
          {snapshot::ConfigProblem::Kind::unit_problem, unit->name, problem});
    }
  }
  daemon.listeners = resolve_listeners(daemon.effective, &*daemon.units.value);
}

}  // namespace

ConfigPathChoice choose_daemon_config_path(const std::optional<std::string>& explicit_path,
                                           const DockerdFlags* flags,
                                           const snapshot::DockerdProcess* process) {
  if (explicit_path) return {*explicit_path, "--daemon-config"};
  if (!flags || !flags->config_file) return {kDefaultDaemonConfigPath, "the default path"};
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
    return;
  }
  const auto info = engine.get_json("/info");
  if (!info.ok()) {
    snapshot.engine = Gathered<snapshot::Engine>::failure(info.error);
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
}

snapshot::Snapshot collect(EngineClient& engine, const CollectOptions& options) {
  snapshot::Snapshot snapshot;
  snapshot.host = read_host_facts(options.host_root);
  // The engine first: its version decides the defaults of the effective config.
  collect_engine(engine, snapshot);
  collect_daemon(options, snapshot);
  return snapshot;
}

}  // namespace dockaudit::collect
