#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "src/report/report.hpp"

namespace dockaudit::report {

namespace {

std::runtime_error io_error(const std::string& what, const std::string& path) {
  return std::runtime_error(fmt::format("cannot {} {}: {}", what, path, std::strerror(errno)));
}

}  // namespace

std::string_view kind_of(std::filesystem::file_type type) {
  using std::filesystem::file_type;
  switch (type) {
    case file_type::directory:
      return "a directory";
    case file_type::character:
      return "a character device";
    case file_type::block:
      return "a block device";
    case file_type::fifo:
      return "a FIFO";
    case file_type::socket:
      return "a socket";
    default:
      return "not a regular file";
  }
}

std::filesystem::path report_destination(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  auto destination = fs::absolute(path, error);
  if (fs::is_symlink(fs::symlink_status(destination, error))) {
    destination = fs::weakly_canonical(destination, error);
    if (error) throw std::runtime_error(fmt::format("cannot follow the link {}", path.string()));
  }
  const auto directory = destination.parent_path();
  const auto directory_status = fs::status(directory, error);
  if (!fs::exists(directory_status)) {
    throw std::runtime_error(fmt::format("{}: directory {} does not exist", path.string(),
                                         directory.string()));
  }
  if (!fs::is_directory(directory_status)) {
    throw std::runtime_error(
        fmt::format("{}: {} is not a directory", path.string(), directory.string()));
  }
  const auto status = fs::status(destination, error);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    const auto named = destination == fs::absolute(path)
                           ? path.string()
                           : fmt::format("{} (the target of {})", destination.string(),
                                         path.string());
    throw std::runtime_error(fmt::format("{} is {}; reports are written to regular files only",
                                         named, kind_of(status.type())));
  }
  return destination;
}

void write_atomically(const std::filesystem::path& path, std::string_view content,
                      FileAccess access) {
  const auto destination = report_destination(path);
  auto temporary = destination.string() + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) throw io_error("create a temporary file for", destination.string());

  std::size_t written = 0;
  while (written < content.size()) {
    const auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const auto error = io_error("write", temporary);
      ::close(fd);
      ::unlink(temporary.c_str());
      throw error;
    }
    written += static_cast<std::size_t>(n);
  }
  mode_t mode = access == FileAccess::owner_only ? 0600 : 0644;
  struct stat existing {};
  if (::stat(destination.c_str(), &existing) == 0) {
    if (access == FileAccess::shared) mode = existing.st_mode & 07777;
    // Only root may give a file away; anyone else keeps the new file's owner.
    if (::fchown(fd, existing.st_uid, existing.st_gid) != 0 && errno != EPERM) {
      const auto error = io_error("keep the owner of", destination.string());
      ::close(fd);
      ::unlink(temporary.c_str());
      throw error;
    }
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0 || ::close(fd) != 0) {
    const auto error = io_error("finish writing", temporary);
    ::unlink(temporary.c_str());
    throw error;
  }
  if (::rename(temporary.c_str(), destination.c_str()) != 0) {
    const auto error = io_error("move the report into place at", destination.string());
    ::unlink(temporary.c_str());
    throw error;
  }
}

}  // namespace dockaudit::report
