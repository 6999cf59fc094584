#include "src/profile/id_glob.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "src/profile/profile.hpp"

namespace dockaudit::profile {

namespace {

// How far a bracket expression opened at `open` runs: the index of its ']',
// or npos when it is never closed. "[]a]" and "[!]a]" hold a ']' first, and
// "[[:alpha:]]" a class whose own ']' does not close it.
std::size_t bracket_end(const std::string& glob, std::size_t open) {
  auto at = open + 1;
  if (at < glob.size() && (glob[at] == '!' || glob[at] == '^')) ++at;
  if (at < glob.size() && glob[at] == ']') ++at;
  while (at < glob.size() && glob[at] != ']') {
    if (glob[at] == '[' && at + 1 < glob.size() && glob[at + 1] == ':') {
      const auto close = glob.find(":]", at + 2);
      if (close == std::string::npos) return std::string::npos;
      at = close + 2;
    } else {
      at += glob[at] == '\\' ? 2 : 1;
    }
  }
  return at < glob.size() ? at : std::string::npos;
}

}  // namespace

bool glob_matches(const std::string& glob, const std::string& id) {
  return ::fnmatch(glob.c_str(), id.c_str(), 0) == 0;
}

std::string glob_syntax_problem(const std::string& glob) {
  for (std::size_t at = 0; at < glob.size(); ++at) {
    if (glob[at] == '\\') {
      if (at + 1 == glob.size()) return "it ends in a '\\' that escapes nothing";
      ++at;
    } else if (glob[at] == '[') {
      const auto end = bracket_end(glob, at);
      if (end == std::string::npos) {
        return fmt::format("its '[' at character {} is never closed; end the set with ']'", at + 1);
      }
      at = end;
    }
  }
  return "";
}

std::string nearest_glob(const std::string& glob, const std::vector<std::string>& ids) {
  const auto literal_end = glob.find_first_of("*?[\\");
  if (literal_end == std::string::npos) return nearest(glob, ids);
  if (literal_end == 0) return "";
  // Prefixes a little shorter or longer than the literal start, so a letter
  // dropped or doubled is found as well as one swapped.
  std::set<std::string> prefixes;
  for (const auto& id : ids) {
    for (auto length = literal_end > 2 ? literal_end - 2 : 1; length <= literal_end + 2; ++length) {
      prefixes.insert(id.substr(0, length));
    }
  }
  const auto prefix = nearest(glob.substr(0, literal_end),
                              std::vector<std::string>(prefixes.begin(), prefixes.end()));
  if (prefix.empty()) return "";
  const auto candidate = prefix + glob.substr(literal_end);
  const bool matches = std::any_of(ids.begin(), ids.end(),
                                   [&](const auto& id) { return glob_matches(candidate, id); });
  return matches ? candidate : "";
}

}  // namespace dockaudit::profile
