#include "src/collect/inspect_mapping.hpp"

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

std::vector<std::string> texts_at(const json& document, const char* pointer) {
  std::vector<std::string> texts;
  const auto* value = find(document, pointer);
  if (!value || !value->is_array()) return texts;
  for (const auto& item : *value) {
    if (item.is_string()) texts.push_back(item.get<std::string>());
  }
  return texts;
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

void map_engine_info(const json& info, const json& version, snapshot::Engine& engine) {
  engine.server_version = text_at(version, "/Version");
  if (engine.server_version.empty()) engine.server_version = text_at(info, "/ServerVersion");
  engine.operating_system = text_at(info, "/OperatingSystem");
  engine.security_options = texts_at(info, "/SecurityOptions");
  engine.live_restore_enabled = optional_flag_at(info, "/LiveRestoreEnabled");
  engine.debug = optional_flag_at(info, "/Debug");
  engine.experimental_build = optional_flag_at(info, "/ExperimentalBuild");
  engine.logging_driver = text_at(info, "/LoggingDriver");
  engine.storage_driver = text_at(info, "/Driver");
  engine.docker_root_dir = text_at(info, "/DockerRootDir");
}

}  // namespace dockaudit::collect
