#include "src/snapshot/capabilities.hpp"

#include <algorithm>
#include <cctype>

namespace dockaudit::snapshot {

std::string normalise_capability(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "ALL" || upper.starts_with("CAP_")) return upper;
  return "CAP_" + upper;
}

std::vector<std::string> normalise_capabilities(const std::vector<std::string>& names) {
  std::vector<std::string> normalised;
  normalised.reserve(names.size());
  for (const auto& name : names) normalised.push_back(normalise_capability(name));
  return normalised;
}

const std::set<std::string>& default_capabilities() {
  static const std::set<std::string> defaults{
      "CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",
      "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",           "CAP_SETUID",
      "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
      "CAP_KILL",    "CAP_AUDIT_WRITE",
  };
  return defaults;
}

}  // namespace dockaudit::snapshot
