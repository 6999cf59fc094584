// Benchmark profiles: which checks run, with what severity and weight.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "checks/check.hpp"
#include "src/audit/result.hpp"

namespace dockaudit::profile {

struct Selection {
  const checks::Check* check = nullptr;
  audit::Severity severity = audit::Severity::medium;
  double weight = 1.0;
};

struct Profile {
  std::string name;
  std::string description;
  std::string path;
  std::vector<Selection> selections;
};

// A profile that cannot be used. The message names the file, line and column.
class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kDefaultProfile = "baseline";

// Loads and validates a profile file; throws ProfileError.
Profile load_profile(const std::filesystem::path& path);

// A name ("baseline") is looked up as NAME.yaml in `search_dirs`, in order; an
// argument holding a '/' or ending in .yaml is a path. Throws ProfileError
// listing the available names when nothing matches.
std::filesystem::path locate_profile(const std::string& name_or_path,
                                     const std::vector<std::filesystem::path>& search_dirs);

// $DOCKAUDIT_PROFILE_DIR, <prefix>/share/dockaudit/profiles beside the binary,
// /usr/share/dockaudit/profiles, then the source tree's profiles/.
std::vector<std::filesystem::path> default_profile_dirs();

// The candidate closest to `word` by edit distance, or "" when none is close.
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace dockaudit::profile
