// Globs over check ids, as a `select` rule's `ids` give them: fnmatch(3)
// patterns, checked before use so a typo is an error rather than a rule
// that silently matches nothing.
#pragma once

#include <string>
#include <vector>

namespace dockaudit::profile {

bool glob_matches(const std::string& glob, const std::string& id);

// Why fnmatch(3) would not read `glob` as written ("" when it is sound): an
// unclosed '[' or a trailing '\' is matched literally, never as meant.
std::string glob_syntax_problem(const std::string& glob);

// The glob closest to `glob` that matches one of `ids`: the nearest id for a
// glob without wildcards, else `glob` with its literal start replaced by the
// nearest id prefix ("contianer.*" gives "container.*"); "" when none is close.
std::string nearest_glob(const std::string& glob, const std::vector<std::string>& ids);

}  // namespace dockaudit::profile
