// The program's run, as named steps: options → profile → engine → collect →
// evaluate → score → report. Each step either goes on or ends with an exit code.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "src/audit/evaluate.hpp"
#include "src/cli/exit_code.hpp"

namespace dockaudit::cli {

// What the run needs from its surroundings, passed in so tests can supply it.
struct Environment {
  const char* docker_host = nullptr;  // $DOCKER_HOST
  bool no_color_env = false;          // NO_COLOR set and non-empty
  bool stdout_is_terminal = false;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  const char* docker_content_trust = nullptr;  // $DOCKER_CONTENT_TRUST, for evidence only
};

Environment process_environment();

int run(const std::vector<std::string>& arguments, const Environment& environment);

// The default policy: any failure breaks it; errors alone make the audit
// incomplete.
ExitCode decide_exit_code(const std::vector<audit::Finding>& findings);

}  // namespace dockaudit::cli
