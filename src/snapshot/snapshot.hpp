// Everything the checks may look at, gathered once by collect. Plain data:
// checks are pure functions of it, and tests build it from fixtures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/snapshot/daemon.hpp"
#include "src/snapshot/host.hpp"
#include "src/snapshot/gathered.hpp"
#include "src/snapshot/image.hpp"
#include "src/snapshot/security_opt.hpp"
#include "src/snapshot/swarm.hpp"

namespace dockaudit::snapshot {

struct Position {
  int line = 0;
  int column = 0;
};

// Go's encoding/json refuses input nested deeper than this, so no daemon.json
// dockerd starts with is deeper.
inline constexpr std::size_t kMaxDaemonConfigDepth = 10000;

// daemon.json as dockerd would see it at its next start.
struct DaemonConfig {
  enum class State {
    absent,      // no file: the daemon runs on its defaults
    unreadable,  // exists but could not be read (permissions, a directory)
    rejected,    // dockerd would refuse to start with it
    accepted,
  };

  // Inputs whose fate depends on the engine version: dockerd 23.0 and later
  // accept a byte-order mark and an empty file but refuse a second document;
  // 20.10 refuses the first two and uses only the first document.
  enum class Quirk { byte_order_mark, empty, several_documents };

  std::string path;
  State state = State::absent;
  std::vector<Quirk> quirks;
  Position second_document;  // for several_documents
  std::string problem;       // for unreadable and rejected
  Position position;         // for rejected: where dockerd's decoder stops
  nlohmann::json settings = nlohmann::json::object();  // only when accepted
  std::map<std::string, Position> key_positions;

  // The value of a top-level key, when the file is accepted and sets it.
  const nlohmann::json* setting(const std::string& key) const;
};

// /info object counts; nullopt when the engine did not send the number.
struct ObjectCounts {
  std::optional<std::int64_t> containers;  // Containers
  std::optional<std::int64_t> running;     // ContainersRunning
  std::optional<std::int64_t> paused;      // ContainersPaused
  std::optional<std::int64_t> stopped;     // ContainersStopped: exited, created and dead
  std::optional<std::int64_t> images;      // Images, intermediate layers included
};

struct Engine {
  std::string endpoint;
  std::string api_version;     // negotiated from /_ping
  std::string server_version;  // /version Version
  std::string build_time;      // /version BuildTime, "2026-05-07T21:09:36.000000000+00:00"
  std::string operating_system;
  std::string kernel_version;                   // /info KernelVersion
  std::string swarm_state;                      // /info Swarm.LocalNodeState
  std::optional<bool> swarm_control_available;  // /info Swarm.ControlAvailable: a manager
  std::string swarm_node_address;               // /info Swarm.NodeAddr, the advertised one
  std::vector<std::string> security_options;    // /info SecurityOptions, raw
  // /info values the effective daemon configuration is checked against;
  // nullopt or "" when the engine did not send them.
  std::optional<bool> live_restore_enabled;          // LiveRestoreEnabled
  std::optional<bool> debug;                         // Debug
  std::optional<bool> experimental_build;            // ExperimentalBuild
  std::string logging_driver;                        // LoggingDriver
  std::string storage_driver;                        // Driver
  std::string docker_root_dir;                       // DockerRootDir
  std::vector<std::string> storage_status;           // DriverStatus as "name: value"
  std::vector<std::string> authorization_plugins;    // Plugins.Authorization
  std::vector<std::string> insecure_registry_cidrs;  // RegistryConfig.InsecureRegistryCIDRs
  std::vector<std::string> insecure_registries;      // IndexConfigs entries with Secure false
  ObjectCounts counts;

  bool has_security_option(const std::string& name) const;
};

// One filesystem mount as the engine reports it (top-level Mounts[]), with
// the propagation HostConfig.Mounts asked for where that is stricter.
struct Mount {
  std::string type;    // bind, volume, tmpfs
  std::string source;  // the host path, for binds
  std::string destination;
  bool read_write = true;
  std::string propagation;
};

// A published port: HostIp "" means every address, like 0.0.0.0 and ::.
struct PortBinding {
  std::string container_port;  // "80/tcp"
  std::string host_ip;
  std::string host_port;
};

struct RestartPolicy {
  std::string name;  // "no", "always", "unless-stopped", "on-failure"; "" = no
  std::int64_t maximum_retry_count = 0;
};

// Exec instances the engine still tracks for a container (GET /exec/{id}/json).
struct ExecInstance {
  std::string id;
  bool privileged = false;
  std::string user;  // "" = the container's user
  std::string command;
};

struct Container {
  std::string id;
  std::string name;           // without the leading slash
  std::string image;          // Config.Image, as the user named it
  std::map<std::string, std::string> labels;  // Config.Labels: scoped parameters, waivers
  std::string state;          // State.Status
  std::string inspect_error;  // set when inspect failed; other fields then empty

  std::string user;  // Config.User
  bool privileged = false;
  std::int64_t memory = 0;
  std::int64_t nano_cpus = 0;
  std::int64_t cpu_quota = 0;
  std::string cpuset_cpus;
  std::optional<std::int64_t> pids_limit;  // null or absent: nullopt
  std::vector<SecurityOption> security_options;
  std::string apparmor_profile;
  std::string process_label;

  std::string image_id;  // "Image": the sha256 id the container was created from
  std::int64_t pid = 0;  // State.Pid; 0 when not running
  std::int64_t cpu_shares = 0;
  std::vector<std::string> cap_add;   // normalised: upper case, CAP_ prefix, ALL
  std::vector<std::string> cap_drop;  // normalised likewise
  std::vector<Mount> mounts;
  std::string network_mode;
  std::string pid_mode;
  std::string ipc_mode;
  std::string uts_mode;
  std::string userns_mode;
  std::vector<std::string> networks;  // names of attached networks
  std::vector<PortBinding> ports;     // published ports, configured or live
  bool publish_all_ports = false;
  bool readonly_rootfs = false;
  RestartPolicy restart_policy;
  std::vector<std::string> devices;  // "host-path:container-path:permissions"
  std::vector<std::string> device_cgroup_rules;
  std::vector<std::string> ulimits;  // "nofile=soft:hard"
  std::string cgroup_parent;
  std::optional<std::vector<std::string>> healthcheck;  // Config.Healthcheck.Test
  std::string health_status;                            // State.Health.Status
  std::vector<std::string> exec_ids;

  // Gathered from further engine calls. Neither value nor error: not
  // gathered because it does not apply (processes of a stopped container).
  Gathered<std::vector<std::string>> processes;  // GET /top commands; running only
  Gathered<std::vector<ExecInstance>> execs;

  // Read on the engine's host. The flag of the running process (from
  // /proc/<pid>/status NoNewPrivs), and the daemon default copied into
  // <DockerRootDir>/containers/<id>/config.v2.json when it was created.
  Gathered<bool> no_new_privs_process;
  Gathered<bool> no_new_privs_stored;
};

struct HostFacts {
  Gathered<bool> apparmor_enabled;
  Gathered<bool> selinux_enabled;
};

// Daemon::config_path_reason when the user named the daemon.json to check.
inline constexpr const char* kConfigNamedByUser = "--daemon-config";

// What dockerd runs with, and where each part was read.
struct Daemon {
  Gathered<DockerdProcess> process;
  Gathered<SystemdUnits> units;
  // Why daemon_config.path was read: "--daemon-config", "--config-file of
  // dockerd pid 123", "the default path".
  std::string config_path_reason;
  // Why the command line of the dockerd behind the audited socket is not
  // known ("" when it was read from the process or a unit that serves the
  // socket): its flags, and which daemon.json it reads, are then guesses.
  std::string flags_unknown;
  EffectiveConfig effective;
  std::vector<Listener> listeners;
};

// The host objects sections 1 and 3 of the CIS Docker Benchmark judge.
struct DockerHost {
  HostFiles files;
  Gathered<DockerGroup> docker_group;
  Gathered<AuditRules> audit_rules;
  AuditTargets audit_targets;
  Gathered<DataRootFilesystem> data_root_filesystem;
};

// Settings of the docker client that only the environment of whoever runs
// docker can show; dockaudit sees its own environment, passed in at collect.
struct ClientEnvironment {
  std::optional<std::string> docker_content_trust;  // DOCKER_CONTENT_TRUST; nullopt = unset
};

struct Snapshot {
  // When collect began, in seconds since the epoch (UTC); checks that judge
  // an age measure it from here, so an offline audit ages nothing.
  std::int64_t collected_at = 0;
  DaemonConfig daemon_config;
  // Unix sockets the daemon is known to serve: the one audited, at least.
  std::vector<std::string> daemon_sockets;
  Daemon daemon;
  Gathered<Engine> engine;
  // The default bridge network: no value and no error when there is none
  // (bridge: none); its enable_icc option when there is one.
  struct DefaultBridge {
    std::optional<bool> icc;  // nullopt when the network does not say
  };
  Gathered<DefaultBridge> default_bridge;
  Gathered<std::vector<Container>> containers;
  Gathered<std::vector<Image>> images;  // top-level images, as `docker images` lists them
  Swarm swarm;
  HostFacts host;
  DockerHost docker_host;
  ClientEnvironment client;
};

}  // namespace dockaudit::snapshot
