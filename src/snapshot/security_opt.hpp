// HostConfig.SecurityOpt entries, split the way dockerd splits them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dockaudit::snapshot {

struct SecurityOption {
  std::string key;    // "label", "apparmor", "seccomp", "no-new-privileges"
  std::string value;  // empty for a bare key
  std::string raw;    // the entry as stored, for evidence
};

// Splits at the first '=', else at the first ':' (the deprecated form). Inline
// seccomp JSON holds both characters, so the order matters.
SecurityOption parse_security_option(std::string_view raw);
std::vector<SecurityOption> parse_security_options(const std::vector<std::string>& raw);

// Go's strconv.ParseBool spellings, which dockerd accepts for boolean options.
std::optional<bool> parse_go_bool(std::string_view text);

}  // namespace dockaudit::snapshot
