#include "src/collect/collector.hpp"

#include "src/collect/daemon_config.hpp"
#include "src/collect/host_facts.hpp"
#include "src/collect/inspect_mapping.hpp"

namespace dockaudit::collect {

namespace {

using snapshot::Container;
using snapshot::Gathered;

constexpr long kHttpNotFound = 404;

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
    if (listed.id.empty()) continue;
    const auto inspect = engine.get_json("/containers/" + listed.id + "/json");
    if (inspect.http_status == kHttpNotFound) continue;  // removed since the list
    if (!inspect.ok() || !inspect.body.is_object()) {
      listed.inspect_error =
          inspect.ok() ? "the inspect answer is not a JSON object" : inspect.error;
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

}  // namespace

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
  snapshot.daemon_config = read_daemon_config(options.daemon_config_path);
  if (!options.socket_path.empty()) snapshot.daemon_sockets.push_back(options.socket_path);
  snapshot.host = read_host_facts(options.host_root);
  collect_engine(engine, snapshot);
  return snapshot;
}

}  // namespace dockaudit::collect
