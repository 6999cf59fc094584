// dockaudit: audits how well a Docker host is hardened. Everything lives in
// the library; main only hands over the arguments and the process environment.
#include <string>
#include <vector>

#include "src/cli/run.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  return dockaudit::cli::run(arguments, dockaudit::cli::process_environment());
}
