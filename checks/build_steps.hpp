// Reads the builder's record of a Dockerfile instruction back from an image
// history's CreatedBy text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dockaudit::checks {

struct BuildStep {
  std::string instruction;  // "RUN", "ADD", "ENV", ... in upper case; "" when not a build step
  std::string arguments;    // for RUN the shell command; for legacy ADD "file:<hash> in /dst"
};

// Understands the legacy builder ("/bin/sh -c #(nop) ADD ...", "/bin/sh -c
// cmd", "|1 ARG=v /bin/sh -c cmd") and BuildKit ("RUN /bin/sh -c cmd #
// buildkit", "ADD src dst # buildkit"). docker import ("") and docker commit
// (the container's command) give no instruction.
BuildStep parse_build_step(std::string_view created_by);

// Where an ADD step put its files: after " in " for the legacy builder, the
// last word for BuildKit.
std::string add_destination(const BuildStep& step);

// A package manager run in one shell command: "apt-get" and "update".
struct PackageCommand {
  std::string manager;
  std::string action;
};

// Every package-manager invocation in a shell command, in order. Options
// before the action (apt-get -y install) are skipped.
std::vector<PackageCommand> package_commands(std::string_view shell_command);

}  // namespace dockaudit::checks
