// What dockerd uses for the keys dockaudit's checks read when neither
// daemon.json nor a flag sets them. Some defaults depend on the engine
// version and on dockerd's own environment.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

// From this release the built-in seccomp profile is spelled "builtin", not "".
inline constexpr int kSeccompBuiltinSince = 23;

// The major number of an engine version: "20.10.24+dfsg1" is 20, "29.1.0"
// is 29; 0 when `version` is empty or unreadable.
int major_version(const std::string& version);

struct DefaultsContext {
  std::string engine_version;  // "" when the engine could not be asked
  // dockerd's DOCKER_TLS_VERIFY and DOCKER_CERT_PATH decide TLS defaults.
  std::map<std::string, std::string> dockerd_environment;
  std::optional<long> dockerd_uid;  // whose ~/.docker holds the default certificates
};

// Every value has Origin::built_in_default and names the version it is the
// default of ("default for Docker 20.10").
std::map<std::string, snapshot::Setting> built_in_defaults(const DefaultsContext& context);

}  // namespace dockaudit::collect
