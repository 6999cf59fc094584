#include "src/collect/inspect_mapping.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "src/snapshot/capabilities.hpp"

namespace dockaudit::collect {

namespace {

using nlohmann::json;

const json* find(const json& document, const char* pointer) {
  const json::json_pointer path(pointer);
  if (!document.contains(path)) return nullptr;
  return &document.at(path);
}

std::string text_at(const json& document, const char* pointer) {
  const auto* value = find(document, pointer);
  return value && value->is_string() ? value->get<std::string>() : std::string();
}

std::int64_t number_at(const json& document, const char* pointer) {
  const auto* value = find(document, pointer);
  return value && value->is_number_integer() ? value->get<std::int64_t>() : 0;
}

bool flag_at(const json& document, const char* pointer) {
  const auto* value = find(document, pointer);
  return value && value->is_boolean() && value->get<bool>();
}

std::optional<bool> optional_flag_at(const json& document, const char* pointer) {
  const auto* value = find(document, pointer);
  if (!value || !value->is_boolean()) return std::nullopt;
  return value->get<bool>();
}

std::optional<std::int64_t> optional_number_at(const json& document, const char* pointer) {
  const auto* value = find(document, pointer);
  if (!value || !value->is_number_integer()) return std::nullopt;
  return value->get<std::int64_t>();
}

std::vector<std::string> texts_at(const json& document, const char* pointer) {
  std::vector<std::string> texts;
  const auto* value = find(document, pointer);
  if (!value || !value->is_array()) return texts;
  for (const auto& item : *value) {
    if (item.is_string()) texts.push_back(item.get<std::string>());
  }
  return texts;
}

std::vector<snapshot::Mount> map_mounts(const json& inspect) {
  std::vector<snapshot::Mount> mounts;
  const auto* listed = find(inspect, "/Mounts");
  if (!listed || !listed->is_array()) return mounts;
  for (const auto& entry : *listed) {
    snapshot::Mount mount;
    mount.type = text_at(entry, "/Type");
    mount.source = text_at(entry, "/Source");
    mount.destination = text_at(entry, "/Destination");
    const auto* rw = find(entry, "/RW");
    mount.read_write = !rw || !rw->is_boolean() || rw->get<bool>();
    mount.propagation = text_at(entry, "/Propagation");
    mounts.push_back(std::move(mount));
  }
  // --mount bind-propagation=... is recorded in HostConfig.Mounts; the
  // top-level entry may leave it empty for containers not yet started.
  const auto* requested = find(inspect, "/HostConfig/Mounts");
  if (!requested || !requested->is_array()) return mounts;
  for (const auto& entry : *requested) {
    const auto propagation = text_at(entry, "/BindOptions/Propagation");
    if (propagation.empty()) continue;
    for (auto& mount : mounts) {
      if (mount.destination == text_at(entry, "/Target") && mount.propagation.empty()) {
        mount.propagation = propagation;
      }
    }
  }
  return mounts;
}

std::vector<snapshot::PortBinding> map_port_table(const json* table) {
  std::vector<snapshot::PortBinding> ports;
  if (!table || !table->is_object()) return ports;
  for (const auto& [container_port, bindings] : table->items()) {
    if (!bindings.is_array()) continue;  // null: exposed, not published
    for (const auto& binding : bindings) {
      ports.push_back({container_port, text_at(binding, "/HostIp"), text_at(binding, "/HostPort")});
    }
  }
  return ports;
}

// Live bindings for running containers; the configured ones otherwise, so a
// stopped container's ports are still judged.
std::vector<snapshot::PortBinding> map_ports(const json& inspect) {
  auto live = map_port_table(find(inspect, "/NetworkSettings/Ports"));
  if (!live.empty()) return live;
  return map_port_table(find(inspect, "/HostConfig/PortBindings"));
}

std::vector<std::string> map_devices(const json& inspect) {
  std::vector<std::string> devices;
  const auto* listed = find(inspect, "/HostConfig/Devices");
  if (!listed || !listed->is_array()) return devices;
  for (const auto& device : *listed) {
    devices.push_back(text_at(device, "/PathOnHost") + ":" + text_at(device, "/PathInContainer") +
                      ":" + text_at(device, "/CgroupPermissions"));
  }
  return devices;
}

std::vector<std::string> map_ulimits(const json& inspect) {
  std::vector<std::string> ulimits;
  const auto* listed = find(inspect, "/HostConfig/Ulimits");
  if (!listed || !listed->is_array()) return ulimits;
  for (const auto& limit : *listed) {
    ulimits.push_back(fmt::format("{}={}:{}", text_at(limit, "/Name"), number_at(limit, "/Soft"),
                                  number_at(limit, "/Hard")));
  }
  return ulimits;
}

std::vector<std::string> keys_at(const json& document, const char* pointer) {
  std::vector<std::string> keys;
  const auto* value = find(document, pointer);
  if (!value || !value->is_object()) return keys;
  for (const auto& item : value->items()) keys.push_back(item.key());
  return keys;
}

// [["Backing Filesystem","extfs"],...] as "name: value" lines.
std::vector<std::string> map_pairs(const json& document, const char* pointer) {
  std::vector<std::string> pairs;
  const auto* value = find(document, pointer);
  if (!value || !value->is_array()) return pairs;
  for (const auto& pair : *value) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
      pairs.push_back(pair[0].get<std::string>() + ": " + pair[1].get<std::string>());
    }
  }
  return pairs;
}

std::map<std::string, std::string> text_map_at(const json& document, const char* pointer) {
  std::map<std::string, std::string> texts;
  const auto* value = find(document, pointer);
  if (!value || !value->is_object()) return texts;
  for (const auto& [key, item] : value->items()) {
    if (item.is_string()) texts[key] = item.get<std::string>();
  }
  return texts;
}

std::optional<std::vector<std::string>> map_healthcheck(const json& inspect) {
  const auto* test = find(inspect, "/Config/Healthcheck/Test");
  if (!test || !test->is_array()) return std::nullopt;
  return texts_at(inspect, "/Config/Healthcheck/Test");
}

void map_host_config(const json& inspect, snapshot::Container& container) {
  container.cpu_shares = number_at(inspect, "/HostConfig/CpuShares");
  container.cap_add = snapshot::normalise_capabilities(texts_at(inspect, "/HostConfig/CapAdd"));
  container.cap_drop = snapshot::normalise_capabilities(texts_at(inspect, "/HostConfig/CapDrop"));
  container.network_mode = text_at(inspect, "/HostConfig/NetworkMode");
  container.pid_mode = text_at(inspect, "/HostConfig/PidMode");
  container.ipc_mode = text_at(inspect, "/HostConfig/IpcMode");
  container.uts_mode = text_at(inspect, "/HostConfig/UTSMode");
  container.userns_mode = text_at(inspect, "/HostConfig/UsernsMode");
  container.publish_all_ports = flag_at(inspect, "/HostConfig/PublishAllPorts");
  container.readonly_rootfs = flag_at(inspect, "/HostConfig/ReadonlyRootfs");
  container.restart_policy = {text_at(inspect, "/HostConfig/RestartPolicy/Name"),
                              number_at(inspect, "/HostConfig/RestartPolicy/MaximumRetryCount")};
  container.devices = map_devices(inspect);
  container.device_cgroup_rules = texts_at(inspect, "/HostConfig/DeviceCgroupRules");
  container.ulimits = map_ulimits(inspect);
  container.cgroup_parent = text_at(inspect, "/HostConfig/CgroupParent");
}

std::string strip_leading_slash(std::string name) {
  if (!name.empty() && name.front() == '/') name.erase(0, 1);
  return name;
}

}  // namespace

snapshot::Container map_container_inspect(const json& inspect) {
  snapshot::Container container;
  container.id = text_at(inspect, "/Id");
  container.name = strip_leading_slash(text_at(inspect, "/Name"));
  container.image = text_at(inspect, "/Config/Image");
  container.labels = text_map_at(inspect, "/Config/Labels");
  container.state = text_at(inspect, "/State/Status");
  container.user = text_at(inspect, "/Config/User");
  container.privileged = flag_at(inspect, "/HostConfig/Privileged");
  container.memory = number_at(inspect, "/HostConfig/Memory");
  container.nano_cpus = number_at(inspect, "/HostConfig/NanoCpus");
  container.cpu_quota = number_at(inspect, "/HostConfig/CpuQuota");
  container.cpuset_cpus = text_at(inspect, "/HostConfig/CpusetCpus");
  if (const auto* pids = find(inspect, "/HostConfig/PidsLimit");
      pids && pids->is_number_integer()) {
    container.pids_limit = pids->get<std::int64_t>();
  }
  container.security_options =
      snapshot::parse_security_options(texts_at(inspect, "/HostConfig/SecurityOpt"));
  container.apparmor_profile = text_at(inspect, "/AppArmorProfile");
  container.process_label = text_at(inspect, "/ProcessLabel");
  container.image_id = text_at(inspect, "/Image");
  container.pid = number_at(inspect, "/State/Pid");
  container.mounts = map_mounts(inspect);
  container.networks = keys_at(inspect, "/NetworkSettings/Networks");
  container.ports = map_ports(inspect);
  container.healthcheck = map_healthcheck(inspect);
  container.health_status = text_at(inspect, "/State/Health/Status");
  container.exec_ids = texts_at(inspect, "/ExecIDs");
  map_host_config(inspect, container);
  return container;
}

snapshot::Container map_container_list_entry(const json& entry) {
  snapshot::Container container;
  container.id = text_at(entry, "/Id");
  const auto names = texts_at(entry, "/Names");
  if (!names.empty()) container.name = strip_leading_slash(names.front());
  container.image = text_at(entry, "/Image");
  container.state = text_at(entry, "/State");
  return container;
}

std::optional<std::vector<std::string>> map_top_commands(const json& top) {
  const auto titles = texts_at(top, "/Titles");
  const auto column = std::find_if(titles.begin(), titles.end(), [](const std::string& title) {
    return title == "CMD" || title == "COMMAND";
  });
  const auto* rows = find(top, "/Processes");
  if (column == titles.end() || !rows || !rows->is_array()) return std::nullopt;
  const auto index = static_cast<std::size_t>(column - titles.begin());
  std::vector<std::string> commands;
  for (const auto& row : *rows) {
    if (row.is_array() && index < row.size() && row[index].is_string()) {
      commands.push_back(row[index].get<std::string>());
    }
  }
  return commands;
}

snapshot::ExecInstance map_exec_inspect(const json& exec) {
  snapshot::ExecInstance instance;
  instance.id = text_at(exec, "/ID");
  instance.privileged = flag_at(exec, "/ProcessConfig/privileged");
  instance.user = text_at(exec, "/ProcessConfig/user");
  instance.command = text_at(exec, "/ProcessConfig/entrypoint");
  for (const auto& argument : texts_at(exec, "/ProcessConfig/arguments")) {
    instance.command += " " + argument;
  }
  return instance;
}

snapshot::Image map_image_inspect(const json& inspect) {
  snapshot::Image image;
  image.id = text_at(inspect, "/Id");
  image.repo_tags = texts_at(inspect, "/RepoTags");
  image.repo_digests = texts_at(inspect, "/RepoDigests");
  image.created = text_at(inspect, "/Created");
  image.user = text_at(inspect, "/Config/User");
  image.healthcheck = map_healthcheck(inspect);
  image.env = texts_at(inspect, "/Config/Env");
  image.labels = text_map_at(inspect, "/Config/Labels");
  return image;
}

std::optional<std::vector<snapshot::HistoryStep>> map_image_history(const json& history) {
  if (!history.is_array()) return std::nullopt;
  std::vector<snapshot::HistoryStep> steps;
  for (const auto& entry : history) {
    const auto* created_by = find(entry, "/CreatedBy");
    if (!created_by || !created_by->is_string()) return std::nullopt;
    steps.push_back({created_by->get<std::string>(), number_at(entry, "/Created")});
  }
  return steps;
}

snapshot::SwarmCluster map_swarm_cluster(const json& swarm) {
  snapshot::SwarmCluster cluster;
  cluster.id = text_at(swarm, "/ID");
  cluster.autolock_managers = optional_flag_at(swarm, "/Spec/EncryptionConfig/AutoLockManagers");
  cluster.node_cert_expiry = optional_number_at(swarm, "/Spec/CAConfig/NodeCertExpiry");
  if (const auto* external = find(swarm, "/Spec/CAConfig/ExternalCAs");
      external && external->is_array()) {
    cluster.external_ca_count = external->size();
  }
  cluster.cert_issuer_subject = text_at(swarm, "/TLSInfo/CertIssuerSubject");
  cluster.root_rotation_in_progress = optional_flag_at(swarm, "/RootRotationInProgress");
  cluster.created_at = text_at(swarm, "/CreatedAt");
  cluster.updated_at = text_at(swarm, "/UpdatedAt");
  return cluster;
}

std::vector<snapshot::SwarmNode> map_swarm_nodes(const json& nodes) {
  std::vector<snapshot::SwarmNode> mapped;
  if (!nodes.is_array()) return mapped;
  for (const auto& node : nodes) {
    mapped.push_back({text_at(node, "/ID"), text_at(node, "/Description/Hostname"),
                      text_at(node, "/Spec/Role"), text_at(node, "/Status/Addr"),
                      text_at(node, "/ManagerStatus/Addr"),
                      flag_at(node, "/ManagerStatus/Leader")});
  }
  return mapped;
}

std::vector<snapshot::OverlayNetwork> map_overlay_networks(const json& networks) {
  std::vector<snapshot::OverlayNetwork> overlays;
  if (!networks.is_array()) return overlays;
  for (const auto& network : networks) {
    if (text_at(network, "/Driver") != "overlay") continue;
    const auto* options = find(network, "/Options");
    // dockerd turns encryption on for any value of the key, even "".
    const bool encrypted = options && options->is_object() && options->contains("encrypted");
    overlays.push_back({text_at(network, "/Id"), text_at(network, "/Name"), encrypted,
                        flag_at(network, "/Ingress")});
  }
  return overlays;
}

std::vector<snapshot::SwarmSecret> map_swarm_secrets(const json& secrets) {
  std::vector<snapshot::SwarmSecret> mapped;
  if (!secrets.is_array()) return mapped;
  for (const auto& secret : secrets) {
    mapped.push_back(
        {text_at(secret, "/ID"), text_at(secret, "/Spec/Name"), text_at(secret, "/CreatedAt")});
  }
  return mapped;
}

void map_engine_info(const json& info, const json& version, snapshot::Engine& engine) {
  engine.server_version = text_at(version, "/Version");
  if (engine.server_version.empty()) engine.server_version = text_at(info, "/ServerVersion");
  engine.build_time = text_at(version, "/BuildTime");
  engine.operating_system = text_at(info, "/OperatingSystem");
  engine.kernel_version = text_at(info, "/KernelVersion");
  engine.docker_root_dir = text_at(info, "/DockerRootDir");
  engine.swarm_state = text_at(info, "/Swarm/LocalNodeState");
  engine.swarm_control_available = optional_flag_at(info, "/Swarm/ControlAvailable");
  engine.swarm_node_address = text_at(info, "/Swarm/NodeAddr");
  engine.counts = {
      optional_number_at(info, "/Containers"), optional_number_at(info, "/ContainersRunning"),
      optional_number_at(info, "/ContainersPaused"), optional_number_at(info, "/ContainersStopped"),
      optional_number_at(info, "/Images")};
  engine.security_options = texts_at(info, "/SecurityOptions");
  engine.live_restore_enabled = optional_flag_at(info, "/LiveRestoreEnabled");
  engine.debug = optional_flag_at(info, "/Debug");
  engine.experimental_build = optional_flag_at(info, "/ExperimentalBuild");
  engine.logging_driver = text_at(info, "/LoggingDriver");
  engine.storage_driver = text_at(info, "/Driver");
  engine.storage_status = map_pairs(info, "/DriverStatus");
  engine.authorization_plugins = texts_at(info, "/Plugins/Authorization");
  engine.insecure_registry_cidrs = texts_at(info, "/RegistryConfig/InsecureRegistryCIDRs");
  if (const auto* indexes = find(info, "/RegistryConfig/IndexConfigs");
      indexes && indexes->is_object()) {
    for (const auto& [name, index] : indexes->items()) {
      const auto* secure = find(index, "/Secure");
      if (secure && secure->is_boolean() && !secure->get<bool>()) {
        engine.insecure_registries.push_back(name);
      }
    }
  }
}

std::optional<bool> map_bridge_icc(const json& network) {
  const auto icc = text_at(network, "/Options/com.docker.network.bridge.enable_icc");
  if (icc.empty()) return std::nullopt;
  return icc != "false";
}

}  // namespace dockaudit::collect
