// Files are named as the audited host names them and read below a root:
// "/" in a real audit, a fixture tree in tests.
#pragma once

#include <filesystem>
#include <string>

namespace dockaudit::collect {

inline std::filesystem::path host_path(const std::filesystem::path& root, const std::string& path) {
  return root / std::filesystem::path(path).relative_path();
}

}  // namespace dockaudit::collect
