#include "src/collect/endpoint.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace dockaudit::collect {

namespace {

// sockaddr_un.sun_path holds 108 bytes including the terminating NUL.
constexpr std::size_t kMaxSocketPathLength = 107;

}  // namespace

std::string choose_engine_url(const std::optional<std::string>& host_flag,
                              const char* docker_host_env) {
  if (host_flag && !host_flag->empty()) return *host_flag;
  if (docker_host_env != nullptr && *docker_host_env != '\0') return docker_host_env;
  return kDefaultEngineUrl;
}

Endpoint parse_endpoint(const std::string& url) {
  constexpr std::string_view unix_scheme = "unix://";
  if (!url.starts_with(unix_scheme)) {
    throw std::invalid_argument(
        fmt::format("engine address '{}' is not supported: dockaudit reaches the engine through a "
                    "unix socket, written unix:///path/to/docker.sock",
                    url));
  }
  auto path = url.substr(unix_scheme.size());
  if (path.empty() || path.front() != '/') {
    throw std::invalid_argument(fmt::format(
        "engine address '{}' has no absolute socket path; write it as unix:///path/to/socket",
        url));
  }
  if (path.size() > kMaxSocketPathLength) {
    throw std::invalid_argument(
        fmt::format("socket path in '{}' is {} bytes long; unix sockets allow at most {}", url,
                    path.size(), kMaxSocketPathLength));
  }
  return {url, path};
}

}  // namespace dockaudit::collect
