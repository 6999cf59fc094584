// Every top-level image, inspected, with its build history.
#pragma once

#include <vector>

#include "src/collect/engine_client.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

// GET /images/json?all=0, then /images/{id}/json and /images/{id}/history
// for each. An image removed since the list is skipped; one whose inspect or
// history failed is kept with the reason.
snapshot::Gathered<std::vector<snapshot::Image>> collect_images(EngineClient& engine);

}  // namespace dockaudit::collect
