// Runs of the whole command line with captured output, for tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "src/cli/run.hpp"

namespace dockaudit::testing {

struct Captured {
  std::ostringstream out;
  std::ostringstream err;
  cli::Environment environment() {
    cli::Environment env;
    env.out = &out;
    env.err = &err;
    return env;
  }
};

// A daemon.json dockerd accepts, so runs do not depend on the machine's own.
inline std::string empty_daemon_config() {
  // One per test process, so parallel runs do not share it; removed at exit.
  static const struct File {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("dockaudit-run-test-daemon-" + std::to_string(::getpid()) +
                                  ".json");
    File() { std::ofstream(path) << "{}\n"; }
    ~File() { std::filesystem::remove(path); }
  } file;
  return file.path.string();
}

}  // namespace dockaudit::testing
