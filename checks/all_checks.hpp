// The checks the registry lists; each is defined in its own file (or beside
// the few it is tightly related to).
#pragma once

#include "checks/check.hpp"

namespace dockaudit::checks {

// Section 1 (host) and section 3 (files)
extern const Check host_data_root_partition;
extern const Check host_docker_group;
extern const Check host_audit_dockerd;
extern const Check host_audit_containerd_state;
extern const Check host_audit_data_root;
extern const Check host_audit_etc_docker;
extern const Check host_audit_docker_service;
extern const Check host_audit_containerd_socket;
extern const Check host_audit_docker_socket_unit;
extern const Check host_audit_docker_sock;
extern const Check host_audit_etc_default_docker;
extern const Check host_audit_daemon_json;
extern const Check host_audit_containerd_config;
extern const Check host_audit_etc_sysconfig_docker;
extern const Check host_audit_containerd;
extern const Check host_audit_containerd_shim;
extern const Check host_audit_containerd_shim_runc_v1;
extern const Check host_audit_containerd_shim_runc_v2;
extern const Check host_audit_runc;
extern const Check host_os_hardened;
extern const Check host_engine_current;
extern const Check files_docker_service_owner;
extern const Check files_docker_service_mode;
extern const Check files_docker_socket_owner;
extern const Check files_docker_socket_mode;
extern const Check files_etc_docker_owner;
extern const Check files_etc_docker_mode;
extern const Check files_registry_certs_owner;
extern const Check files_registry_certs_mode;
extern const Check files_tls_ca_owner;
extern const Check files_tls_ca_mode;
extern const Check files_tls_cert_owner;
extern const Check files_tls_cert_mode;
extern const Check files_tls_key_owner;
extern const Check files_tls_key_mode;
extern const Check files_docker_sock_owner;
extern const Check files_docker_sock_mode;
extern const Check files_daemon_json_owner;
extern const Check files_daemon_json_mode;
extern const Check files_etc_default_docker_owner;
extern const Check files_etc_default_docker_mode;
extern const Check files_etc_sysconfig_docker_mode;
extern const Check files_etc_sysconfig_docker_owner;
extern const Check files_containerd_sock_owner;
extern const Check files_containerd_sock_mode;

extern const Check daemon_config_file;
extern const Check daemon_config_drift;
extern const Check daemon_rootless;
extern const Check daemon_icc;
extern const Check daemon_log_level;
extern const Check daemon_iptables;
extern const Check daemon_insecure_registries;
extern const Check daemon_storage_aufs;
extern const Check daemon_storage_devicemapper;
extern const Check daemon_tcp_tls;
extern const Check daemon_default_ulimits;
extern const Check daemon_userns_remap;
extern const Check daemon_cgroup_parent;
extern const Check daemon_base_device_size;
extern const Check daemon_authorization_plugin;
extern const Check daemon_remote_logging;
extern const Check daemon_no_new_privileges;
extern const Check daemon_live_restore;
extern const Check daemon_userland_proxy;
extern const Check daemon_seccomp_profile;
extern const Check daemon_experimental;
extern const Check daemon_swarm_mode;

extern const Check container_user;
extern const Check container_apparmor;
extern const Check container_selinux;
extern const Check container_capabilities;
extern const Check container_privileged;
extern const Check container_sensitive_mounts;
extern const Check container_sshd;
extern const Check container_privileged_ports;
extern const Check container_ports_needed;
extern const Check container_host_network;
extern const Check container_memory_limit;
extern const Check container_cpu_limit;
extern const Check container_cpu_priority;
extern const Check container_readonly_rootfs;
extern const Check container_port_interface;
extern const Check container_restart_policy;
extern const Check container_host_pid;
extern const Check container_host_ipc;
extern const Check container_devices;
extern const Check container_ulimits;
extern const Check container_mount_propagation;
extern const Check container_host_uts;
extern const Check container_seccomp;
extern const Check container_exec_privileged;
extern const Check container_exec_root;
extern const Check container_cgroup_parent;
extern const Check container_no_new_privileges;
extern const Check container_healthcheck;
extern const Check container_pids_limit;
extern const Check container_default_bridge;
extern const Check container_host_userns;
extern const Check container_docker_socket;

extern const Check image_user;
extern const Check image_trusted_base;
extern const Check image_minimal_packages;
extern const Check image_rebuilt;
extern const Check image_content_trust;
extern const Check image_healthcheck;
extern const Check image_update_alone;
extern const Check image_setuid;
extern const Check image_add_instruction;
extern const Check image_secrets;
extern const Check image_verified_packages;
extern const Check image_signed_artifacts;
extern const Check ops_image_sprawl;
extern const Check ops_container_sprawl;
extern const Check swarm_manager_count;
extern const Check swarm_listen_interface;
extern const Check swarm_overlay_encryption;
extern const Check swarm_secrets;
extern const Check swarm_autolock;
extern const Check swarm_autolock_key_rotation;
extern const Check swarm_node_cert_rotation;
extern const Check swarm_ca_rotation;
extern const Check swarm_plane_separation;

}  // namespace dockaudit::checks
