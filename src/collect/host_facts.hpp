// Facts about the machine the engine runs on, read from /sys.
#pragma once

#include <filesystem>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

// `root` lets tests point at a fake tree; it is "/" in a real audit.
snapshot::HostFacts read_host_facts(const std::filesystem::path& root = "/");

}  // namespace dockaudit::collect
