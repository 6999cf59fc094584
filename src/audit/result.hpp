// The vocabulary every stage shares: what a check concluded about one target,
// and the evidence a reader needs to verify it by hand.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockaudit::audit {

// waived: a failure that a valid waiver accepts; it is listed with the
// waiver's justification and leaves the score.
enum class Status { pass, fail, error, not_applicable, manual, waived };

// Every status, in the order reports list them.
inline constexpr Status kStatuses[]{Status::pass,           Status::fail,   Status::error,
                                   Status::not_applicable, Status::manual, Status::waived};
enum class Severity { low, medium, high, critical };
inline constexpr Severity kSeverities[]{Severity::low, Severity::medium, Severity::high,
                                       Severity::critical};
enum class Scope { daemon, host, container, image, swarm };

std::string_view to_string(Status status);
std::string_view to_string(Severity severity);
std::string_view to_string(Scope scope);
std::optional<Severity> parse_severity(std::string_view text);
std::optional<Status> parse_status(std::string_view text);
std::optional<Scope> parse_scope(std::string_view text);

// Whether a result enters the score: pass, fail and error do (error as a
// failure), not_applicable and manual do not.
bool counts_in_score(Status status);

struct Target {
  Scope type = Scope::daemon;
  std::string name;  // container name without the leading slash
  std::string id;
  std::string state;  // container state; empty for other targets
};

// One field that was read and the value seen there. The path is the engine or
// file location ("HostConfig.PidsLimit", "/etc/docker/daemon.json:userns-remap").
struct Evidence {
  std::string path;
  nlohmann::json value;
};

struct Result {
  std::string check_id;
  Status status = Status::error;
  Target target;
  std::string detail;  // one sentence: why this status
  std::vector<Evidence> evidence;
};

}  // namespace dockaudit::audit
