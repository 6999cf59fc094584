#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

const std::array<const Check*, 9> kChecks{
    &daemon_config_file,     &daemon_userns_remap, &container_user,
    &container_memory_limit, &container_cpu_limit, &container_pids_limit,
    &container_privileged,   &container_apparmor,  &container_selinux,
};

}  // namespace

std::string describe_references(const Check& check) {
  const auto& cis = check.cis;
  if (cis.v1_6.empty() && cis.v1_7.empty() && cis.v1_8.empty()) return "";
  if (cis.v1_6 == cis.v1_7 && cis.v1_7 == cis.v1_8) {
    return fmt::format("CIS Docker 1.6.0–1.8.0 {}", cis.v1_8);
  }
  std::vector<std::string> parts;
  if (!cis.v1_6.empty()) parts.push_back(fmt::format("CIS Docker 1.6.0 {}", cis.v1_6));
  if (!cis.v1_7.empty()) parts.push_back(fmt::format("1.7.0 {}", cis.v1_7));
  if (!cis.v1_8.empty()) parts.push_back(fmt::format("1.8.0 {}", cis.v1_8));
  return fmt::format("{}", fmt::join(parts, ", "));
}

nlohmann::json references_json(const Check& check) {
  auto references = nlohmann::json::object();
  if (!check.cis.v1_6.empty()) references["cis-docker-1.6"] = check.cis.v1_6;
  if (!check.cis.v1_7.empty()) references["cis-docker-1.7"] = check.cis.v1_7;
  if (!check.cis.v1_8.empty()) references["cis-docker-1.8"] = check.cis.v1_8;
  return references;
}

std::span<const Check* const> registry() { return kChecks; }

const Check* find_check(std::string_view id) {
  const auto found = std::find_if(kChecks.begin(), kChecks.end(),
                                  [&](const Check* check) { return check->id == id; });
  return found == kChecks.end() ? nullptr : *found;
}

}  // namespace dockaudit::checks
