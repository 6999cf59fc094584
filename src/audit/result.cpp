#include "src/audit/result.hpp"

namespace dockaudit::audit {

std::string_view to_string(Status status) {
  switch (status) {
    case Status::pass:
      return "pass";
    case Status::fail:
      return "fail";
    case Status::error:
      return "error";
    case Status::not_applicable:
      return "not_applicable";
    case Status::manual:
      return "manual";
    case Status::waived:
      return "waived";
  }
  return "error";
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::low:
      return "low";
    case Severity::medium:
      return "medium";
    case Severity::high:
      return "high";
    case Severity::critical:
      return "critical";
  }
  return "high";
}

std::string_view to_string(Scope scope) {
  switch (scope) {
    case Scope::daemon:
      return "daemon";
    case Scope::host:
      return "host";
    case Scope::container:
      return "container";
    case Scope::image:
      return "image";
    case Scope::swarm:
      return "swarm";
  }
  return "daemon";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (const auto severity : kSeverities) {
    if (to_string(severity) == text) return severity;
  }
  return std::nullopt;
}

std::optional<Status> parse_status(std::string_view text) {
  for (const auto status : kStatuses) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

std::optional<Scope> parse_scope(std::string_view text) {
  for (const auto scope : {Scope::daemon, Scope::host, Scope::container, Scope::image,
                           Scope::swarm}) {
    if (to_string(scope) == text) return scope;
  }
  return std::nullopt;
}

bool counts_in_score(Status status) {
  return status == Status::pass || status == Status::fail || status == Status::error;
}

}  // namespace dockaudit::audit
