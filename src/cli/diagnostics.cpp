#include "src/cli/diagnostics.hpp"

#include <ostream>

#include "src/audit/json_text.hpp"

namespace dockaudit::cli {

void print_error(std::ostream& err, std::string_view message) {
  err << "dockaudit: error: " << audit::printable(message) << '\n';
}

void print_warning(std::ostream& err, std::string_view message) {
  err << "dockaudit: warning: " << audit::printable(message) << '\n';
}

}  // namespace dockaudit::cli
