// How profile scopes and waivers pick targets: fnmatch(3) globs over names,
// and label selectors "key" (any value) or "key=value-glob".
#pragma once

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace dockaudit::audit {

inline bool glob_matches(const std::string& glob, const std::string& text) {
  return ::fnmatch(glob.c_str(), text.c_str(), 0) == 0;
}

// Whether any glob matches any of the texts.
inline bool any_glob_matches(const std::vector<std::string>& globs,
                             const std::vector<std::string>& texts) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) {
    return std::any_of(texts.begin(), texts.end(),
                       [&](const std::string& text) { return glob_matches(glob, text); });
  });
}

// "team=web*" asks for the label with a value the glob matches; "team" for
// the label whatever its value.
inline bool label_matches(const std::string& wanted,
                          const std::map<std::string, std::string>& labels) {
  const auto equals = wanted.find('=');
  const auto found = labels.find(wanted.substr(0, equals));
  if (found == labels.end()) return false;
  return equals == std::string::npos || glob_matches(wanted.substr(equals + 1), found->second);
}

// Whether any of the selectors matches the labels.
inline bool any_label_matches(const std::vector<std::string>& selectors,
                              const std::map<std::string, std::string>& labels) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& wanted) { return label_matches(wanted, labels); });
}

}  // namespace dockaudit::audit
