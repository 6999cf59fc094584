// The objects on the Docker host that sections 1 and 3 of the CIS Docker
// Benchmark judge, each at the path the running daemon really uses. Included
// by snapshot.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dockaudit::snapshot {

// One object on disk as stat(2) saw it.
struct FileStatus {
  enum class State {
    present,
    absent,      // nothing at the path: the optional object is not there
    unreadable,  // could not be looked at (permission, a path under a file)
  };
  enum class Type { regular, directory, socket, symlink, other };

  std::string path;       // as the audited host names it
  std::string chosen_by;  // why this path: "FragmentPath of docker.service"
  State state = State::absent;
  std::string error;  // for unreadable: the call and the reason
  Type type = Type::other;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::uint32_t mode = 0;  // permission bits with setuid, setgid and sticky (07777)
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
};

std::string to_string(FileStatus::Type type);

// The files one section-3 recommendation judges: none, one or several (the
// registry certificates, every socket the daemon serves).
struct FileSet {
  std::vector<FileStatus> files;
  std::string not_present;  // with no files: why there is nothing to judge
  std::string error;        // with no files: the list itself could not be read
  // Why the files dockerd really uses may be other ones: the settings that
  // name them could not be read ("" when they were).
  std::string doubt{};
};

struct HostFiles {
  FileSet docker_service;  // FragmentPath of docker.service
  FileSet docker_socket_unit;
  FileSet etc_docker;
  FileSet registry_certificates;  // every regular file in /etc/docker/certs.d/*/
  FileSet tls_ca_certificate;     // effective tlscacert, when TLS is configured
  FileSet tls_certificate;
  FileSet tls_key;
  FileSet docker_sockets;  // every unix socket served, one entry per file (dev+inode)
  FileSet daemon_json;     // the config file in force
  FileSet etc_default_docker;
  FileSet etc_sysconfig_docker;
  FileSet containerd_socket;  // the one dockerd talks to
};

// The group whose members may use the Docker socket.
struct DockerGroup {
  std::string name;
  std::string chosen_by;  // "effective 'group' (default)", "SocketGroup= of docker.socket"
  std::optional<std::uint32_t> gid;  // nullopt: /etc/group has no such group
  // "alice (/etc/group)", "bob (primary group in /etc/passwd)"
  std::vector<std::string> members;
  std::vector<std::string> member_names;  // the same accounts, bare: "alice", "bob"
  std::string doubt{};  // why dockerd may use another group ("" when its setting was read)
};

// A rule that makes auditd record access to a path.
struct AuditRule {
  enum class Kind {
    watch,       // -w PATH: a file, or a directory and everything below it
    path_field,  // -F path=PATH on a syscall rule: exactly that file
    dir_field,   // -F dir=PATH on a syscall rule: the directory and below
  };
  Kind kind = Kind::watch;
  std::string path;
  std::string text;    // the rule line as read
  std::string source;  // "auditctl -l", "/etc/audit/rules.d/docker.rules:3"
};

struct AuditRules {
  std::string source;  // "auditctl -l (live rules)" or the files read
  // Why the live rules were not used, when the files were read instead.
  std::string live_rules_problem;
  std::vector<AuditRule> rules;
};

// An object sections 1.1.3 to 1.1.18 want audited.
struct AuditTarget {
  std::string path;       // "" when it could not be located
  std::string real_path;  // the path with links resolved; may equal path
  std::string chosen_by;
  bool exists = false;
  std::string error;  // why it could not be located or looked at
  std::string doubt{};  // why dockerd may use another object ("" when its settings were read)
};

struct AuditTargets {
  AuditTarget dockerd;
  AuditTarget containerd_state;  // /run/containerd, or the state dir in use
  AuditTarget data_root;
  AuditTarget etc_docker;
  AuditTarget docker_service;
  AuditTarget containerd_socket;
  AuditTarget docker_socket_unit;
  std::vector<AuditTarget> docker_sockets;
  AuditTarget etc_default_docker;
  AuditTarget daemon_json;
  AuditTarget containerd_config;
  AuditTarget etc_sysconfig_docker;
  AuditTarget containerd;
  AuditTarget containerd_shim;
  AuditTarget containerd_shim_runc_v1;
  AuditTarget containerd_shim_runc_v2;
  AuditTarget runc;
};

// Where the data root lives: its mount against the mount of /.
struct DataRootFilesystem {
  std::string data_root;  // DockerRootDir without the userns-remap /<uid>.<gid>
  std::string mount_point;
  std::string device;  // "major:minor" from /proc/self/mountinfo
  std::string root_device;
};

}  // namespace dockaudit::snapshot
