// The one list of every snapshot field and the JSON key it is saved under,
// used both to write a snapshot document and to read it back, so the two
// directions cannot drift apart. Each function takes the visitor and the
// struct, const when writing. A field added to a snapshot struct must be
// added here too, or an offline audit will not see it.
#pragma once

#include <array>
#include <string_view>
#include <type_traits>
#include <utility>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::snapshot {

template <typename Struct, typename Plain>
concept Is = std::same_as<std::remove_const_t<Struct>, Plain>;

// Enumerators are saved as words, so a document stays readable and a
// reordered enum cannot change what an old document means.
template <typename Enum, std::size_t N>
using EnumWords = std::array<std::pair<Enum, std::string_view>, N>;

inline constexpr auto enum_words(Origin) {
  return EnumWords<Origin, 4>{{{Origin::built_in_default, "built_in_default"},
                               {Origin::file, "file"},
                               {Origin::flag, "flag"},
                               {Origin::engine, "engine"}}};
}

inline constexpr auto enum_words(ConfigProblem::Kind) {
  using K = ConfigProblem::Kind;
  return EnumWords<K, 6>{{{K::flag_and_file, "flag_and_file"},
                          {K::unknown_key, "unknown_key"},
                          {K::ignored_key, "ignored_key"},
                          {K::unknown_flag, "unknown_flag"},
                          {K::unit_problem, "unit_problem"},
                          {K::engine_drift, "engine_drift"}}};
}

inline constexpr auto enum_words(DaemonConfig::State) {
  using S = DaemonConfig::State;
  return EnumWords<S, 4>{{{S::absent, "absent"},
                          {S::unreadable, "unreadable"},
                          {S::rejected, "rejected"},
                          {S::accepted, "accepted"}}};
}

inline constexpr auto enum_words(DaemonConfig::Quirk) {
  using Q = DaemonConfig::Quirk;
  return EnumWords<Q, 3>{{{Q::byte_order_mark, "byte_order_mark"},
                          {Q::empty, "empty"},
                          {Q::several_documents, "several_documents"}}};
}

inline constexpr auto enum_words(FileStatus::State) {
  using S = FileStatus::State;
  return EnumWords<S, 3>{
      {{S::present, "present"}, {S::absent, "absent"}, {S::unreadable, "unreadable"}}};
}

inline constexpr auto enum_words(FileStatus::Type) {
  using T = FileStatus::Type;
  return EnumWords<T, 5>{{{T::regular, "regular"},
                          {T::directory, "directory"},
                          {T::socket, "socket"},
                          {T::symlink, "symlink"},
                          {T::other, "other"}}};
}

inline constexpr auto enum_words(AuditRule::Kind) {
  using K = AuditRule::Kind;
  return EnumWords<K, 3>{
      {{K::watch, "watch"}, {K::path_field, "path_field"}, {K::dir_field, "dir_field"}}};
}

// snapshot.hpp

template <typename V, Is<Position> T>
void serialized_fields(V& v, T& s) {
  v("line", s.line);
  v("column", s.column);
}

template <typename V, Is<DaemonConfig> T>
void serialized_fields(V& v, T& s) {
  v("path", s.path);
  v("state", s.state);
  v("quirks", s.quirks);
  v("second_document", s.second_document);
  v("problem", s.problem);
  v("position", s.position);
  v("settings", s.settings);
  v("key_positions", s.key_positions);
}

template <typename V, Is<ObjectCounts> T>
void serialized_fields(V& v, T& s) {
  v("containers", s.containers);
  v("running", s.running);
  v("paused", s.paused);
  v("stopped", s.stopped);
  v("images", s.images);
}

template <typename V, Is<Engine> T>
void serialized_fields(V& v, T& s) {
  v("endpoint", s.endpoint);
  v("api_version", s.api_version);
  v("server_version", s.server_version);
  v("build_time", s.build_time);
  v("operating_system", s.operating_system);
  v("kernel_version", s.kernel_version);
  v("swarm_state", s.swarm_state);
  v("swarm_control_available", s.swarm_control_available);
  v("swarm_node_address", s.swarm_node_address);
  v("security_options", s.security_options);
  v("live_restore_enabled", s.live_restore_enabled);
  v("debug", s.debug);
  v("experimental_build", s.experimental_build);
  v("logging_driver", s.logging_driver);
  v("storage_driver", s.storage_driver);
  v("docker_root_dir", s.docker_root_dir);
  v("storage_status", s.storage_status);
  v("authorization_plugins", s.authorization_plugins);
  v("insecure_registry_cidrs", s.insecure_registry_cidrs);
  v("insecure_registries", s.insecure_registries);
  v("counts", s.counts);
}

template <typename V, Is<Mount> T>
void serialized_fields(V& v, T& s) {
  v("type", s.type);
  v("source", s.source);
  v("destination", s.destination);
  v("read_write", s.read_write);
  v("propagation", s.propagation);
}

template <typename V, Is<PortBinding> T>
void serialized_fields(V& v, T& s) {
  v("container_port", s.container_port);
  v("host_ip", s.host_ip);
  v("host_port", s.host_port);
}

template <typename V, Is<RestartPolicy> T>
void serialized_fields(V& v, T& s) {
  v("name", s.name);
  v("maximum_retry_count", s.maximum_retry_count);
}

template <typename V, Is<ExecInstance> T>
void serialized_fields(V& v, T& s) {
  v("id", s.id);
  v("privileged", s.privileged);
  v("user", s.user);
  v("command", s.command);
}

template <typename V, Is<SecurityOption> T>
void serialized_fields(V& v, T& s) {
  v("key", s.key);
  v("value", s.value);
  v("raw", s.raw);
}

template <typename V, Is<Container> T>
void serialized_fields(V& v, T& s) {
  v("id", s.id);
  v("name", s.name);
  v("image", s.image);
  v("labels", s.labels);
  v("state", s.state);
  v("inspect_error", s.inspect_error);
  v("user", s.user);
  v("privileged", s.privileged);
  v("memory", s.memory);
  v("nano_cpus", s.nano_cpus);
  v("cpu_quota", s.cpu_quota);
  v("cpuset_cpus", s.cpuset_cpus);
  v("pids_limit", s.pids_limit);
  v("security_options", s.security_options);
  v("apparmor_profile", s.apparmor_profile);
  v("process_label", s.process_label);
  v("image_id", s.image_id);
  v("pid", s.pid);
  v("cpu_shares", s.cpu_shares);
  v("cap_add", s.cap_add);
  v("cap_drop", s.cap_drop);
  v("mounts", s.mounts);
  v("network_mode", s.network_mode);
  v("pid_mode", s.pid_mode);
  v("ipc_mode", s.ipc_mode);
  v("uts_mode", s.uts_mode);
  v("userns_mode", s.userns_mode);
  v("networks", s.networks);
  v("ports", s.ports);
  v("publish_all_ports", s.publish_all_ports);
  v("readonly_rootfs", s.readonly_rootfs);
  v("restart_policy", s.restart_policy);
  v("devices", s.devices);
  v("device_cgroup_rules", s.device_cgroup_rules);
  v("ulimits", s.ulimits);
  v("cgroup_parent", s.cgroup_parent);
  v("healthcheck", s.healthcheck);
  v("health_status", s.health_status);
  v("exec_ids", s.exec_ids);
  v("processes", s.processes);
  v("execs", s.execs);
  v("no_new_privs_process", s.no_new_privs_process);
  v("no_new_privs_stored", s.no_new_privs_stored);
}

template <typename V, Is<HostFacts> T>
void serialized_fields(V& v, T& s) {
  v("apparmor_enabled", s.apparmor_enabled);
  v("selinux_enabled", s.selinux_enabled);
}

template <typename V, Is<Daemon> T>
void serialized_fields(V& v, T& s) {
  v("process", s.process);
  v("units", s.units);
  v("config_path_reason", s.config_path_reason);
  v("flags_unknown", s.flags_unknown);
  v("effective", s.effective);
  v("listeners", s.listeners);
}

template <typename V, Is<DockerHost> T>
void serialized_fields(V& v, T& s) {
  v("files", s.files);
  v("docker_group", s.docker_group);
  v("audit_rules", s.audit_rules);
  v("audit_targets", s.audit_targets);
  v("data_root_filesystem", s.data_root_filesystem);
}

template <typename V, Is<ClientEnvironment> T>
void serialized_fields(V& v, T& s) {
  v("docker_content_trust", s.docker_content_trust);
}

template <typename V, Is<Snapshot::DefaultBridge> T>
void serialized_fields(V& v, T& s) {
  v("icc", s.icc);
}

template <typename V, Is<Snapshot> T>
void serialized_fields(V& v, T& s) {
  v("collected_at", s.collected_at);
  v("daemon_config", s.daemon_config);
  v("daemon_sockets", s.daemon_sockets);
  v("daemon", s.daemon);
  v("engine", s.engine);
  v("default_bridge", s.default_bridge);
  v("containers", s.containers);
  v("images", s.images);
  v("swarm", s.swarm);
  v("host", s.host);
  v("docker_host", s.docker_host);
  v("client", s.client);
}

// daemon.hpp

template <typename V, Is<Setting> T>
void serialized_fields(V& v, T& s) {
  v("value", s.value);
  v("origin", s.origin);
  v("source", s.source);
  v("doubt", s.doubt);
}

template <typename V, Is<ConfigProblem> T>
void serialized_fields(V& v, T& s) {
  v("kind", s.kind);
  v("key", s.key);
  v("message", s.message);
}

template <typename V, Is<EffectiveConfig> T>
void serialized_fields(V& v, T& s) {
  v("engine_version", s.engine_version);
  v("flags_source", s.flags_source);
  v("doubt", s.doubt);
  v("settings", s.settings);
  v("problems", s.problems);
}

template <typename V, Is<DockerdProcess> T>
void serialized_fields(V& v, T& s) {
  v("pid", s.pid);
  v("found_by", s.found_by);
  v("executable", s.executable);
  v("arguments", s.arguments);
  v("working_directory", s.working_directory);
  v("environment", s.environment);
  v("uid", s.uid);
  v("unreadable", s.unreadable);
}

template <typename V, Is<UnitValue> T>
void serialized_fields(V& v, T& s) {
  v("value", s.value);
  v("source", s.source);
}

template <typename V, Is<SystemdUnit> T>
void serialized_fields(V& v, T& s) {
  v("name", s.name);
  v("fragment_path", s.fragment_path);
  v("drop_in_paths", s.drop_in_paths);
  v("exec_start", s.exec_start);
  v("environment", s.environment);
  v("listen_streams", s.listen_streams);
  v("socket_mode", s.socket_mode);
  v("socket_user", s.socket_user);
  v("socket_group", s.socket_group);
  v("problems", s.problems);
}

template <typename V, Is<SystemdUnits> T>
void serialized_fields(V& v, T& s) {
  v("service", s.service);
  v("socket", s.socket);
}

template <typename V, Is<Listener> T>
void serialized_fields(V& v, T& s) {
  v("address", s.address);
  v("source", s.source);
}

// host.hpp

template <typename V, Is<FileStatus> T>
void serialized_fields(V& v, T& s) {
  v("path", s.path);
  v("chosen_by", s.chosen_by);
  v("state", s.state);
  v("error", s.error);
  v("type", s.type);
  v("uid", s.uid);
  v("gid", s.gid);
  v("mode", s.mode);
  v("device", s.device);
  v("inode", s.inode);
}

template <typename V, Is<FileSet> T>
void serialized_fields(V& v, T& s) {
  v("files", s.files);
  v("not_present", s.not_present);
  v("error", s.error);
  v("doubt", s.doubt);
}

template <typename V, Is<HostFiles> T>
void serialized_fields(V& v, T& s) {
  v("docker_service", s.docker_service);
  v("docker_socket_unit", s.docker_socket_unit);
  v("etc_docker", s.etc_docker);
  v("registry_certificates", s.registry_certificates);
  v("tls_ca_certificate", s.tls_ca_certificate);
  v("tls_certificate", s.tls_certificate);
  v("tls_key", s.tls_key);
  v("docker_sockets", s.docker_sockets);
  v("daemon_json", s.daemon_json);
  v("etc_default_docker", s.etc_default_docker);
  v("etc_sysconfig_docker", s.etc_sysconfig_docker);
  v("containerd_socket", s.containerd_socket);
}

template <typename V, Is<DockerGroup> T>
void serialized_fields(V& v, T& s) {
  v("name", s.name);
  v("chosen_by", s.chosen_by);
  v("gid", s.gid);
  v("members", s.members);
  v("member_names", s.member_names);
  v("doubt", s.doubt);
}

template <typename V, Is<AuditRule> T>
void serialized_fields(V& v, T& s) {
  v("kind", s.kind);
  v("path", s.path);
  v("text", s.text);
  v("source", s.source);
}

template <typename V, Is<AuditRules> T>
void serialized_fields(V& v, T& s) {
  v("source", s.source);
  v("live_rules_problem", s.live_rules_problem);
  v("rules", s.rules);
}

template <typename V, Is<AuditTarget> T>
void serialized_fields(V& v, T& s) {
  v("path", s.path);
  v("real_path", s.real_path);
  v("chosen_by", s.chosen_by);
  v("exists", s.exists);
  v("error", s.error);
  v("doubt", s.doubt);
}

template <typename V, Is<AuditTargets> T>
void serialized_fields(V& v, T& s) {
  v("dockerd", s.dockerd);
  v("containerd_state", s.containerd_state);
  v("data_root", s.data_root);
  v("etc_docker", s.etc_docker);
  v("docker_service", s.docker_service);
  v("containerd_socket", s.containerd_socket);
  v("docker_socket_unit", s.docker_socket_unit);
  v("docker_sockets", s.docker_sockets);
  v("etc_default_docker", s.etc_default_docker);
  v("daemon_json", s.daemon_json);
  v("containerd_config", s.containerd_config);
  v("etc_sysconfig_docker", s.etc_sysconfig_docker);
  v("containerd", s.containerd);
  v("containerd_shim", s.containerd_shim);
  v("containerd_shim_runc_v1", s.containerd_shim_runc_v1);
  v("containerd_shim_runc_v2", s.containerd_shim_runc_v2);
  v("runc", s.runc);
}

template <typename V, Is<DataRootFilesystem> T>
void serialized_fields(V& v, T& s) {
  v("data_root", s.data_root);
  v("mount_point", s.mount_point);
  v("device", s.device);
  v("root_device", s.root_device);
}

// swarm.hpp

template <typename V, Is<SwarmCluster> T>
void serialized_fields(V& v, T& s) {
  v("id", s.id);
  v("autolock_managers", s.autolock_managers);
  v("node_cert_expiry", s.node_cert_expiry);
  v("external_ca_count", s.external_ca_count);
  v("cert_issuer_subject", s.cert_issuer_subject);
  v("root_rotation_in_progress", s.root_rotation_in_progress);
  v("created_at", s.created_at);
  v("updated_at", s.updated_at);
}

template <typename V, Is<SwarmNode> T>
void serialized_fields(V& v, T& s) {
  v("id", s.id);
  v("hostname", s.hostname);
  v("role", s.role);
  v("address", s.address);
  v("manager_address", s.manager_address);
  v("leader", s.leader);
}

template <typename V, Is<OverlayNetwork> T>
void serialized_fields(V& v, T& s) {
  v("id", s.id);
  v("name", s.name);
  v("encrypted", s.encrypted);
  v("ingress", s.ingress);
}

template <typename V, Is<SwarmSecret> T>
void serialized_fields(V& v, T& s) {
  v("id", s.id);
  v("name", s.name);
  v("created_at", s.created_at);
}

template <typename V, Is<Swarm> T>
void serialized_fields(V& v, T& s) {
  v("cluster", s.cluster);
  v("nodes", s.nodes);
  v("overlay_networks", s.overlay_networks);
  v("secrets", s.secrets);
  v("not_manager", s.not_manager);
}

// image.hpp

template <typename V, Is<HistoryStep> T>
void serialized_fields(V& v, T& s) {
  v("created_by", s.created_by);
  v("created", s.created);
}

template <typename V, Is<Image> T>
void serialized_fields(V& v, T& s) {
  v("id", s.id);
  v("repo_tags", s.repo_tags);
  v("repo_digests", s.repo_digests);
  v("created", s.created);
  v("inspect_error", s.inspect_error);
  v("user", s.user);
  v("healthcheck", s.healthcheck);
  v("env", s.env);
  v("labels", s.labels);
  v("history", s.history);
}

}  // namespace dockaudit::snapshot
