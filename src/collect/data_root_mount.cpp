// read_data_root_filesystem and data_root_of, declared in docker_host.hpp.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "src/collect/docker_host.hpp"
#include "src/collect/file_status.hpp"
#include "src/collect/host_path.hpp"

namespace dockaudit::collect {

namespace {

constexpr const char* kMountinfo = "/proc/self/mountinfo";

struct MountEntry {
  std::string device;  // major:minor
  std::string mount_point;
};

// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescape(const std::string& text) {
  std::string plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size()) {
      const auto digits = text.substr(i + 1, 3);
      if (digits.find_first_not_of("01234567") == std::string::npos) {
        plain.push_back(static_cast<char>(std::stoi(digits, nullptr, 8)));
        i += 3;
        continue;
      }
    }
    plain.push_back(text[i]);
  }
  return plain;
}

// "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw": fields
// three and five are the device and the mount point.
std::vector<MountEntry> parse_mountinfo(std::istream& input) {
  std::vector<MountEntry> entries;
  for (std::string line; std::getline(input, line);) {
    std::istringstream fields(line);
    std::string id, parent, device, source_root, mount_point;
    if (fields >> id >> parent >> device >> source_root >> mount_point) {
      entries.push_back({device, unescape(mount_point)});
    }
  }
  return entries;
}

bool contains(const std::string& mount_point, const std::string& path) {
  if (mount_point == "/") return true;
  return path == mount_point || path.starts_with(mount_point + "/");
}

// The mount that shows at `path`: the longest containing mount point, the
// last one listed when several are stacked there.
const MountEntry* mount_of(const std::vector<MountEntry>& entries, const std::string& path) {
  const MountEntry* best = nullptr;
  for (const auto& entry : entries) {
    if (!contains(entry.mount_point, path)) continue;
    if (!best || entry.mount_point.size() >= best->mount_point.size()) best = &entry;
  }
  return best;
}

}  // namespace

std::string data_root_of(const snapshot::Engine& engine) {
  static const std::regex remapped_leaf(R"(/[0-9]+\.[0-9]+$)");
  const auto& reported = engine.docker_root_dir;
  if (!engine.has_security_option("userns")) return reported;
  return std::regex_replace(reported, remapped_leaf, "");
}

snapshot::Gathered<snapshot::DataRootFilesystem> read_data_root_filesystem(
    const std::filesystem::path& root, const std::string& data_root) {
  using Result = snapshot::Gathered<snapshot::DataRootFilesystem>;
  std::ifstream input(host_path(root, kMountinfo));
  if (!input) {
    return Result::failure(
        fmt::format("{} could not be read: {}", kMountinfo, std::strerror(errno)));
  }
  const auto entries = parse_mountinfo(input);
  // A data root reached through a link lives where the link leads.
  const auto resolved = resolve_host_path(root, data_root);
  const auto* holder = mount_of(entries, resolved);
  const auto* root_mount = mount_of(entries, "/");
  if (!holder || !root_mount) {
    return Result::failure(fmt::format("{} lists no mount for / or {}", kMountinfo, resolved));
  }
  return {snapshot::DataRootFilesystem{resolved, holder->mount_point, holder->device,
                                       root_mount->device},
          ""};
}

}  // namespace dockaudit::collect
