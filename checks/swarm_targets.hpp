// The premise every swarm check shares: swarm mode is on, and for the
// cluster-wide items, this node is a manager that answered.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "src/audit/result.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::checks {

enum class SwarmReach { node, manager };

audit::Result swarm_result(const snapshot::Snapshot& snapshot, std::string_view check_id);

// A finished result when the check cannot judge: error when the swarm state
// could not be read, is locked, pending or in error; not_applicable when
// swarm mode is off, or (for manager items) this node is not a manager.
// nullopt when the check may go on.
std::optional<audit::Result> swarm_premise(const snapshot::Snapshot& snapshot,
                                           std::string_view check_id, SwarmReach reach);

// A finished result when one manager-only part was not gathered: error with
// its reason, or not_applicable when the engine said this is no manager.
template <typename T>
std::optional<audit::Result> missing_part(const snapshot::Snapshot& snapshot,
                                          std::string_view check_id,
                                          const snapshot::Gathered<T>& part,
                                          std::string_view what) {
  if (part.ok()) return std::nullopt;
  auto result = swarm_result(snapshot, check_id);
  if (part.failed()) {
    result.status = audit::Status::error;
    result.detail = fmt::format("{} could not be read: {}", what, part.error);
  } else {
    result.status = audit::Status::not_applicable;
    result.detail = "this node is not a swarm manager: " + snapshot.swarm.not_manager;
  }
  return result;
}

}  // namespace dockaudit::checks
