#include "src/cli/profiles_command.hpp"

#include <map>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "src/audit/json_text.hpp"
#include "src/cli/diagnostics.hpp"
#include "src/cli/exit_code.hpp"
#include "src/profile/profile.hpp"
#include "src/profile/schema.hpp"

namespace dockaudit::cli {

namespace {

namespace fs = std::filesystem;

using audit::printable;

const std::map<std::string, std::size_t> kArgumentsOf{
    {"list", 0}, {"show", 1}, {"validate", 1}, {"schema", 0}};

std::string benchmark_text(const profile::Profile& profile) {
  if (!profile.benchmark) return "-";
  return printable(fmt::format("{} {}", profile.benchmark->name, profile.benchmark->version));
}

// One block per profile; a profile that does not load is listed with its
// error, since the list is where a broken profile gets noticed.
int list(const std::vector<fs::path>& search_dirs, std::ostream& out, std::ostream& err) {
  const auto paths = profile::list_profiles(search_dirs);
  if (paths.empty()) {
    std::vector<std::string> dirs;
    for (const auto& dir : search_dirs) dirs.push_back(dir.string());
    print_error(err, fmt::format("no profiles found in {}", fmt::join(dirs, ", ")));
    return kUsageError;
  }
  for (const auto& path : paths) {
    try {
      const auto loaded = profile::load_profile(path, search_dirs);
      out << fmt::format("{}\n  benchmark: {}\n  path: {}\n  {}\n", printable(loaded.name),
                         benchmark_text(loaded), printable(path.string()),
                         printable(loaded.description));
    } catch (const profile::ProfileError& error) {
      out << fmt::format("{}\n  path: {}\n  invalid: {}\n", printable(path.stem().string()),
                         printable(path.string()), printable(error.what()));
    }
  }
  return kPolicyMet;
}

void show_selection(const profile::Selection& selection, std::ostream& out) {
  out << fmt::format("  {}  severity {}  weight {}  level {}\n", selection.check->id,
                     audit::to_string(selection.severity), selection.weight, selection.level);
  if (selection.check->parameters.empty()) return;
  out << fmt::format("    parameters: {}\n", selection.parameters.values().dump());
  for (const auto& scope : selection.scoped) {
    out << printable(fmt::format("    scoped to images [{}] labels [{}]: {}",
                                 fmt::join(scope.images, ", "), fmt::join(scope.labels, ", "),
                                 scope.parameters.values().dump()))
        << '\n';
  }
}

int show(const std::string& name_or_path, const std::vector<fs::path>& search_dirs,
         std::ostream& out) {
  const auto loaded =
      profile::load_profile(profile::locate_profile(name_or_path, search_dirs), search_dirs);
  out << fmt::format("profile: {}\npath: {}\n", printable(loaded.name), printable(loaded.path));
  if (!loaded.extends.empty()) out << fmt::format("extends: {}\n", printable(loaded.extends));
  out << fmt::format("benchmark: {}\n", benchmark_text(loaded));
  out << fmt::format("default levels: {}\n",
                     loaded.default_levels.empty()
                         ? std::string("none (every check runs)")
                         : fmt::format("{}", fmt::join(loaded.default_levels, ", ")));
  out << fmt::format("checks ({}):\n", loaded.selections.size());
  for (const auto& selection : loaded.selections) show_selection(selection, out);
  return kPolicyMet;
}

// Takes a name as `show` does; a file of that name in the working directory
// is the file.
int validate(const std::string& name_or_path, const std::vector<fs::path>& search_dirs,
             std::ostream& out) {
  std::error_code ignored;
  const auto path = fs::exists(name_or_path, ignored)
                        ? fs::path(name_or_path)
                        : profile::locate_profile(name_or_path, search_dirs);
  const auto loaded = profile::load_profile(path, search_dirs);
  out << fmt::format("{}: OK: profile '{}' selects {} check{}\n", printable(path.string()),
                     printable(loaded.name), loaded.selections.size(),
                     loaded.selections.size() == 1 ? "" : "s");
  return kPolicyMet;
}

std::string usage() {
  return "dockaudit profiles list | show NAME|PATH | validate NAME|PATH | schema";
}

}  // namespace

int run_profiles_command(const std::vector<std::string>& arguments,
                         const std::vector<fs::path>& search_dirs, std::ostream& out,
                         std::ostream& err) {
  const auto action = arguments.empty() ? kArgumentsOf.end() : kArgumentsOf.find(arguments[0]);
  if (action == kArgumentsOf.end() || arguments.size() != action->second + 1) {
    const auto what = arguments.empty() ? std::string("profiles needs an action")
                      : action == kArgumentsOf.end()
                          ? fmt::format("unknown profiles action '{}'", arguments[0])
                          : fmt::format("profiles {} takes {} argument{}", arguments[0],
                                        action->second, action->second == 1 ? "" : "s");
    print_error(err, fmt::format("{}; use {}", what, usage()));
    return kUsageError;
  }
  try {
    if (arguments[0] == "list") return list(search_dirs, out, err);
    if (arguments[0] == "show") return show(arguments[1], search_dirs, out);
    if (arguments[0] == "validate") return validate(arguments[1], search_dirs, out);
    out << profile::profile_schema();
    return kPolicyMet;
  } catch (const profile::ProfileError& error) {
    print_error(err, error.what());
    return kUsageError;
  }
}

}  // namespace dockaudit::cli
