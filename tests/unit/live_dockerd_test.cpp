// Against a real dockerd, e.g. the sandbox of tests/e2e/sandbox.sh:
//   DOCKAUDIT_LIVE_SOCKET=/tmp/efx/docker.sock build/tests/dockaudit_tests -ns -ts='live*'
// Skipped by default: it needs root and a running daemon.
#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>

#include "src/collect/collector.hpp"
#include "src/collect/curl_transport.hpp"
#include "src/collect/endpoint.hpp"

using namespace dockaudit;

TEST_CASE("live: the dockerd behind a real socket is found and its flags merged" *
          doctest::skip()) {
  const char* socket = std::getenv("DOCKAUDIT_LIVE_SOCKET");
  REQUIRE_MESSAGE(socket != nullptr, "set DOCKAUDIT_LIVE_SOCKET to a dockerd socket path");
  const auto endpoint = collect::parse_endpoint(std::string("unix://") + socket);
  collect::CurlTransport transport(endpoint);
  collect::EngineClient engine(transport);
  const auto snapshot = collect::collect(engine, {std::nullopt, "/", endpoint.socket_path});

  REQUIRE_MESSAGE(snapshot.daemon.process.ok(), snapshot.daemon.process.error);
  const auto& process = *snapshot.daemon.process.value;
  std::cout << "pid " << process.pid << ", " << process.found_by << "\n";
  std::cout << "daemon.json: " << snapshot.daemon_config.path << " ("
            << snapshot.daemon.config_path_reason << ")\n";
  for (const auto& [key, setting] : snapshot.daemon.effective.settings) {
    std::cout << "  " << key << " = " << setting.value.dump() << "  [" << to_string(setting.origin)
              << ": " << setting.source << "]\n";
  }
  for (const auto& problem : snapshot.daemon.effective.problems) {
    std::cout << "  problem " << to_string(problem.kind) << ": " << problem.message << "\n";
  }
  for (const auto& listener : snapshot.daemon.listeners) {
    std::cout << "  listens on " << listener.address << " (" << listener.source << ")\n";
  }
  CHECK(snapshot.daemon.effective.flags_source == "pid " + std::to_string(process.pid));
  CHECK(snapshot.daemon.config_path_reason.starts_with("--config-file of dockerd"));
  CHECK(snapshot.daemon_config.state == snapshot::DaemonConfig::State::accepted);
  REQUIRE(snapshot.daemon.effective.find("hosts"));
  CHECK(snapshot.daemon.effective.find("hosts")->origin == snapshot::Origin::flag);
}
