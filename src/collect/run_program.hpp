// Runs a host program without a shell, with a time limit and a cap on what
// it may print, for the few facts only a program can tell (auditctl -l).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

struct ProgramOutput {
  int exit_status = 0;  // the exit code; 128 + the signal when killed
  std::string out;
  std::string err;
};

// `argv[0]` is an absolute path; nothing is looked up on PATH. An error when
// it cannot be started or runs past `limit` (it is then killed).
snapshot::Gathered<ProgramOutput> run_program(const std::vector<std::string>& argv,
                                              std::chrono::milliseconds limit);

}  // namespace dockaudit::collect
