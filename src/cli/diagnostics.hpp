// The one place dockaudit prints diagnostics, always to stderr, with one prefix.
#pragma once

#include <iosfwd>
#include <string_view>

namespace dockaudit::cli {

void print_error(std::ostream& err, std::string_view message);
void print_warning(std::ostream& err, std::string_view message);

}  // namespace dockaudit::cli
