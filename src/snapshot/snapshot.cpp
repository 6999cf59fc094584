#include "src/snapshot/snapshot.hpp"

#include <algorithm>

namespace dockaudit::snapshot {

const nlohmann::json* DaemonConfig::setting(const std::string& key) const {
  if (state != State::accepted) return nullptr;
  const auto found = settings.find(key);
  if (found == settings.end() || found->is_null()) return nullptr;
  return &*found;
}

bool Engine::has_security_option(const std::string& name) const {
  const auto prefix = "name=" + name;
  return std::any_of(security_options.begin(), security_options.end(),
                     [&](const std::string& option) {
                       return option == prefix || option.starts_with(prefix + ",");
                     });
}

}  // namespace dockaudit::snapshot
