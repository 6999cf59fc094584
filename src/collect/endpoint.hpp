// Which engine to audit, as the user named it.
#pragma once

#include <optional>
#include <string>

namespace dockaudit::collect {

inline constexpr const char* kDefaultEngineUrl = "unix:///var/run/docker.sock";

struct Endpoint {
  std::string url;          // as given, for messages: unix:///var/run/docker.sock
  std::string socket_path;  // the unix socket to connect to
};

// --host wins over DOCKER_HOST, which wins over the default socket.
std::string choose_engine_url(const std::optional<std::string>& host_flag,
                              const char* docker_host_env);

// Throws std::invalid_argument with a message naming the value when the URL is
// not one this version can reach.
Endpoint parse_endpoint(const std::string& url);

}  // namespace dockaudit::collect
