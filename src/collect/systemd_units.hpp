// docker.service and docker.socket as systemd would load them: the fragment
// from the first unit directory that has it, then the drop-ins. Read from
// the files, so it works offline and without a running systemd.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

inline constexpr const char* kDockerService = "docker.service";
inline constexpr const char* kDockerSocket = "docker.socket";

// Highest priority first (engine-facts §2.2, `systemd-analyze unit-paths`).
const std::vector<std::string>& unit_directories();

// One unit under `root`; nullopt when no unit directory holds its fragment.
std::optional<snapshot::SystemdUnit> read_unit(const std::filesystem::path& root,
                                               const std::string& name);

// docker.service and docker.socket. A host without them is not an error.
snapshot::SystemdUnits read_docker_units(const std::filesystem::path& root = "/");

// Splits an ExecStart= command line into words and expands $VAR (into
// several words) and ${VAR} (inside a word) from `environment`, as systemd
// does; the prefixes "-", "@", "+", "!", "!!" and ":" are dropped.
std::vector<std::string> expand_command_line(const std::string& line,
                                             const std::map<std::string, std::string>& environment);

}  // namespace dockaudit::collect
