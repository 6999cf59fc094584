// locate_audit_targets, declared in docker_host.hpp.
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "src/collect/docker_host.hpp"
#include "src/collect/file_status.hpp"
#include "src/collect/host_path.hpp"

namespace dockaudit::collect {

namespace {

namespace fs = std::filesystem;
using snapshot::AuditTarget;
using snapshot::FileSet;
using snapshot::FileStatus;

constexpr const char* kContainerdName = "containerd";

AuditTarget target_at(const fs::path& root, const std::string& path, std::string chosen_by) {
  AuditTarget target{path, resolve_host_path(root, path), std::move(chosen_by), false, ""};
  const auto status = stat_host_file(root, path, "");
  target.exists = status.state == FileStatus::State::present;
  target.error = status.error;
  return target;
}

AuditTarget target_of(const fs::path& root, const FileSet& set) {
  if (set.files.empty()) return {"", "", set.not_present, false, set.error, set.doubt};
  const auto& file = set.files.front();
  auto target = target_at(root, file.path, file.chosen_by);
  target.doubt = set.doubt;
  return target;
}

std::vector<std::string> read_nul_separated(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::vector<std::string> words;
  for (std::string word; std::getline(file, word, '\0');) words.push_back(word);
  return words;
}

// PATH from dockerd's environment: the shims and runc are looked up on it.
std::string dockerd_path(const fs::path& root, const snapshot::Daemon& daemon) {
  if (!daemon.process.ok()) return kStandardPath;
  const auto environ_path =
      host_path(root, fmt::format("/proc/{}/environ", daemon.process.value->pid));
  for (const auto& entry : read_nul_separated(environ_path)) {
    if (entry.starts_with("PATH=")) return entry.substr(5);
  }
  return kStandardPath;
}

// The first regular file called `name` in the directories of `search_path`.
AuditTarget find_on_path(const fs::path& root, const std::string& name,
                         const std::vector<std::string>& directories, const std::string& label) {
  for (const auto& directory : directories) {
    if (directory.empty()) continue;
    const auto candidate = (fs::path(directory) / name).string();
    const auto status = stat_host_file(root, candidate, "");
    if (status.state == FileStatus::State::present && status.type == FileStatus::Type::regular) {
      return target_at(root, candidate, fmt::format("found on {}", label));
    }
  }
  return {"", "", fmt::format("{} is not on {}", name, label), false, ""};
}

struct ContainerdProcess {
  int pid = 0;
  std::string executable;
  std::string config;  // --config / -c, "" when not given
};

// The value of `--name VALUE`, `--name=VALUE` or `-short VALUE`; "" when absent.
std::string argument_value(const std::vector<std::string>& arguments, const std::string& name,
                           const std::string& short_name) {
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const auto& word = arguments[i];
    if ((word == name || word == short_name) && i + 1 < arguments.size()) return arguments[i + 1];
    if (word.starts_with(name + "=")) return word.substr(name.size() + 1);
  }
  return "";
}

int parent_of(const fs::path& process_directory) {
  std::ifstream status(process_directory / "status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("PPid:")) return std::atoi(line.c_str() + 5);
  }
  return 0;
}

// The containerd (comm "containerd") dockerd uses: its own child (dockerd
// writes that one's address into a config file, not the command line), or
// the one whose --address, or default address when it names none, is
// `socket`. Another engine's containerd on the same host is not it.
std::optional<ContainerdProcess> find_containerd(const fs::path& root, const std::string& socket,
                                                 int dockerd_pid) {
  std::error_code error;
  for (fs::directory_iterator it(host_path(root, "/proc"), error), end; !error && it != end;
       it.increment(error)) {
    const auto name = it->path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream comm(it->path() / "comm");
    std::string command;
    if (!std::getline(comm, command) || command != kContainerdName) continue;
    const auto arguments = read_nul_separated(it->path() / "cmdline");
    auto address = argument_value(arguments, "--address", "-a");
    if (address.empty()) address = kSystemContainerdSocket;
    const bool child = dockerd_pid != 0 && parent_of(it->path()) == dockerd_pid;
    if (!child && fs::path(address).lexically_normal() != fs::path(socket).lexically_normal()) {
      continue;
    }
    std::error_code unreadable;
    const auto exe = fs::read_symlink(it->path() / "exe", unreadable);
    if (unreadable) continue;
    return ContainerdProcess{std::stoi(name), exe.string(),
                             argument_value(arguments, "--config", "-c")};
  }
  return std::nullopt;
}

std::vector<std::string> split_path(const std::string& search_path) {
  std::vector<std::string> directories;
  std::istringstream stream(search_path);
  for (std::string directory; std::getline(stream, directory, ':');) {
    directories.push_back(directory);
  }
  return directories;
}

AuditTarget dockerd_target(const fs::path& root, const snapshot::Daemon& daemon) {
  if (!daemon.process.ok()) {
    return {"", "", "", false, "the running dockerd was not found: " + daemon.process.error};
  }
  const auto& process = *daemon.process.value;
  if (process.executable.empty()) {
    return {"", "", "", false,
            fmt::format("/proc/{}/exe could not be read for dockerd", process.pid)};
  }
  return target_at(root, process.executable, fmt::format("/proc/{}/exe of dockerd", process.pid));
}

void locate_containerd(const fs::path& root, const snapshot::Daemon& daemon,
                       const std::vector<std::string>& directories, const std::string& label,
                       snapshot::AuditTargets& targets) {
  const int dockerd_pid = daemon.process.ok() ? daemon.process.value->pid : 0;
  const auto process = find_containerd(root, targets.containerd_socket.path, dockerd_pid);
  if (process) {
    targets.containerd = target_at(root, process->executable,
                                   fmt::format("/proc/{}/exe of containerd", process->pid));
  } else {
    targets.containerd = find_on_path(root, kContainerdName, directories, label);
  }
  if (process && !process->config.empty()) {
    targets.containerd_config = target_at(
        root, process->config, fmt::format("--config of containerd pid {}", process->pid));
  } else {
    targets.containerd_config =
        target_at(root, kDefaultContainerdConfig, "containerd's default configuration file");
  }
}

}  // namespace

snapshot::AuditTargets locate_audit_targets(const HostInputs& inputs,
                                            const snapshot::Snapshot& snapshot) {
  const auto& root = inputs.root;
  const auto& files = snapshot.docker_host.files;
  snapshot::AuditTargets targets;
  targets.dockerd = dockerd_target(root, snapshot.daemon);
  targets.etc_docker = target_of(root, files.etc_docker);
  targets.docker_service = target_of(root, files.docker_service);
  targets.containerd_socket = target_of(root, files.containerd_socket);
  targets.docker_socket_unit = target_of(root, files.docker_socket_unit);
  for (const auto& socket : files.docker_sockets.files) {
    targets.docker_sockets.push_back(target_at(root, socket.path, socket.chosen_by));
  }
  targets.etc_default_docker = target_of(root, files.etc_default_docker);
  targets.daemon_json =
      target_of(inputs.daemon_config_on_host ? root : fs::path("/"), files.daemon_json);
  targets.etc_sysconfig_docker = target_of(root, files.etc_sysconfig_docker);

  const auto& socket = targets.containerd_socket.path;
  if (!socket.empty()) {
    targets.containerd_state = target_at(root, fs::path(socket).parent_path().string(),
                                         "the directory of the containerd socket dockerd uses");
    targets.containerd_state.doubt = targets.containerd_socket.doubt;
  }
  if (!snapshot.engine.ok()) {
    targets.data_root = {
        "", "", "", false,
        "the engine could not be asked for DockerRootDir: " + snapshot.engine.error};
  } else if (snapshot.engine.value->docker_root_dir.empty()) {
    targets.data_root = {"", "", "", false, "the engine did not report DockerRootDir"};
  } else {
    targets.data_root =
        target_at(root, data_root_of(*snapshot.engine.value), "/info DockerRootDir");
  }

  const auto search_path = dockerd_path(root, snapshot.daemon);
  const auto label = fmt::format("dockerd's PATH ({})", search_path);
  auto directories = split_path(search_path);
  locate_containerd(root, snapshot.daemon, directories, label, targets);
  // containerd looks for its shims beside itself before PATH.
  if (!targets.containerd.path.empty()) {
    directories.insert(directories.begin(),
                       fs::path(targets.containerd.path).parent_path().string());
  }
  targets.containerd_shim = find_on_path(root, "containerd-shim", directories, label);
  targets.containerd_shim_runc_v1 =
      find_on_path(root, "containerd-shim-runc-v1", directories, label);
  targets.containerd_shim_runc_v2 =
      find_on_path(root, "containerd-shim-runc-v2", directories, label);
  targets.runc = find_on_path(root, "runc", directories, label);

  // Without dockerd's process, its PATH and the containerd it talks to are
  // the likely ones, not known ones.
  const auto& unknown = snapshot.daemon.flags_unknown;
  if (!unknown.empty()) {
    for (auto* target : {&targets.containerd, &targets.containerd_shim,
                         &targets.containerd_shim_runc_v1, &targets.containerd_shim_runc_v2,
                         &targets.runc}) {
      target->doubt = unknown;
    }
  }
  targets.containerd_config.doubt = targets.containerd_socket.doubt;
  return targets;
}

}  // namespace dockaudit::collect
