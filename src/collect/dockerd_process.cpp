#include "src/collect/dockerd_process.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "src/collect/host_path.hpp"

namespace dockaudit::collect {

namespace {

namespace fs = std::filesystem;
using snapshot::DockerdProcess;
using Found = snapshot::Gathered<DockerdProcess>;

constexpr const char* kDockerdName = "dockerd";
// Environment variables dockerd reads for its own defaults (engine-facts §2.1),
// and those that place a rootless dockerd's configuration.
const std::vector<std::string> kRecordedEnvironment{
    "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH",      "DOCKER_MIN_API_VERSION",
    "HOME",              "ROOTLESSKIT_STATE_DIR", "XDG_CONFIG_HOME"};

fs::path proc_dir(const fs::path& root, int pid) { return root / "proc" / std::to_string(pid); }

std::optional<int> parse_pid(std::string_view text) {
  int pid = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, pid);
  if (text.empty() || error != std::errc() || stop != end || pid <= 0) return std::nullopt;
  return pid;
}

// The whole file, or the reason it could not be read.
snapshot::Gathered<std::string> read_text(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return snapshot::Gathered<std::string>::failure(std::strerror(errno));
  return {std::string(std::istreambuf_iterator<char>(file), {}), ""};
}

bool same_file(const fs::path& first, const fs::path& second) {
  struct stat a {};
  struct stat b {};
  return ::stat(first.c_str(), &a) == 0 && ::stat(second.c_str(), &b) == 0 &&
         a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// The socket inodes /proc/net/unix lists for the audited path. Accepted
// connections carry the path too, so one socket may have several.
snapshot::Gathered<std::set<std::string>> socket_inodes(const ProcessSearch& search) {
  const auto table_path = search.root / "proc/net/unix";
  const auto table = read_text(table_path);
  if (!table.ok()) {
    return decltype(socket_inodes(search))::failure(
        fmt::format("cannot read {}: {}", table_path.string(), table.error));
  }
  const auto wanted = host_path(search.root, search.socket_path);
  std::set<std::string> inodes;
  std::istringstream lines(*table.value);
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    // Num RefCount Protocol Flags Type St Inode Path
    std::istringstream fields(line);
    std::string skipped;
    std::string inode;
    std::string path;
    for (int column = 0; column < 6; ++column) fields >> skipped;
    fields >> inode >> path;
    if (path.empty()) continue;
    if (path == search.socket_path || same_file(host_path(search.root, path), wanted)) {
      inodes.insert(inode);
    }
  }
  return {std::move(inodes), ""};
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// dockerd by its executable's name, else by comm, which anyone may read.
bool is_dockerd(const fs::path& root, int pid) {
  std::error_code error;
  const auto exe = fs::read_symlink(proc_dir(root, pid) / "exe", error);
  if (!error) return exe.filename() == kDockerdName;
  const auto comm = read_text(proc_dir(root, pid) / "comm");
  return comm.ok() && first_line(*comm.value) == kDockerdName;
}

bool holds_socket(const fs::path& fd_dir, const std::set<std::string>& inodes,
                  std::error_code& error) {
  for (const auto& entry : fs::directory_iterator(fd_dir, error)) {
    std::error_code ignored;  // a descriptor closed while we look is no error
    const auto target = fs::read_symlink(entry.path(), ignored).string();
    if (target.starts_with("socket:[") && target.ends_with("]") &&
        inodes.count(target.substr(8, target.size() - 9))) {
      return true;
    }
  }
  return false;
}

// The dockerd holding one of `inodes`, or why none was found.
snapshot::Gathered<int> socket_owner(const fs::path& root, const std::set<std::string>& inodes) {
  std::vector<std::string> denied;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(root / "proc", error)) {
    const auto pid = parse_pid(entry.path().filename().string());
    if (!pid || !is_dockerd(root, *pid)) continue;
    std::error_code fd_error;
    if (holds_socket(entry.path() / "fd", inodes, fd_error)) return {*pid, ""};
    if (fd_error)
      denied.push_back(fmt::format("{}/fd: {}", entry.path().string(), fd_error.message()));
  }
  if (error) return snapshot::Gathered<int>::failure(error.message());
  if (denied.empty()) return snapshot::Gathered<int>::failure("no dockerd process holds it");
  return snapshot::Gathered<int>::failure(
      fmt::format("no readable dockerd process holds it; unreadable: {}", fmt::join(denied, ", ")));
}

snapshot::Gathered<int> pidfile_owner(const ProcessSearch& search) {
  const auto path = host_path(search.root, search.pidfile);
  const auto text = read_text(path);
  if (!text.ok()) return snapshot::Gathered<int>::failure(text.error);
  const auto pid = parse_pid(first_line(*text.value));
  if (!pid) {
    return snapshot::Gathered<int>::failure(
        fmt::format("'{}' is not a process id", first_line(*text.value)));
  }
  if (!fs::exists(proc_dir(search.root, *pid))) {
    return snapshot::Gathered<int>::failure(fmt::format("process {} is not running", *pid));
  }
  if (!is_dockerd(search.root, *pid)) {
    return snapshot::Gathered<int>::failure(fmt::format("process {} is not dockerd", *pid));
  }
  return {*pid, ""};
}

std::vector<std::string> split_nul(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\0', start), text.size());
    words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::optional<long> real_uid(const std::string& status) {
  std::istringstream lines(status);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.starts_with("Uid:")) continue;
    std::istringstream fields(line.substr(4));
    long uid = 0;
    if (fields >> uid) return uid;
  }
  return std::nullopt;
}

void read_links(const fs::path& dir, DockerdProcess& process) {
  std::error_code error;
  process.executable = fs::read_symlink(dir / "exe", error).string();
  if (error) process.unreadable.push_back((dir / "exe").string() + ": " + error.message());
  process.working_directory = fs::read_symlink(dir / "cwd", error).string();
  if (error) process.unreadable.push_back((dir / "cwd").string() + ": " + error.message());
}

void read_environment(const fs::path& dir, DockerdProcess& process) {
  const auto environ = read_text(dir / "environ");
  if (!environ.ok()) {
    process.unreadable.push_back((dir / "environ").string() + ": " + environ.error);
    return;
  }
  for (const auto& assignment : split_nul(*environ.value)) {
    const auto equals = assignment.find('=');
    const auto name = assignment.substr(0, equals);
    if (equals == std::string::npos) continue;
    if (std::find(kRecordedEnvironment.begin(), kRecordedEnvironment.end(), name) !=
        kRecordedEnvironment.end()) {
      process.environment[name] = assignment.substr(equals + 1);
    }
  }
}

}  // namespace

Found read_dockerd_process(const fs::path& root, int pid) {
  const auto dir = proc_dir(root, pid);
  const auto cmdline = read_text(dir / "cmdline");
  if (!cmdline.ok()) {
    return Found::failure(
        fmt::format("cannot read {}: {}", (dir / "cmdline").string(), cmdline.error));
  }
  DockerdProcess process;
  process.pid = pid;
  process.arguments = split_nul(*cmdline.value);
  read_links(dir, process);
  read_environment(dir, process);
  const auto status = read_text(dir / "status");
  if (status.ok()) process.uid = real_uid(*status.value);
  if (!process.uid) process.unreadable.push_back((dir / "status").string() + ": no Uid line");
  return {std::move(process), ""};
}

Found find_dockerd(const ProcessSearch& search) {
  std::string socket_reason = "the engine is not reached through a unix socket";
  if (!search.socket_path.empty()) {
    const auto inodes = socket_inodes(search);
    const auto owner = !inodes.ok() ? snapshot::Gathered<int>::failure(inodes.error)
                       : inodes.value->empty()
                           ? snapshot::Gathered<int>::failure("/proc/net/unix does not list it")
                           : socket_owner(search.root, *inodes.value);
    if (owner.ok()) {
      auto process = read_dockerd_process(search.root, *owner.value);
      if (process.ok()) {
        process.value->found_by =
            fmt::format("holds the socket {} (/proc/{}/fd)", search.socket_path, *owner.value);
      }
      return process;
    }
    socket_reason = fmt::format("socket {}: {}", search.socket_path, owner.error);
  }

  const auto owner = pidfile_owner(search);
  if (!owner.ok()) {
    return Found::failure(fmt::format("cannot find the dockerd process: {}; pidfile {}: {}",
                                      socket_reason, search.pidfile, owner.error));
  }
  auto process = read_dockerd_process(search.root, *owner.value);
  if (process.ok()) {
    process.value->found_by =
        fmt::format("named by the pidfile {} ({})", search.pidfile, socket_reason);
  }
  return process;
}

}  // namespace dockaudit::collect
