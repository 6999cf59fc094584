// Linux capability names as the engine stores them (the client's spelling) and
// as the checks compare them.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dockaudit::snapshot {

// "sys_admin", "SYS_ADMIN" and "CAP_SYS_ADMIN" are one capability; "all" is ALL.
std::string normalise_capability(std::string_view name);
std::vector<std::string> normalise_capabilities(const std::vector<std::string>& names);

// The 14 capabilities Docker grants a container by default.
const std::set<std::string>& default_capabilities();

}  // namespace dockaudit::snapshot
