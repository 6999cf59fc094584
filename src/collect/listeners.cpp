// resolve_listeners, declared in effective_config.hpp.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "src/collect/effective_config.hpp"

namespace dockaudit::collect {

namespace {

// ListenStream= as an API address: a path or @abstract name is a unix
// socket; a bare port listens on every address; ADDRESS:PORT is TCP.
std::string listen_stream_address(const std::string& value) {
  if (value.starts_with("/") || value.starts_with("@")) return "unix://" + value;
  const bool port_only = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  if (port_only) return "tcp://[::]:" + value;
  return "tcp://" + value;
}

}  // namespace

std::vector<snapshot::Listener> resolve_listeners(const snapshot::EffectiveConfig& config,
                                                  const snapshot::SystemdUnits* units) {
  std::vector<snapshot::Listener> listeners;
  const auto* hosts = config.find("hosts");
  if (!hosts || !hosts->value.is_array()) return listeners;
  const auto* socket = units && units->socket ? &*units->socket : nullptr;
  for (const auto& host : hosts->value) {
    if (!host.is_string()) continue;
    const auto address = host.get<std::string>();
    if (!address.starts_with(kSocketActivation) || !socket) {
      listeners.push_back({address, hosts->source});
      continue;
    }
    for (const auto& stream : socket->listen_streams) {
      listeners.push_back({listen_stream_address(stream.value),
                           fmt::format("{} via {} ListenStream={} ({})", address, socket->name,
                                       stream.value, stream.source)});
    }
  }
  return listeners;
}

}  // namespace dockaudit::collect
