#include "src/collect/collector.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "src/audit/json_text.hpp"
#include "src/collect/container_host_facts.hpp"
#include "src/collect/daemon_config.hpp"
#include "src/collect/host_facts.hpp"
#include "src/collect/inspect_mapping.hpp"

namespace dockaudit::collect {

namespace {

using snapshot::Container;
using snapshot::Gathered;

constexpr long kHttpNotFound = 404;

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

// Engine ids are hex; anything else would change the request path.
bool is_valid_id(const std::string& id) {
  return !id.empty() && id.find("..") == std::string::npos &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '_' || c == '-' || c == '.';
         });
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
    if (!is_valid_id(listed.id)) {
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

}  // namespace

void collect_engine(EngineClient& engine, snapshot::Snapshot& snapshot) {
  const auto version = engine.negotiate();
  if (!version.ok()) {
    snapshot.engine = Gathered<snapshot::Engine>::failure(version.error);
    snapshot.containers = Gathered<std::vector<Container>>::failure(version.error);
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
}

snapshot::Snapshot collect(EngineClient& engine, const CollectOptions& options) {
  snapshot::Snapshot snapshot;
  snapshot.daemon_config = read_daemon_config(options.daemon_config_path);
  if (!options.socket_path.empty()) snapshot.daemon_sockets.push_back(options.socket_path);
  snapshot.host = read_host_facts(options.host_root);
  collect_engine(engine, snapshot);
  settle_for_engine_version(snapshot.daemon_config,
                            snapshot.engine.ok() ? snapshot.engine.value->server_version : "");
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
