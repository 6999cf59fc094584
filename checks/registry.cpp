#include <algorithm>
#include <array>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

const std::array<const Check*, 9> kChecks{
    &daemon_config_file,     &daemon_userns_remap, &container_user,
    &container_memory_limit, &container_cpu_limit, &container_pids_limit,
    &container_privileged,   &container_apparmor,  &container_selinux,
};

}  // namespace

std::span<const Check* const> registry() { return kChecks; }

const Check* find_check(std::string_view id) {
  const auto found = std::find_if(kChecks.begin(), kChecks.end(),
                                  [&](const Check* check) { return check->id == id; });
  return found == kChecks.end() ? nullptr : *found;
}

}  // namespace dockaudit::checks
