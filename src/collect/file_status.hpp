// stat(2) of host objects below a root, told apart as present, absent and
// unreadable: "could not look" is never "not there".
#pragma once

#include <filesystem>
#include <string>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

// Follows symbolic links, as the daemon and the benchmark's own audit do:
// the object that matters is the one the link leads to. Only ENOENT means
// absent; every other failure (EACCES, ENOTDIR, ELOOP) is unreadable.
snapshot::FileStatus stat_host_file(const std::filesystem::path& root, const std::string& path,
                                    std::string chosen_by);

// The path as the host names it with every link resolved; the lexically
// normal path when it cannot be resolved.
std::string resolve_host_path(const std::filesystem::path& root, const std::string& path);

}  // namespace dockaudit::collect
