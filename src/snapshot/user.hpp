// How a container's user spec maps to root.
#pragma once

#include <string_view>

namespace dockaudit::snapshot {

// True when Config.User runs the process as uid 0: "" (the image's default,
// which Config.User already reflects), "0", "root", and "0:<gid>" or
// "root:<group>" in any group. Numeric uids are compared as numbers ("00",
// "+0").
// A name other than "root" is taken as non-root: names are resolved inside
// the image, which the engine does not report.
bool is_root_user(std::string_view user);

}  // namespace dockaudit::snapshot
