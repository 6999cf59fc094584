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

// The path a chain of symbolic links ends at, whether or not that file exists
// yet: writing through a link that points nowhere creates its target, as the
// shell's `>` does, and never replaces the link itself.
std::filesystem::path follow_links(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  auto current = path;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code error;
    if (!fs::is_symlink(fs::symlink_status(current, error))) return current;
    const auto target = fs::read_symlink(current, error);
    if (error) throw std::runtime_error(fmt::format("cannot follow the link {}", path.string()));
    current = target.is_absolute() ? target : current.parent_path() / target;
  }
  throw std::runtime_error(fmt::format("{}: too many levels of symbolic links", path.string()));
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
  const auto given = fs::absolute(path, error);
  const auto destination = follow_links(given).lexically_normal();
  const auto named = destination == given.lexically_normal()
                         ? path.string()
                         : fmt::format("{} (the target of {})", destination.string(),
                                       path.string());
  // A link whose text names nothing may still reach a file through /proc:
  // /dev/stdout in a pipe ends at "pipe:[70696]", which the kernel resolves
  // to the pipe.
  const auto reached = fs::status(given, error);
  if (!fs::exists(fs::symlink_status(destination, error)) && fs::exists(reached) &&
      !fs::is_regular_file(reached)) {
    throw std::runtime_error(
        fmt::format("{} is {}; dockaudit writes regular files only (without --output it writes "
                    "to standard output)",
                    path.string(), kind_of(reached.type())));
  }
  const auto directory = destination.parent_path();
  const auto directory_status = fs::status(directory, error);
  if (!fs::exists(directory_status)) {
    throw std::runtime_error(
        fmt::format("{}: directory {} does not exist", named, directory.string()));
  }
  if (!fs::is_directory(directory_status)) {
    throw std::runtime_error(fmt::format("{}: {} is not a directory", named, directory.string()));
  }
  const auto status = fs::status(destination, error);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    throw std::runtime_error(fmt::format("{} is {}; dockaudit writes regular files only",
                                         named, kind_of(status.type())));
  }
  return destination;
}

StagedFile::StagedFile(const std::filesystem::path& path, std::string_view content,
                       FileAccess access)
    : destination_(report_destination(path)) {
  temporary_ = destination_.string() + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temporary_.data());
  if (fd < 0) {
    temporary_.clear();
    throw io_error("create a temporary file for", destination_.string());
  }
  const auto fail = [&](const std::string& what, const std::string& where) {
    const auto error = io_error(what, where);
    ::close(fd);
    discard();
    return error;
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw fail("write", temporary_);
    written += static_cast<std::size_t>(n);
  }
  mode_t mode = access == FileAccess::owner_only ? 0600 : 0644;
  struct stat existing {};
  if (::stat(destination_.c_str(), &existing) == 0) {
    // Its permissions, never its setuid, setgid or sticky bit: a report is no
    // program.
    if (access == FileAccess::shared) mode = existing.st_mode & 0777;
    // Only root may give a file away; anyone else keeps the new file's owner.
    if (::fchown(fd, existing.st_uid, existing.st_gid) != 0 && errno != EPERM) {
      throw fail("keep the owner of", destination_.string());
    }
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) throw fail("finish writing", temporary_);
  if (::close(fd) != 0) {
    const auto error = io_error("finish writing", temporary_);
    discard();
    throw error;
  }
}

StagedFile::StagedFile(StagedFile&& other) noexcept
    : destination_(std::move(other.destination_)), temporary_(std::move(other.temporary_)) {
  other.temporary_.clear();
}

StagedFile::~StagedFile() { discard(); }

void StagedFile::commit() {
  if (::rename(temporary_.c_str(), destination_.c_str()) != 0) {
    const auto error = io_error("move the report into place at", destination_.string());
    discard();
    throw error;
  }
  temporary_.clear();
}

void StagedFile::discard() noexcept {
  if (temporary_.empty()) return;
  ::unlink(temporary_.c_str());
  temporary_.clear();
}

void write_atomically(const std::filesystem::path& path, std::string_view content,
                      FileAccess access) {
  StagedFile(path, content, access).commit();
}

void write_all_atomically(
    const std::vector<std::pair<std::filesystem::path, std::string>>& files) {
  std::vector<StagedFile> staged;
  staged.reserve(files.size());
  for (const auto& [path, content] : files) staged.emplace_back(path, content);
  for (auto& file : staged) file.commit();
}

}  // namespace dockaudit::report
