// A fake host tree in a fresh temporary directory, removed when the test
// ends. Files get real modes and owners (the tests run as root in CI).
#pragma once

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace dockaudit::testing {

class TempTree {
 public:
  TempTree() {
    std::string pattern = (std::filesystem::temp_directory_path() / "dockaudit-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
  }
  ~TempTree() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path at(const std::string& path) const {
    return root_ / std::filesystem::path(path).relative_path();
  }

  // A file at `path` (as the host names it) with this mode and owner.
  void file(const std::string& path, const std::string& text, mode_t mode = 0644, uid_t uid = 0,
            gid_t gid = 0) const {
    std::filesystem::create_directories(at(path).parent_path());
    std::ofstream(at(path)) << text;
    set_owner_mode(path, mode, uid, gid);
  }

  void directory(const std::string& path, mode_t mode = 0755, uid_t uid = 0, gid_t gid = 0) const {
    std::filesystem::create_directories(at(path));
    set_owner_mode(path, mode, uid, gid);
  }

  // A bound unix socket, as a daemon leaves it.
  void socket(const std::string& path, mode_t mode = 0660, uid_t uid = 0, gid_t gid = 0) const {
    std::filesystem::create_directories(at(path).parent_path());
    const int descriptor = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const auto name = at(path).string();
    if (name.size() >= sizeof address.sun_path) throw std::runtime_error("socket path too long");
    name.copy(address.sun_path, name.size());
    const int bound = ::bind(descriptor, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::close(descriptor);
    if (bound != 0) throw std::runtime_error("bind failed: " + name);
    set_owner_mode(path, mode, uid, gid);
  }

  void set_owner_mode(const std::string& path, mode_t mode, uid_t uid, gid_t gid) const {
    if (::chown(at(path).c_str(), uid, gid) != 0 || ::chmod(at(path).c_str(), mode) != 0) {
      throw std::runtime_error("chown/chmod failed: " + at(path).string());
    }
  }

 private:
  std::filesystem::path root_;
};

}  // namespace dockaudit::testing
