// What the engine's host knows about a container beyond the API: read from
// /proc and the daemon's data root, never from inside the container.
#pragma once

#include <filesystem>
#include <string>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

// Fills no_new_privs_process (running containers) and no_new_privs_stored.
// `host_root` is "/" in a real audit; `docker_root` is /info DockerRootDir.
void read_container_host_facts(const std::filesystem::path& host_root,
                               const std::string& docker_root, snapshot::Container& container);

}  // namespace dockaudit::collect
