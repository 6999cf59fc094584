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
  for (auto severity : {Severity::low, Severity::medium, Severity::high, Severity::critical}) {
    if (to_string(severity) == text) return severity;
  }
  return std::nullopt;
}

bool counts_in_score(Status status) {
  return status == Status::pass || status == Status::fail || status == Status::error;
}

}  // namespace dockaudit::audit
