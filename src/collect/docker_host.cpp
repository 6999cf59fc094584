#include "src/collect/docker_host.hpp"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "src/collect/audit_rules.hpp"
#include "src/collect/file_status.hpp"
#include "src/collect/host_path.hpp"

namespace dockaudit::collect {

namespace {

namespace fs = std::filesystem;
using snapshot::FileSet;
using snapshot::FileStatus;

std::string text_setting(const snapshot::EffectiveConfig& config, const std::string& key,
                         std::string* source = nullptr) {
  const auto* setting = config.find(key);
  if (!setting || !setting->value.is_string()) return "";
  if (source) *source = setting->source;
  return setting->value.get<std::string>();
}

bool flag_setting(const snapshot::EffectiveConfig& config, const std::string& key) {
  const auto* setting = config.find(key);
  return setting && setting->value.is_boolean() && setting->value.get<bool>();
}

FileSet one_file(const fs::path& root, const std::string& path, std::string chosen_by) {
  return {{stat_host_file(root, path, std::move(chosen_by))}, "", ""};
}

FileSet unit_file(const fs::path& root, const snapshot::Daemon& daemon, bool service) {
  if (!daemon.units.ok()) return {{}, "", daemon.units.error};
  const auto& unit = service ? daemon.units.value->service : daemon.units.value->socket;
  const char* name = service ? "docker.service" : "docker.socket";
  if (!unit) return {{}, fmt::format("no {} unit in the systemd unit directories", name), ""};
  return one_file(root, unit->fragment_path, fmt::format("FragmentPath of {}", name));
}

// Regular files in each /etc/docker/certs.d/<registry>/ directory.
FileSet registry_certificates(const fs::path& root) {
  FileSet set;
  std::error_code error;
  const auto top = host_path(root, kRegistryCertificates);
  std::vector<std::string> paths;
  for (fs::directory_iterator registry(top, error), end; !error && registry != end;
       registry.increment(error)) {
    std::error_code inner;
    if (!registry->is_directory(inner)) continue;
    const auto name =
        std::string(kRegistryCertificates) + "/" + registry->path().filename().string();
    for (fs::directory_iterator file(registry->path(), inner); !inner && file != end;
         file.increment(inner)) {
      paths.push_back(name + "/" + file->path().filename().string());
    }
    if (inner) {
      set.error = fmt::format("{} could not be listed: {}", name, inner.message());
      return set;
    }
  }
  if (error == std::errc::no_such_file_or_directory) {
    set.not_present = fmt::format("{} does not exist", kRegistryCertificates);
    return set;
  }
  if (error) {
    set.error = fmt::format("{} could not be listed: {}", kRegistryCertificates, error.message());
    return set;
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    auto status = stat_host_file(root, path, "a registry certificate directory's file");
    if (status.state != FileStatus::State::present || status.type == FileStatus::Type::regular) {
      set.files.push_back(std::move(status));
    }
  }
  if (set.files.empty()) set.not_present = "no files under " + std::string(kRegistryCertificates);
  return set;
}

// The first doubt among these settings, "" when all are known.
std::string doubt_of(const snapshot::EffectiveConfig& config,
                     std::initializer_list<const char*> keys) {
  for (const auto* key : keys) {
    const auto* setting = config.find(key);
    if (setting && !setting->doubt.empty()) return setting->doubt;
  }
  return "";
}

FileSet tls_file(const fs::path& root, const snapshot::EffectiveConfig& config,
                 const std::string& key) {
  auto doubt = doubt_of(config, {"tls", "tlsverify", key.c_str()});
  if (!doubt.empty()) return {{}, "", "", std::move(doubt)};
  if (!flag_setting(config, "tls") && !flag_setting(config, "tlsverify")) {
    return {{}, "TLS is not configured (tls and tlsverify are off)", ""};
  }
  std::string source;
  const auto path = text_setting(config, key, &source);
  if (path.empty()) return {{}, fmt::format("'{}' is not set", key), ""};
  return one_file(root, path, fmt::format("effective '{}' ({})", key, source));
}

// One entry per socket file: /var/run/docker.sock and /run/docker.sock are one.
FileSet docker_sockets(const fs::path& root, const std::vector<std::string>& paths) {
  FileSet set;
  for (const auto& path : paths) {
    auto status = stat_host_file(root, path, "a unix socket the daemon serves");
    const auto same = std::find_if(set.files.begin(), set.files.end(), [&](const FileStatus& seen) {
      return seen.state == FileStatus::State::present &&
             status.state == FileStatus::State::present && seen.device == status.device &&
             seen.inode == status.inode;
    });
    const bool repeated = std::any_of(set.files.begin(), set.files.end(),
                                      [&](const FileStatus& seen) { return seen.path == path; });
    if (same != set.files.end()) {
      same->chosen_by += fmt::format("; also named {}", path);
    } else if (!repeated) {
      set.files.push_back(std::move(status));
    }
  }
  if (set.files.empty()) set.not_present = "the daemon serves no unix socket known to dockaudit";
  return set;
}

FileSet daemon_json(const HostInputs& inputs, const snapshot::Snapshot& snapshot) {
  const auto& path = snapshot.daemon_config.path;
  auto chosen_by = fmt::format("the daemon configuration file in force ({})",
                               snapshot.daemon.config_path_reason);
  if (inputs.daemon_config_on_host) return one_file(inputs.root, path, std::move(chosen_by));
  return one_file("/", path, std::move(chosen_by));
}

snapshot::HostFiles read_host_files(const HostInputs& inputs, const snapshot::Snapshot& snapshot) {
  const auto& root = inputs.root;
  const auto& daemon = snapshot.daemon;
  snapshot::HostFiles files;
  files.docker_service = unit_file(root, daemon, true);
  files.docker_socket_unit = unit_file(root, daemon, false);
  files.etc_docker = one_file(root, kEtcDocker, "the Docker configuration directory");
  files.registry_certificates = registry_certificates(root);
  files.tls_ca_certificate = tls_file(root, daemon.effective, "tlscacert");
  files.tls_certificate = tls_file(root, daemon.effective, "tlscert");
  files.tls_key = tls_file(root, daemon.effective, "tlskey");
  files.docker_sockets = docker_sockets(root, snapshot.daemon_sockets);
  files.daemon_json = daemon_json(inputs, snapshot);
  if (daemon.config_path_reason != snapshot::kConfigNamedByUser) {
    files.daemon_json.doubt = daemon.flags_unknown;
  }
  files.etc_default_docker = one_file(root, kEtcDefaultDocker, "read by the init scripts");
  files.etc_sysconfig_docker = one_file(root, kEtcSysconfigDocker, "read by the init scripts");
  const auto [socket, why] = choose_containerd_socket(root, daemon.effective);
  files.containerd_socket = one_file(root, socket, why);
  files.containerd_socket.doubt = doubt_of(daemon.effective, {"containerd", "exec-root"});
  return files;
}

}  // namespace

std::pair<std::string, std::string> choose_containerd_socket(
    const fs::path& root, const snapshot::EffectiveConfig& config) {
  std::string source;
  const auto configured = text_setting(config, "containerd", &source);
  if (!configured.empty()) return {configured, fmt::format("effective 'containerd' ({})", source)};
  // Without dockerd's own settings the choice below is only the likely one.
  const auto guess = config.doubt.empty() ? std::string()
                                          : "; a guess: " + config.doubt;
  std::error_code error;
  if (fs::exists(host_path(root, kSystemContainerdSocket), error)) {
    return {kSystemContainerdSocket,
            "the system containerd's socket, which dockerd uses when 'containerd' is not set" +
                guess};
  }
  auto exec_root = text_setting(config, "exec-root", &source);
  if (exec_root.empty()) exec_root = "/var/run/docker";
  return {exec_root + "/containerd/containerd.sock",
          fmt::format("the containerd dockerd runs itself, under its exec-root ({}){}", source,
                      guess)};
}

void collect_docker_host(const HostInputs& inputs, snapshot::Snapshot& snapshot) {
  auto& host = snapshot.docker_host;
  host.files = read_host_files(inputs, snapshot);
  host.docker_group = read_docker_group(inputs.root, snapshot.daemon);
  host.audit_rules = read_audit_rules(inputs.root, inputs.ask_kernel);
  host.audit_targets = locate_audit_targets(inputs, snapshot);
  if (!snapshot.engine.ok()) {
    host.data_root_filesystem = snapshot::Gathered<snapshot::DataRootFilesystem>::failure(
        "the engine could not be asked for DockerRootDir: " + snapshot.engine.error);
  } else if (snapshot.engine.value->docker_root_dir.empty()) {
    host.data_root_filesystem = snapshot::Gathered<snapshot::DataRootFilesystem>::failure(
        "the engine did not report DockerRootDir");
  } else {
    host.data_root_filesystem =
        read_data_root_filesystem(inputs.root, data_root_of(*snapshot.engine.value));
  }
}

}  // namespace dockaudit::collect
