#include "src/collect/swarm.hpp"

#include <fmt/format.h>

#include "src/collect/inspect_mapping.hpp"

namespace dockaudit::collect {

namespace {

using nlohmann::json;

// One manager-only request. A 503 means the node stopped being a manager
// since /info; it is recorded once in swarm.not_manager and the part stays
// not gathered, so manager-only checks become not applicable.
template <typename T, typename Map>
snapshot::Gathered<T> ask_manager(EngineClient& engine, const std::string& path,
                                  json::value_t shape, Map map, snapshot::Swarm& swarm) {
  if (!swarm.not_manager.empty()) return {};
  const auto answer = engine.get_json(path);
  if (answer.http_status == kHttpServiceUnavailable) {
    swarm.not_manager = answer.error;
    return {};
  }
  if (!answer.ok()) return snapshot::Gathered<T>::failure(answer.error);
  if (answer.body.type() != shape) {
    return snapshot::Gathered<T>::failure(fmt::format(
        "GET {} answered a JSON {} where {} was expected", path, answer.body.type_name(),
        shape == json::value_t::array ? "an array" : "an object"));
  }
  return {map(answer.body), ""};
}

}  // namespace

snapshot::Swarm collect_swarm(EngineClient& engine, const snapshot::Engine& engine_info) {
  snapshot::Swarm swarm;
  if (engine_info.swarm_state != "active" || engine_info.swarm_control_available != true) {
    return swarm;
  }
  swarm.cluster = ask_manager<snapshot::SwarmCluster>(engine, "/swarm", json::value_t::object,
                                                      &map_swarm_cluster, swarm);
  swarm.nodes = ask_manager<std::vector<snapshot::SwarmNode>>(
      engine, "/nodes", json::value_t::array, &map_swarm_nodes, swarm);
  // Filtered here rather than with ?filters=, which would need URL encoding.
  swarm.overlay_networks = ask_manager<std::vector<snapshot::OverlayNetwork>>(
      engine, "/networks", json::value_t::array, &map_overlay_networks, swarm);
  swarm.secrets = ask_manager<std::vector<snapshot::SwarmSecret>>(
      engine, "/secrets", json::value_t::array, &map_swarm_secrets, swarm);
  return swarm;
}

}  // namespace dockaudit::collect
