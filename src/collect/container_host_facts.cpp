#include "src/collect/container_host_facts.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "src/audit/json_input.hpp"

namespace dockaudit::collect {

namespace {

namespace fs = std::filesystem;

// config.v2.json is small; a larger file is not the daemon's.
constexpr std::streamsize kMaxStoredConfigBytes = 4 * 1024 * 1024;

// Joins an absolute path below the host root ("/" + "/proc/1" = "/proc/1").
fs::path below(const fs::path& host_root, const std::string& absolute) {
  return host_root / fs::path(absolute).relative_path();
}

snapshot::Gathered<bool> read_process_flag(const fs::path& status_path) {
  std::ifstream status(status_path);
  if (!status) {
    return snapshot::Gathered<bool>::failure(
        fmt::format("cannot read {}: {}", status_path.string(), std::strerror(errno)));
  }
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("NoNewPrivs:")) return {line.find('1') != std::string::npos, ""};
  }
  return snapshot::Gathered<bool>::failure(status_path.string() + " has no NoNewPrivs line");
}

snapshot::Gathered<bool> read_stored_flag(const fs::path& config_path) {
  std::ifstream file(config_path, std::ios::binary);
  if (!file) {
    return snapshot::Gathered<bool>::failure(
        fmt::format("cannot read {}: {}", config_path.string(), std::strerror(errno)));
  }
  std::string bytes(static_cast<std::size_t>(kMaxStoredConfigBytes), '\0');
  file.read(bytes.data(), kMaxStoredConfigBytes);
  bytes.resize(static_cast<std::size_t>(file.gcount()));
  nlohmann::json stored;
  try {
    stored = audit::parse_json(bytes, config_path.string());
  } catch (const audit::JsonInputError& problem) {
    return snapshot::Gathered<bool>::failure(problem.what());
  }
  if (!stored.is_object()) {
    return snapshot::Gathered<bool>::failure(config_path.string() + " is not a JSON object");
  }
  const auto found = stored.find("NoNewPrivileges");
  return {found != stored.end() && found->is_boolean() && found->get<bool>(), ""};
}

}  // namespace

void read_container_host_facts(const fs::path& host_root, const std::string& docker_root,
                               snapshot::Container& container) {
  if (container.pid > 0 && (container.state == "running" || container.state == "paused")) {
    container.no_new_privs_process =
        read_process_flag(below(host_root, fmt::format("/proc/{}/status", container.pid)));
  }
  if (!docker_root.empty() && !container.id.empty()) {
    container.no_new_privs_stored = read_stored_flag(below(host_root, docker_root) / "containers" /
                                                     container.id / "config.v2.json");
  }
}

}  // namespace dockaudit::collect
