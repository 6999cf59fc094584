#include "src/profile/profile.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include "src/profile/document.hpp"
#include "src/profile/schema.hpp"

namespace dockaudit::profile {

namespace {

namespace fs = std::filesystem;

// A profile lists a few hundred checks at most; anything far larger is a
// mistake, and yaml-cpp would hold all of it in memory.
constexpr std::uintmax_t kMaxProfileBytes = 4 * 1024 * 1024;

// A chain of profiles longer than this is a mistake, not a design.
constexpr std::size_t kMaxExtendsDepth = 16;

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    auto diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const auto above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> profile_names(const std::vector<fs::path>& dirs) {
  std::vector<std::string> names;
  for (const auto& path : list_profiles(dirs)) names.push_back(path.stem().string());
  return names;
}

YAML::Node parse_file(const fs::path& path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error) {
    throw ProfileError(
        fmt::format("{}: cannot read the profile: {}", path.string(), error.message()));
  }
  if (!fs::is_regular_file(status)) {
    throw ProfileError(fmt::format("{}: not a regular file", path.string()));
  }
  if (fs::file_size(path, error) > kMaxProfileBytes) {
    throw ProfileError(fmt::format("{}: {} bytes is larger than a profile can be ({} at most)",
                                   path.string(), fs::file_size(path, error), kMaxProfileBytes));
  }
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAllFromFile(path.string());
  } catch (const YAML::BadFile&) {
    throw ProfileError(fmt::format("{}: cannot read the profile file", path.string()));
  } catch (const YAML::ParserException& error) {
    throw ProfileError(located(path, error.mark, error.msg));
  }
  if (documents.size() > 1) {
    throw ProfileError(
        located(path, documents[1].Mark(), "a profile is one YAML document; this is a second one"));
  }
  return documents.empty() ? YAML::Node() : documents.front();
}

// The reader names problems in dockaudit's words first; the schema then
// refuses whatever shape the reader has no word for.
Document read_file(const fs::path& path) {
  const auto root = parse_file(path);
  try {
    auto document = read_document(root, path);
    validate_against_schema(root, path);
    return document;
  } catch (const YAML::Exception& error) {
    // A key that is itself a list or map, and other shapes yaml-cpp cannot
    // convert.
    throw ProfileError(
        located(path, error.mark, "unexpected YAML here (a key must be plain text): " + error.msg));
  }
}

// The first NAME.yaml in `dirs` other than `child` itself, so a site file
// cis-docker-1.8.yaml may extend the shipped cis-docker-1.8. When `child` is
// the only match, it is returned, and the caller reports the cycle.
fs::path locate_named_parent(const std::string& name, const std::vector<fs::path>& dirs,
                             const fs::path& child) {
  for (const auto& dir : dirs) {
    const auto candidate = dir / (name + ".yaml");
    std::error_code error;
    if (fs::is_regular_file(candidate, error) && !fs::equivalent(candidate, child, error)) {
      return candidate.lexically_normal();
    }
  }
  return locate_profile(name, dirs).lexically_normal();
}

// `extends: NAME` is looked up beside the extending file, then in the
// profile directories; a path is taken relative to the extending file.
fs::path locate_parent(const Document& document, const std::vector<fs::path>& search_dirs) {
  const auto& wanted = *document.extends;
  const auto here = document.path.parent_path();
  try {
    const bool is_path =
        wanted.find('/') != std::string::npos || fs::path(wanted).extension() == ".yaml";
    if (!is_path) {
      auto dirs = search_dirs;
      dirs.insert(dirs.begin(), here.empty() ? fs::path(".") : here);
      return locate_named_parent(wanted, dirs, document.path);
    }
    // An absolute `wanted` stays as it is; "./b.yaml" beside "./a.yaml" is
    // named "b.yaml", not "././b.yaml".
    const auto parent = (here / wanted).lexically_normal();
    std::error_code error;
    if (!fs::is_regular_file(parent, error)) {
      throw ProfileError(fmt::format("no profile file at {}", parent.string()));
    }
    return parent;
  } catch (const ProfileError& error) {
    throw ProfileError(located(document.path, document.extends_mark,
                               fmt::format("extends '{}': {}", wanted, error.what())));
  }
}

// A problem in a profile that another one extends, naming the `extends`
// lines that led to it, nearest first: "(extended by b.yaml:2:10, which is
// extended by a.yaml:2:10)".
class ParentError : public ProfileError {
 public:
  ParentError(std::string problem, std::vector<std::string> extended_by)
      : ProfileError(describe(problem, extended_by)),
        problem_(std::move(problem)),
        extended_by_(std::move(extended_by)) {}

  const std::string& problem() const { return problem_; }
  const std::vector<std::string>& extended_by() const { return extended_by_; }

 private:
  static std::string describe(const std::string& problem,
                              const std::vector<std::string>& extended_by) {
    return fmt::format("{} (extended by {})", problem,
                       fmt::join(extended_by, ", which is extended by "));
  }

  std::string problem_;
  std::vector<std::string> extended_by_;
};

std::string describe_chain(const std::vector<fs::path>& chain, const fs::path& last) {
  std::vector<std::string> names;
  for (const auto& path : chain) names.push_back(path.string());
  names.push_back(last.string());
  return fmt::format("{}", fmt::join(names, " -> "));
}

// `chain` holds the canonical paths of the files that extend this one, so a
// file met twice is a cycle.
Profile load_chain(const fs::path& path, const std::vector<fs::path>& search_dirs,
                   std::vector<fs::path>& chain) {
  const auto document = read_file(path);
  Profile base;
  if (document.extends) {
    const auto parent = locate_parent(document, search_dirs);
    std::error_code error;
    const auto canonical = fs::weakly_canonical(parent, error);
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
      throw ProfileError(located(document.path, document.extends_mark,
                                 fmt::format("extends '{}' makes a cycle: {}", *document.extends,
                                             describe_chain(chain, canonical))));
    }
    if (chain.size() >= kMaxExtendsDepth) {
      throw ProfileError(located(document.path, document.extends_mark,
                                 fmt::format("extends '{}': profiles extend each other more than "
                                             "{} deep",
                                             *document.extends, kMaxExtendsDepth)));
    }
    chain.push_back(canonical);
    try {
      base = load_chain(parent, search_dirs, chain);
    } catch (const ParentError& error) {
      auto extended_by = error.extended_by();
      extended_by.push_back(place(document.path, document.extends_mark));
      throw ParentError(error.problem(), std::move(extended_by));
    } catch (const ProfileError& error) {
      throw ParentError(error.what(), {place(document.path, document.extends_mark)});
    }
    chain.pop_back();
  }
  return apply_document(std::move(base), document);
}

}  // namespace

Profile apply_levels(Profile profile, const std::vector<std::string>& requested) {
  if (profile.default_levels.empty()) {
    if (!requested.empty()) {
      throw ProfileError(fmt::format(
          "--level: profile '{}' has no levels and always runs every check it selects; levels "
          "belong to the cis-docker-* profiles",
          profile.name));
    }
    return profile;
  }
  auto levels = requested.empty() ? profile.default_levels : requested;
  for (const auto& level : levels) {
    if (std::find(kLevels.begin(), kLevels.end(), level) == kLevels.end()) {
      const auto close = nearest(level, kLevels);
      const auto hint = close.empty() ? "" : fmt::format("; did you mean '{}'?", close);
      throw ProfileError(fmt::format("--level '{}' is not one of 1, 2, swarm{}", level, hint));
    }
  }
  const auto wanted = [&](const std::string& level) {
    const auto asked = [&](const char* name) {
      return std::find(levels.begin(), levels.end(), name) != levels.end();
    };
    return asked(level.c_str()) || (level == "1" && asked("2"));
  };
  std::erase_if(profile.selections,
                [&](const Selection& selection) { return !wanted(selection.level); });
  // Level 2 holds level 1: "1,2" is said "2".
  if (std::find(levels.begin(), levels.end(), "2") != levels.end()) std::erase(levels, "1");
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  if (profile.selections.empty()) {
    throw ProfileError(fmt::format("profile '{}' selects no check at level {}; nothing to audit",
                                   profile.name, fmt::join(levels, ", ")));
  }
  profile.levels = std::move(levels);
  return profile;
}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  auto best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const auto distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

Profile load_profile(const fs::path& path, const std::vector<fs::path>& search_dirs) {
  std::error_code error;
  std::vector<fs::path> chain{fs::weakly_canonical(path, error)};
  return load_chain(path, search_dirs, chain);
}

Profile load_profile(const fs::path& path) { return load_profile(path, default_profile_dirs()); }

std::vector<fs::path> list_profiles(const std::vector<fs::path>& search_dirs) {
  std::map<std::string, fs::path> found;
  for (const auto& dir : search_dirs) {
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(dir, ignored)) {
      if (entry.path().extension() == ".yaml" && entry.is_regular_file(ignored)) {
        found.emplace(entry.path().stem().string(), entry.path());
      }
    }
  }
  std::vector<fs::path> paths;
  for (const auto& [name, path] : found) paths.push_back(path);
  return paths;
}

fs::path locate_profile(const std::string& name_or_path, const std::vector<fs::path>& dirs) {
  const bool is_path =
      name_or_path.find('/') != std::string::npos || fs::path(name_or_path).extension() == ".yaml";
  if (is_path) return name_or_path;
  for (const auto& dir : dirs) {
    const auto candidate = dir / (name_or_path + ".yaml");
    std::error_code ignored;
    if (fs::is_regular_file(candidate, ignored)) return candidate;
  }
  const auto names = profile_names(dirs);
  const auto close = nearest(name_or_path, names);
  throw ProfileError(fmt::format(
      "no profile named '{}'{}; available: {}", name_or_path,
      close.empty() ? "" : fmt::format(" (did you mean '{}'?)", close),
      names.empty() ? std::string("none found") : fmt::format("{}", fmt::join(names, ", "))));
}

std::vector<fs::path> default_profile_dirs() {
  std::vector<fs::path> dirs;
  if (const char* override_dir = std::getenv("DOCKAUDIT_PROFILE_DIR")) {
    dirs.emplace_back(override_dir);
  }
  // Installed next to the binary: <prefix>/bin/dockaudit, <prefix>/share/...
  std::error_code error;
  const auto exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) dirs.push_back(exe.parent_path().parent_path() / "share/dockaudit/profiles");
  dirs.emplace_back("/usr/share/dockaudit/profiles");
  dirs.emplace_back(DOCKAUDIT_SOURCE_PROFILES);
  return dirs;
}

}  // namespace dockaudit::profile
