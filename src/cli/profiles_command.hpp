// `dockaudit profiles list|show|validate|schema`: the profiles dockaudit can
// find, one profile as resolved, a file checked, and the schema they follow.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace dockaudit::cli {

// `arguments` are the words after "profiles"; profiles are looked up in
// `search_dirs`. Returns the exit code: usage and profile errors are printed
// to `err` and give kUsageError.
int run_profiles_command(const std::vector<std::string>& arguments,
                         const std::vector<std::filesystem::path>& search_dirs, std::ostream& out,
                         std::ostream& err);

}  // namespace dockaudit::cli
