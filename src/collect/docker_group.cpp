// read_docker_group, declared in docker_host.hpp.
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "src/collect/docker_host.hpp"
#include "src/collect/effective_config.hpp"
#include "src/collect/host_path.hpp"

namespace dockaudit::collect {

namespace {

namespace fs = std::filesystem;
using snapshot::DockerGroup;
using snapshot::Gathered;

constexpr const char* kGroupFile = "/etc/group";
constexpr const char* kPasswdFile = "/etc/passwd";
constexpr const char* kDefaultGroup = "docker";

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream(text);
  while (std::getline(stream, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

std::optional<std::uint32_t> number_of(const std::string& text) {
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool uses_socket_activation(const snapshot::EffectiveConfig& config) {
  const auto* hosts = config.find("hosts");
  if (!hosts || !hosts->value.is_array()) return false;
  for (const auto& host : hosts->value) {
    if (host.is_string() && host.get<std::string>().starts_with(kSocketActivation)) return true;
  }
  return false;
}

void choose_group(const snapshot::Daemon& daemon, DockerGroup& group) {
  const auto* socket =
      daemon.units.ok() && daemon.units.value->socket ? &*daemon.units.value->socket : nullptr;
  const auto doubt = [&](const char* key) {
    const auto* setting = daemon.effective.find(key);
    return setting ? setting->doubt : std::string();
  };
  group.doubt = doubt("hosts");
  if (socket && socket->socket_group && uses_socket_activation(daemon.effective)) {
    group.name = socket->socket_group->value;
    group.chosen_by =
        fmt::format("SocketGroup= of {} ({})", socket->name, socket->socket_group->source);
    return;
  }
  if (group.doubt.empty()) group.doubt = doubt("group");
  const auto* setting = daemon.effective.find("group");
  if (setting && setting->value.is_string() && !setting->value.get<std::string>().empty()) {
    group.name = setting->value.get<std::string>();
    group.chosen_by = fmt::format("effective 'group' ({})", setting->source);
    return;
  }
  group.name = kDefaultGroup;
  group.chosen_by = "dockerd's default group";
}

}  // namespace

Gathered<DockerGroup> read_docker_group(const fs::path& root, const snapshot::Daemon& daemon) {
  DockerGroup group;
  choose_group(daemon, group);

  std::ifstream groups(host_path(root, kGroupFile));
  if (!groups) {
    return Gathered<DockerGroup>::failure(
        fmt::format("{} could not be read: {}", kGroupFile, std::strerror(errno)));
  }
  for (std::string line; std::getline(groups, line);) {
    const auto fields = split(line, ':');
    if (fields.size() < 4 || fields[0] != group.name) continue;
    group.gid = number_of(fields[2]);
    for (const auto& member : split(fields[3], ',')) {
      if (member.empty()) continue;
      group.members.push_back(fmt::format("{} ({})", member, kGroupFile));
      group.member_names.push_back(member);
    }
    break;
  }
  if (!group.gid) return {std::move(group), ""};

  std::ifstream users(host_path(root, kPasswdFile));
  if (!users) {
    return Gathered<DockerGroup>::failure(
        fmt::format("{} could not be read: {}", kPasswdFile, std::strerror(errno)));
  }
  for (std::string line; std::getline(users, line);) {
    const auto fields = split(line, ':');
    if (fields.size() >= 4 && number_of(fields[3]) == group.gid) {
      group.members.push_back(fmt::format("{} (primary group in {})", fields[0], kPasswdFile));
      group.member_names.push_back(fields[0]);
    }
  }
  return {std::move(group), ""};
}

}  // namespace dockaudit::collect
