#include "src/snapshot/daemon.hpp"

namespace dockaudit::snapshot {

std::string to_string(Origin origin) {
  switch (origin) {
    case Origin::built_in_default:
      return "default";
    case Origin::file:
      return "file";
    case Origin::flag:
      return "flag";
    case Origin::engine:
      return "engine";
  }
  return "unknown";
}

std::string to_string(ConfigProblem::Kind kind) {
  using Kind = ConfigProblem::Kind;
  switch (kind) {
    case Kind::flag_and_file:
      return "flag-and-file";
    case Kind::unknown_key:
      return "unknown-key";
    case Kind::ignored_key:
      return "ignored-key";
    case Kind::unknown_flag:
      return "unknown-flag";
    case Kind::unit_problem:
      return "unit-problem";
    case Kind::engine_drift:
      return "engine-drift";
  }
  return "unknown";
}

const Setting* EffectiveConfig::find(const std::string& key) const {
  const auto found = settings.find(key);
  return found == settings.end() ? nullptr : &found->second;
}

}  // namespace dockaudit::snapshot
