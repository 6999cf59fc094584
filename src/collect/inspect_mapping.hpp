// The one place raw engine JSON becomes snapshot data. Every field is treated
// as optional: engine versions and Podman differ in what they send.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

// Maps GET /containers/{id}/json.
snapshot::Container map_container_inspect(const nlohmann::json& inspect);

// The container list entry's id, name and state, for containers whose inspect
// failed.
snapshot::Container map_container_list_entry(const nlohmann::json& entry);

// The command column of GET /containers/{id}/top; nullopt when the answer has
// no such column.
std::optional<std::vector<std::string>> map_top_commands(const nlohmann::json& top);

// GET /exec/{id}/json.
snapshot::ExecInstance map_exec_inspect(const nlohmann::json& exec);

// GET /networks/bridge: whether containers on it may talk to each other, when
// the network says.
std::optional<bool> map_bridge_icc(const nlohmann::json& network);

// GET /images/{id}/json. The caller has checked that Config is an object.
snapshot::Image map_image_inspect(const nlohmann::json& inspect);

// GET /images/{id}/history; nullopt when the answer is not a list of entries
// that each carry a CreatedBy text.
std::optional<std::vector<snapshot::HistoryStep>> map_image_history(const nlohmann::json& history);

// GET /swarm, GET /nodes, GET /networks (overlay ones only) and GET /secrets.
snapshot::SwarmCluster map_swarm_cluster(const nlohmann::json& swarm);
std::vector<snapshot::SwarmNode> map_swarm_nodes(const nlohmann::json& nodes);
std::vector<snapshot::OverlayNetwork> map_overlay_networks(const nlohmann::json& networks);
std::vector<snapshot::SwarmSecret> map_swarm_secrets(const nlohmann::json& secrets);

// Fills the engine fields that /info and /version provide.
void map_engine_info(const nlohmann::json& info, const nlohmann::json& version,
                     snapshot::Engine& engine);

}  // namespace dockaudit::collect
