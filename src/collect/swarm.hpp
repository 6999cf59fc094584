// The swarm as a manager sees it. Only an active manager is asked: the
// cluster-wide endpoints answer 503 on every other node.
#pragma once

#include "src/collect/engine_client.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

// GET /swarm, /nodes, /networks and /secrets when /info names this node an
// active manager (Swarm.LocalNodeState "active", ControlAvailable true);
// otherwise nothing is requested and every part stays not gathered.
snapshot::Swarm collect_swarm(EngineClient& engine, const snapshot::Engine& engine_info);

}  // namespace dockaudit::collect
