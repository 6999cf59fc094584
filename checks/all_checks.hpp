// The checks the registry lists; each is defined in its own file.
#pragma once

#include "checks/check.hpp"

namespace dockaudit::checks {

extern const Check daemon_config_file;
extern const Check daemon_userns_remap;
extern const Check container_user;
extern const Check container_memory_limit;
extern const Check container_cpu_limit;
extern const Check container_pids_limit;
extern const Check container_privileged;
extern const Check container_apparmor;
extern const Check container_selinux;

}  // namespace dockaudit::checks
