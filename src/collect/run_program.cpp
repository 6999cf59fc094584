#include "src/collect/run_program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

extern char** environ;

namespace dockaudit::collect {

namespace {

using Clock = std::chrono::steady_clock;

// More than any rule list a host keeps; beyond it the output is cut.
constexpr std::size_t kMaxOutputBytes = 4 * 1024 * 1024;
constexpr std::size_t kReadChunk = 4096;

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  bool open() {
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) return false;
    read_end = ends[0];
    write_end = ends[1];
    return true;
  }
  void close_all() {
    if (read_end >= 0) ::close(read_end);
    if (write_end >= 0) ::close(write_end);
    read_end = write_end = -1;
  }
};

// Reads both pipes until they close or the deadline passes; false on timeout.
bool drain(Pipe& out, Pipe& err, ProgramOutput& output, Clock::time_point deadline) {
  std::array<pollfd, 2> fds{{{out.read_end, POLLIN, 0}, {err.read_end, POLLIN, 0}}};
  std::array<std::string*, 2> sinks{&output.out, &output.err};
  int open_count = 2;
  while (open_count > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    if (::poll(fds.data(), fds.size(), static_cast<int>(left)) < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[kReadChunk];
      const auto got = ::read(fds[i].fd, buffer, sizeof buffer);
      if (got <= 0) {
        fds[i].fd = -1;
        --open_count;
      } else if (sinks[i]->size() < kMaxOutputBytes) {
        sinks[i]->append(buffer, static_cast<std::size_t>(got));
      }
    }
  }
  return true;
}

}  // namespace

snapshot::Gathered<ProgramOutput> run_program(const std::vector<std::string>& argv,
                                              std::chrono::milliseconds limit) {
  using Result = snapshot::Gathered<ProgramOutput>;
  Pipe out, err;
  if (!out.open() || !err.open()) {
    out.close_all();
    return Result::failure(fmt::format("{}: cannot make a pipe: {}", argv[0], strerror(errno)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out.write_end, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write_end, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

  std::vector<char*> arguments;
  for (const auto& argument : argv) arguments.push_back(const_cast<char*>(argument.c_str()));
  arguments.push_back(nullptr);
  pid_t pid = 0;
  const int spawned =
      posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, arguments.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out.write_end);
  ::close(err.write_end);
  out.write_end = err.write_end = -1;
  if (spawned != 0) {
    out.close_all();
    err.close_all();
    return Result::failure(fmt::format("{} could not be started: {}", argv[0], strerror(spawned)));
  }

  ProgramOutput output;
  const bool finished = drain(out, err, output, Clock::now() + limit);
  out.close_all();
  err.close_all();
  if (!finished) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!finished) {
    return Result::failure(
        fmt::format("{} did not finish within {} ms and was stopped", argv[0], limit.count()));
  }
  output.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return {std::move(output), ""};
}

}  // namespace dockaudit::collect
