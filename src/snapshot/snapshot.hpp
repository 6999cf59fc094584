// Everything the checks may look at, gathered once by collect. Plain data:
// checks are pure functions of it, and tests build it from fixtures.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/snapshot/daemon.hpp"
#include "src/snapshot/security_opt.hpp"

namespace dockaudit::snapshot {

// A value read from one source, or the reason it could not be read. "Could
// not look" must never be mistaken for "nothing there".
template <typename T>
struct Gathered {
  std::optional<T> value;
  std::string error;

  bool ok() const { return value.has_value(); }
  static Gathered failure(std::string reason) { return {std::nullopt, std::move(reason)}; }
};

struct Position {
  int line = 0;
  int column = 0;
};

// daemon.json as dockerd would see it at its next start.
struct DaemonConfig {
  enum class State {
    absent,      // no file: the daemon runs on its defaults
    unreadable,  // exists but could not be read (permissions, a directory)
    rejected,    // dockerd would refuse to start with it
    accepted,
  };

  std::string path;
  State state = State::absent;
  std::string problem;  // for unreadable and rejected
  Position position;    // for rejected: where dockerd's decoder stops
  nlohmann::json settings = nlohmann::json::object();  // only when accepted
  std::map<std::string, Position> key_positions;

  // The value of a top-level key, when the file is accepted and sets it.
  const nlohmann::json* setting(const std::string& key) const;
};

struct Engine {
  std::string endpoint;
  std::string api_version;     // negotiated from /_ping
  std::string server_version;  // /version Version
  std::string operating_system;
  std::vector<std::string> security_options;  // /info SecurityOptions, raw
  // /info values the effective daemon configuration is checked against;
  // nullopt or "" when the engine did not send them.
  std::optional<bool> live_restore_enabled;  // LiveRestoreEnabled
  std::optional<bool> debug;                 // Debug
  std::optional<bool> experimental_build;    // ExperimentalBuild
  std::string logging_driver;                // LoggingDriver
  std::string storage_driver;                // Driver
  std::string docker_root_dir;               // DockerRootDir

  bool has_security_option(const std::string& name) const;
};

struct Container {
  std::string id;
  std::string name;           // without the leading slash
  std::string image;          // Config.Image, as the user named it
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
};

struct HostFacts {
  Gathered<bool> apparmor_enabled;
  Gathered<bool> selinux_enabled;
};

// What dockerd runs with, and where each part was read.
struct Daemon {
  Gathered<DockerdProcess> process;
  Gathered<SystemdUnits> units;
  // Why daemon_config.path was read: "--daemon-config", "--config-file of
  // dockerd pid 123", "the default path".
  std::string config_path_reason;
  EffectiveConfig effective;
  std::vector<Listener> listeners;
};

struct Snapshot {
  DaemonConfig daemon_config;
  Daemon daemon;
  Gathered<Engine> engine;
  Gathered<std::vector<Container>> containers;
  HostFacts host;
};

}  // namespace dockaudit::snapshot
