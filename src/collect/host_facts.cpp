#include "src/collect/host_facts.hpp"

#include <fstream>
#include <string>
#include <system_error>

namespace dockaudit::collect {

namespace {

namespace fs = std::filesystem;

bool path_exists(const fs::path& path) {
  std::error_code ignored;
  return fs::exists(path, ignored);
}

// dockerd's own test: the securityfs entry exists and the module says 'Y'.
snapshot::Gathered<bool> read_apparmor(const fs::path& root) {
  if (!path_exists(root / "sys/kernel/security/apparmor")) return {false, ""};
  std::ifstream enabled(root / "sys/module/apparmor/parameters/enabled");
  if (!enabled) return {false, ""};
  std::string word;
  enabled >> word;
  return {!word.empty() && word.front() == 'Y', ""};
}

// SELinux is active when selinuxfs is mounted; its enforce file exists then.
snapshot::Gathered<bool> read_selinux(const fs::path& root) {
  return {path_exists(root / "sys/fs/selinux/enforce"), ""};
}

}  // namespace

snapshot::HostFacts read_host_facts(const fs::path& root) {
  return {read_apparmor(root), read_selinux(root)};
}

}  // namespace dockaudit::collect
