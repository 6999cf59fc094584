#include <algorithm>

#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

// In benchmark order, section by section.
// clang-format off
const Check* const kChecks[] = {
    // Section 1 (host)
    &host_data_root_partition,
    &host_docker_group,
    &host_audit_dockerd,
    &host_audit_containerd_state,
    &host_audit_data_root,
    &host_audit_etc_docker,
    &host_audit_docker_service,
    &host_audit_containerd_socket,
    &host_audit_docker_socket_unit,
    &host_audit_docker_sock,
    &host_audit_etc_default_docker,
    &host_audit_daemon_json,
    &host_audit_containerd_config,
    &host_audit_etc_sysconfig_docker,
    &host_audit_containerd,
    &host_audit_containerd_shim,
    &host_audit_containerd_shim_runc_v1,
    &host_audit_containerd_shim_runc_v2,
    &host_audit_runc,
    &host_os_hardened,
    &host_engine_current,
    &host_mac_enabled,
    // Section 2 (daemon configuration) and dockaudit's own daemon checks
    &daemon_config_file,
    &daemon_config_drift,
    &daemon_rootless,
    &daemon_icc,
    &daemon_log_level,
    &daemon_iptables,
    &daemon_insecure_registries,
    &daemon_storage_aufs,
    &daemon_storage_devicemapper,
    &daemon_tcp_tls,
    &daemon_default_ulimits,
    &daemon_userns_remap,
    &daemon_cgroup_parent,
    &daemon_base_device_size,
    &daemon_authorization_plugin,
    &daemon_remote_logging,
    &daemon_no_new_privileges,
    &daemon_live_restore,
    &daemon_userland_proxy,
    &daemon_seccomp_profile,
    &daemon_experimental,
    // Section 3 (configuration files)
    &files_docker_service_owner,
    &files_docker_service_mode,
    &files_docker_socket_owner,
    &files_docker_socket_mode,
    &files_etc_docker_owner,
    &files_etc_docker_mode,
    &files_registry_certs_owner,
    &files_registry_certs_mode,
    &files_tls_ca_owner,
    &files_tls_ca_mode,
    &files_tls_cert_owner,
    &files_tls_cert_mode,
    &files_tls_key_owner,
    &files_tls_key_mode,
    &files_docker_sock_owner,
    &files_docker_sock_mode,
    &files_daemon_json_owner,
    &files_daemon_json_mode,
    &files_etc_default_docker_owner,
    &files_etc_default_docker_mode,
    &files_etc_sysconfig_docker_mode,
    &files_etc_sysconfig_docker_owner,
    &files_containerd_sock_owner,
    &files_containerd_sock_mode,
    // Section 4 (images)
    &image_user,
    &image_trusted_base,
    &image_minimal_packages,
    &image_rebuilt,
    &image_content_trust,
    &image_healthcheck,
    &image_update_alone,
    &image_setuid,
    &image_add_instruction,
    &image_secrets,
    &image_verified_packages,
    &image_signed_artifacts,
    // Section 5 (container runtime)
    &daemon_swarm_mode,
    &container_user,
    &container_apparmor,
    &container_selinux,
    &container_capabilities,
    &container_privileged,
    &container_sensitive_mounts,
    &container_sshd,
    &container_privileged_ports,
    &container_ports_needed,
    &container_host_network,
    &container_memory_limit,
    &container_cpu_limit,
    &container_cpu_priority,
    &container_readonly_rootfs,
    &container_port_interface,
    &container_restart_policy,
    &container_host_pid,
    &container_host_ipc,
    &container_devices,
    &container_ulimits,
    &container_mount_propagation,
    &container_host_uts,
    &container_seccomp,
    &container_exec_privileged,
    &container_exec_root,
    &container_cgroup_parent,
    &container_no_new_privileges,
    &container_healthcheck,
    &container_image_current,
    &container_pids_limit,
    &container_default_bridge,
    &container_host_userns,
    &container_docker_socket,
    // Section 6 (security operations)
    &ops_image_sprawl,
    &ops_container_sprawl,
    &ops_incident_response,
    &ops_backups,
    // Section 7 (swarm)
    &swarm_manager_count,
    &swarm_listen_interface,
    &swarm_overlay_encryption,
    &swarm_secrets,
    &swarm_autolock,
    &swarm_autolock_key_rotation,
    &swarm_node_cert_rotation,
    &swarm_ca_rotation,
    &swarm_plane_separation,
};
// clang-format on

}  // namespace

std::string level_name(const Check& check) {
  return check.scope == audit::Scope::swarm ? "swarm" : std::to_string(check.level);
}

std::string describe_references(const Check& check) {
  // Consecutive versions that number the item alike are named together:
  // "CIS Docker 1.6.0–1.7.0 2.7, 1.8.0 2.8".
  const std::pair<std::string_view, std::string_view> versions[] = {
      {"1.6.0", check.cis.v1_6}, {"1.7.0", check.cis.v1_7}, {"1.8.0", check.cis.v1_8}};
  std::vector<std::string> parts;
  for (std::size_t first = 0; first < std::size(versions);) {
    auto last = first;
    while (last + 1 < std::size(versions) && versions[last + 1].second == versions[first].second) {
      ++last;
    }
    const auto [name, number] = versions[first];
    if (!number.empty()) {
      parts.push_back(first == last
                          ? fmt::format("{} {}", name, number)
                          : fmt::format("{}–{} {}", name, versions[last].first, number));
    }
    first = last + 1;
  }
  if (parts.empty()) return "";
  return fmt::format("CIS Docker {}", fmt::join(parts, ", "));
}

nlohmann::json references_json(const Check& check) {
  auto references = nlohmann::json::object();
  if (!check.cis.v1_6.empty()) references["cis-docker-1.6"] = check.cis.v1_6;
  if (!check.cis.v1_7.empty()) references["cis-docker-1.7"] = check.cis.v1_7;
  if (!check.cis.v1_8.empty()) references["cis-docker-1.8"] = check.cis.v1_8;
  return references;
}

std::vector<audit::Result> run(const Check& check, const snapshot::Snapshot& snapshot,
                               const Parameters& parameters) {
  if (check.evaluate_with) return check.evaluate_with(snapshot, parameters);
  return check.evaluate(snapshot);
}

std::span<const Check* const> registry() { return kChecks; }

const Check* find_check(std::string_view id) {
  const auto found = std::find_if(std::begin(kChecks), std::end(kChecks),
                                  [&](const Check* check) { return check->id == id; });
  return found == std::end(kChecks) ? nullptr : *found;
}

}  // namespace dockaudit::checks
