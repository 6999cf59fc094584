// The running dockerd, its systemd units and the configuration it really runs
// with: built-in defaults, overlaid by daemon.json, overlaid by its flags, and
// corrected by what the engine reports. Included by snapshot.hpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockaudit::snapshot {

// Where an effective value comes from, weakest first.
enum class Origin { built_in_default, file, flag, engine };

std::string to_string(Origin origin);

struct Setting {
  nlohmann::json value;
  Origin origin = Origin::built_in_default;
  // For a reader to verify by hand: "/etc/docker/daemon.json:3:5",
  // "--icc=false (pid 123)", "default for Docker 20.10", "/info LiveRestoreEnabled".
  std::string source;
  // Why the daemon may not run with this value: its command line or its
  // daemon.json could not be read, so a flag or the file may override it.
  // "" when the value is known to be in force.
  std::string doubt{};
};

struct ConfigProblem {
  enum class Kind {
    flag_and_file,  // dockerd refuses to start at its next restart
    unknown_key,    // dockerd refuses to start at its next restart
    ignored_key,    // accepted by dockerd, and silently without effect
    unknown_flag,   // on the command line, unknown to dockaudit
    unit_problem,   // the systemd units would not start dockerd as written
    engine_drift,   // the running engine contradicts the files and flags
  };

  Kind kind = Kind::unknown_key;
  std::string key;      // the daemon.json key or flag concerned
  std::string message;  // a sentence naming the sources and values
};

std::string to_string(ConfigProblem::Kind kind);

struct EffectiveConfig {
  std::string engine_version;  // whose defaults were used; "" when unknown
  // Whose flags were merged: "pid 123 (/proc/123/cmdline)", "docker.service
  // ExecStart (<path>)", or "" when no flags could be read: values that only
  // a flag could set may then be wrong.
  std::string flags_source;
  // Why values not confirmed by the engine may not be in force ("" when the
  // command line and daemon.json of the audited dockerd were both read).
  std::string doubt{};
  std::map<std::string, Setting> settings;
  std::vector<ConfigProblem> problems;

  // The effective value of a daemon.json key, or nullptr when dockaudit does
  // not know it (neither a default it tracks nor set anywhere).
  const Setting* find(const std::string& key) const;
};

// The dockerd process behind the audited socket.
struct DockerdProcess {
  int pid = 0;
  std::string found_by;                // how this process was chosen, for evidence
  std::string executable;              // resolved /proc/<pid>/exe; "" when unreadable
  std::vector<std::string> arguments;  // /proc/<pid>/cmdline, argv[0] included
  std::string working_directory;       // /proc/<pid>/cwd, for relative paths
  // Only DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_MIN_API_VERSION, HOME,
  // ROOTLESSKIT_STATE_DIR and XDG_CONFIG_HOME: other values may hold secrets
  // (proxy credentials) and are never recorded.
  std::map<std::string, std::string> environment;
  std::optional<long> uid;  // real uid from /proc/<pid>/status
  // Parts that could not be read, each naming the file and the reason.
  std::vector<std::string> unreadable;
};

// A value from a unit file with the place that set it.
struct UnitValue {
  std::string value;
  std::string source;  // "/etc/systemd/system/docker.socket.d/tcp.conf:2"
};

struct SystemdUnit {
  std::string name;  // "docker.service"
  std::string fragment_path;
  std::vector<std::string> drop_in_paths;  // in the order systemd applies them
  // Each remaining ExecStart= command, split into words and expanded.
  std::vector<std::vector<std::string>> exec_start;
  std::map<std::string, std::string> environment;
  std::vector<UnitValue> listen_streams;
  std::optional<UnitValue> socket_mode;
  std::optional<UnitValue> socket_user;
  std::optional<UnitValue> socket_group;
  std::vector<std::string> problems;  // missing EnvironmentFile, several ExecStart
};

struct SystemdUnits {
  // Both absent (no unit found) on hosts without systemd or without the units.
  std::optional<SystemdUnit> service;
  std::optional<SystemdUnit> socket;
};

// An address the API listens on, resolved through fd:// to the socket unit.
struct Listener {
  std::string address;  // "unix:///run/docker.sock", "tcp://0.0.0.0:2375"
  std::string source;   // the setting or unit line that opened it
};

}  // namespace dockaudit::snapshot
