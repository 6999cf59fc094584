// What a container mounts from the host, judged by each mount's host source
// (from -v and --mount alike), never by where it appears inside.
#include <array>
#include <filesystem>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

// Host directories whose exposure hands a container the host.
constexpr std::array<std::string_view, 8> kSensitiveDirectories{"/",    "/boot", "/dev", "/etc",
                                                                "/lib", "/proc", "/sys", "/usr"};

// /var/run is a link to /run on every current distribution.
std::string canonical_host_path(const std::string& path) {
  auto normal = std::filesystem::path(path).lexically_normal().string();
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  if (normal == "/var/run" || normal.starts_with("/var/run/")) normal.erase(0, 4);
  return normal;
}

// True when `path` is `directory` or lies below it.
bool is_within(const std::string& path, std::string_view directory) {
  if (directory == "/") return path == "/";
  return path == directory || (path.starts_with(directory) && path.size() > directory.size() &&
                               path[directory.size()] == '/');
}

std::vector<audit::Evidence> bind_sources(const snapshot::Container& container) {
  std::vector<std::string> sources;
  for (const auto& mount : container.mounts) {
    if (mount.type == "bind") sources.push_back(mount.source + " -> " + mount.destination);
  }
  return {{"Mounts[Type=bind] Source -> Destination", sources}};
}

Judgement judge_sensitive(const snapshot::Container& container) {
  std::vector<std::string> exposed;
  for (const auto& mount : container.mounts) {
    if (mount.type != "bind") continue;
    const auto source = canonical_host_path(mount.source);
    for (const auto directory : kSensitiveDirectories) {
      if (!is_within(source, directory)) continue;
      exposed.push_back(fmt::format("{}{}", mount.source, mount.read_write ? "" : " (read-only)"));
      break;
    }
  }
  if (exposed.empty()) {
    return {Status::pass, "no sensitive host directory is mounted", bind_sources(container)};
  }
  return {Status::fail, fmt::format("mounts sensitive host paths: {}", fmt::join(exposed, ", ")),
          bind_sources(container)};
}

Judgement judge_propagation(const snapshot::Container& container) {
  std::vector<std::string> shared;
  std::vector<std::string> seen;
  for (const auto& mount : container.mounts) {
    seen.push_back(mount.destination + ":" + mount.propagation);
    if (mount.propagation == "shared" || mount.propagation == "rshared") {
      shared.push_back(mount.destination);
    }
  }
  std::vector<audit::Evidence> evidence{{"Mounts[].Propagation", seen}};
  if (shared.empty()) return {Status::pass, "no mount propagates to the host", evidence};
  return {Status::fail,
          fmt::format("shared mount propagation on {}: mounts made inside reach the host",
                      fmt::join(shared, ", ")),
          evidence};
}

std::vector<audit::Result> evaluate_sensitive(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.sensitive-mounts", &judge_sensitive);
}

std::vector<audit::Result> evaluate_propagation(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.mount-propagation", &judge_propagation);
}

std::vector<audit::Result> evaluate_docker_socket(const snapshot::Snapshot& snapshot) {
  std::vector<std::string> sockets;
  for (const auto& socket : snapshot.daemon_sockets) sockets.push_back(canonical_host_path(socket));
  return judge_containers(snapshot, "container.docker-socket", [&](const auto& container) {
    for (const auto& mount : container.mounts) {
      if (mount.type != "bind") continue;
      const auto source = canonical_host_path(mount.source);
      for (const auto& socket : sockets) {
        if (!is_within(socket, source)) continue;
        return Judgement{
            Status::fail,
            fmt::format("mounts the daemon's socket {} (from {}): full control of the engine, "
                        "read-only or not",
                        socket, mount.source),
            bind_sources(container)};
      }
    }
    return Judgement{Status::pass, "does not mount the daemon's socket", bind_sources(container)};
  });
}

}  // namespace

const Check container_sensitive_mounts{
    .id = "container.sensitive-mounts",
    .title = "Containers do not mount sensitive host directories",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"5.6", "5.6", "5.6"},
    .rationale =
        "A container that mounts /, /etc, /proc, /sys, /dev, /boot, /lib or /usr from the host "
        "can read secrets or change the host outright; read-only still leaks /etc/shadow.",
    .remediation =
        "Mount only the data directories the workload needs, never system directories; use "
        "named volumes for application data.",
    .reads =
        "Mounts[] of every container, bind mounts judged by their host Source (from -v and "
        "--mount alike)",
    .evaluate = &evaluate_sensitive,
};

const Check container_mount_propagation{
    .id = "container.mount-propagation",
    .title = "No container mount uses shared propagation",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.20", "5.20", "5.20"},
    .rationale =
        "With shared propagation, mounts made inside the container appear on the host and the "
        "other way round.",
    .remediation = "Drop :shared / :rshared from -v, or bind-propagation=shared from --mount.",
    .reads = "Mounts[].Propagation and HostConfig.Mounts[].BindOptions.Propagation",
    .evaluate = &evaluate_propagation,
};

const Check container_docker_socket{
    .id = "container.docker-socket",
    .title = "Containers do not mount the Docker socket",
    .scope = audit::Scope::container,
    .severity = audit::Severity::critical,
    .level = 1,
    .cis = {"5.32", "5.32", "5.32"},
    .rationale =
        "Whoever can talk to the daemon's socket can start a privileged container and so owns "
        "the host; mounting it read-only does not change that.",
    .remediation =
        "Remove the bind mount of the socket (or of a directory holding it). Tools that need "
        "the API should use a narrowly scoped proxy.",
    .reads =
        "Mounts[] bind sources of every container against the sockets the daemon serves "
        "(/var/run and /run treated alike, parent directories included)",
    .evaluate = &evaluate_docker_socket,
};

}  // namespace dockaudit::checks
