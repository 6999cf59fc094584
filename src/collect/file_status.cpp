#include "src/collect/file_status.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

#include "src/collect/host_path.hpp"

namespace dockaudit::collect {

namespace {

namespace fs = std::filesystem;
using snapshot::FileStatus;

constexpr std::uint32_t kPermissionBits = 07777;

FileStatus::Type type_of(mode_t mode) {
  if (S_ISREG(mode)) return FileStatus::Type::regular;
  if (S_ISDIR(mode)) return FileStatus::Type::directory;
  if (S_ISSOCK(mode)) return FileStatus::Type::socket;
  if (S_ISLNK(mode)) return FileStatus::Type::symlink;
  return FileStatus::Type::other;
}

}  // namespace

FileStatus stat_host_file(const fs::path& root, const std::string& path, std::string chosen_by) {
  FileStatus status;
  status.path = path;
  status.chosen_by = std::move(chosen_by);
  struct stat info {};
  if (::stat(host_path(root, path).c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) {
      status.state = FileStatus::State::absent;
    } else {
      status.state = FileStatus::State::unreadable;
      status.error = fmt::format("stat {}: {}", path, std::strerror(error));
    }
    return status;
  }
  status.state = FileStatus::State::present;
  status.type = type_of(info.st_mode);
  status.uid = info.st_uid;
  status.gid = info.st_gid;
  status.mode = info.st_mode & kPermissionBits;
  status.device = info.st_dev;
  status.inode = info.st_ino;
  return status;
}

std::string resolve_host_path(const fs::path& root, const std::string& path) {
  const auto normal = fs::path(path).lexically_normal();
  std::error_code error;
  const auto resolved = fs::weakly_canonical(host_path(root, path), error);
  if (error) return normal.string();
  const auto canonical_root = fs::weakly_canonical(root, error);
  if (error) return normal.string();
  const auto relative = resolved.lexically_relative(canonical_root);
  // A link that leads out of a fixture tree is not followed.
  if (relative.empty() || *relative.begin() == "..") return normal.string();
  return (fs::path("/") / relative).lexically_normal().string();
}

}  // namespace dockaudit::collect
