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

std::string to_string(FileStatus::Type type) {
  switch (type) {
    case FileStatus::Type::regular:
      return "regular file";
    case FileStatus::Type::directory:
      return "directory";
    case FileStatus::Type::socket:
      return "socket";
    case FileStatus::Type::symlink:
      return "symbolic link";
    case FileStatus::Type::other:
      return "special file";
  }
  return "special file";
}

}  // namespace dockaudit::snapshot
