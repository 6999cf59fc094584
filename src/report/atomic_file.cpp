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

void write_atomically(const std::filesystem::path& path, std::string_view content) {
  auto temporary = path.string() + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) throw io_error("create a temporary file for", path.string());

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
  // Reports are meant to be read by others (node_exporter, CI), not just root.
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0 || ::close(fd) != 0) {
    const auto error = io_error("finish writing", temporary);
    ::unlink(temporary.c_str());
    throw error;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const auto error = io_error("move the report into place at", path.string());
    ::unlink(temporary.c_str());
    throw error;
  }
}

}  // namespace dockaudit::report
