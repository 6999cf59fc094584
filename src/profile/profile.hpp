// Benchmark profiles: which checks run, with what severity and weight.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/check.hpp"
#include "src/audit/result.hpp"

namespace dockaudit::profile {

// Parameters for the containers or images a scope matches. A target matches
// when it satisfies every list given: one of the image globs, and one of the
// labels ("team=web*" or "team", which asks only that the label exists).
struct ScopedParameters {
  std::vector<std::string> images;  // globs over Config.Image or an image's tags: "nginx:*"
  std::vector<std::string> labels;
  nlohmann::json overrides = nlohmann::json::object();  // what the scope itself sets
  checks::Parameters parameters;  // the selection's parameters overlaid by `overrides`
};

struct Selection {
  const checks::Check* check = nullptr;
  audit::Severity severity = audit::Severity::medium;
  double weight = 1.0;
  std::string level;              // "1", "2" or "swarm": the benchmark level it belongs to
  checks::Parameters parameters;  // the check's defaults, overlaid by the profile's values
  // For container and image checks: the first scope that matches a target
  // decides the parameters its result is judged with.
  std::vector<ScopedParameters> scoped;
};

// The benchmark a profile implements, named in every report.
struct Benchmark {
  std::string name;     // "CIS Docker Benchmark"
  std::string version;  // "1.8.0"
};

struct Profile {
  std::string name;
  std::string description;
  std::string path;
  std::string extends;  // the path of the profile this one extends; "" for none
  std::optional<Benchmark> benchmark;
  // A profile with levels says which run by default ("1" and "swarm"); a
  // profile without them (empty) always runs every check it selects.
  std::vector<std::string> default_levels;
  // The levels this run audits, once apply_levels has chosen them.
  std::vector<std::string> levels;
  std::vector<Selection> selections;
};

// A profile that cannot be used. The message names the file, line and column.
class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kDefaultProfile = "cis-docker-1.8";

// The levels a profile may give a check. Level 2 holds level 1 as well, as in
// the CIS benchmark; swarm items are a selection of their own.
inline const std::vector<std::string> kLevels{"1", "2", "swarm"};

// Loads and validates a profile file and the profiles it extends, looking up
// an `extends: NAME` beside the file and then in `search_dirs`; throws
// ProfileError.
Profile load_profile(const std::filesystem::path& path,
                     const std::vector<std::filesystem::path>& search_dirs);
// The same, searching default_profile_dirs().
Profile load_profile(const std::filesystem::path& path);

// Keeps the selections of the requested levels (the profile's default levels
// when `requested` is empty) and records them in `levels`. Throws ProfileError
// for an unknown level, or for levels asked of a profile that has none.
Profile apply_levels(Profile profile, const std::vector<std::string>& requested);

// A name ("baseline") is looked up as NAME.yaml in `search_dirs`, in order; an
// argument holding a '/' or ending in .yaml is a path. Throws ProfileError
// listing the available names when nothing matches.
std::filesystem::path locate_profile(const std::string& name_or_path,
                                     const std::vector<std::filesystem::path>& search_dirs);

// Every NAME.yaml in `search_dirs`, the first of each name only, sorted by
// name; what `extends: NAME` and `--profile NAME` can find.
std::vector<std::filesystem::path> list_profiles(
    const std::vector<std::filesystem::path>& search_dirs);

// $DOCKAUDIT_PROFILE_DIR, <prefix>/share/dockaudit/profiles beside the binary,
// /usr/share/dockaudit/profiles, then the source tree's profiles/.
std::vector<std::filesystem::path> default_profile_dirs();

// The candidate closest to `word` by edit distance, or "" when none is close.
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace dockaudit::profile
