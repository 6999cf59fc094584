// The checks the registry lists; each is defined in its own file (or beside
// the few it is tightly related to).
#pragma once

#include "checks/check.hpp"

namespace dockaudit::checks {

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

}  // namespace dockaudit::checks
