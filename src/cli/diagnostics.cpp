#include "src/cli/diagnostics.hpp"

#include <ostream>

namespace dockaudit::cli {

void print_error(std::ostream& err, std::string_view message) {
  err << "dockaudit: error: " << message << '\n';
}

void print_warning(std::ostream& err, std::string_view message) {
  err << "dockaudit: warning: " << message << '\n';
}

}  // namespace dockaudit::cli
