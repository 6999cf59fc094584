// `dockaudit checks` and `dockaudit explain`: the registry, for people and
// machines.
#pragma once

#include <iosfwd>
#include <string>

#include "src/cli/options.hpp"

namespace dockaudit::cli {

// `json` lists them as JSON; anything else as a table.
void list_checks(std::ostream& out, bool json);

// False when no check has that id; the caller reports it.
bool explain_check(std::ostream& out, const std::string& id);

// "unknown check 'X'; did you mean 'Y'?"
std::string unknown_check_message(const std::string& id);

}  // namespace dockaudit::cli
