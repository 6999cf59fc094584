// Shared plumbing for host-wide checks that read the engine.
#pragma once

#include <string_view>

#include "src/audit/result.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::checks {

// One result for the whole docker host: an error naming the reason when the
// engine could not be asked, otherwise manual until the check decides.
audit::Result engine_host_result(const snapshot::Snapshot& snapshot, std::string_view check_id);

}  // namespace dockaudit::checks
