// The host objects sections 1 and 3 of the CIS Docker Benchmark judge, found
// at the paths the running daemon uses: its units, sockets, config file and
// certificates, the docker group, the audit rules and the data root's
// filesystem. Every file is read below a root so tests can use fake trees.
#pragma once

#include <filesystem>
#include <string>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

inline constexpr const char* kEtcDocker = "/etc/docker";
inline constexpr const char* kRegistryCertificates = "/etc/docker/certs.d";
inline constexpr const char* kEtcDefaultDocker = "/etc/default/docker";
inline constexpr const char* kEtcSysconfigDocker = "/etc/sysconfig/docker";
inline constexpr const char* kSystemContainerdSocket = "/run/containerd/containerd.sock";
inline constexpr const char* kDefaultContainerdConfig = "/etc/containerd/config.toml";
inline constexpr const char* kStandardPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

struct HostInputs {
  std::filesystem::path root = "/";
  bool daemon_config_on_host = true;  // false when the user named the file (--daemon-config)
  bool ask_kernel = true;             // may run auditctl: a real audit of this machine
};

// Needs the daemon part of `snapshot` (units, effective config, process,
// sockets) and the engine's DockerRootDir; fills snapshot.docker_host.
void collect_docker_host(const HostInputs& inputs, snapshot::Snapshot& snapshot);

// The parts below are steps of collect_docker_host, tested alone.

// docker_host.cpp: the containerd socket dockerd talks to (engine-facts §2.4)
// and why that one.
std::pair<std::string, std::string> choose_containerd_socket(
    const std::filesystem::path& root, const snapshot::EffectiveConfig& config);

// docker_group.cpp: the socket's group (SocketGroup= under socket activation,
// else the effective 'group') and its members from /etc/group and /etc/passwd.
snapshot::Gathered<snapshot::DockerGroup> read_docker_group(const std::filesystem::path& root,
                                                            const snapshot::Daemon& daemon);

// data_root_mount.cpp: the mount holding `data_root` and the mount of /, by
// the longest mount point in /proc/self/mountinfo that contains the path.
snapshot::Gathered<snapshot::DataRootFilesystem> read_data_root_filesystem(
    const std::filesystem::path& root, const std::string& data_root);

// audit_targets.cpp: the objects 1.1.3 to 1.1.18 want audited; needs
// snapshot.docker_host.files.
snapshot::AuditTargets locate_audit_targets(const HostInputs& inputs,
                                            const snapshot::Snapshot& snapshot);

// DockerRootDir without the /<uid>.<gid> userns-remap adds to it.
std::string data_root_of(const snapshot::Engine& engine);

}  // namespace dockaudit::collect
