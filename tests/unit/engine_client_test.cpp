#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "src/collect/curl_transport.hpp"
#include "src/collect/engine_client.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit::collect;
using dockaudit::testing::FakeEngine;

namespace {

std::filesystem::path scratch_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "dockaudit-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

// A socket that accepts connections (the kernel completes them) but never
// answers: a hung daemon.
int listen_silently(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  path.copy(address.sun_path, sizeof(address.sun_path) - 1);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  REQUIRE(::listen(fd, 8) == 0);
  return fd;
}

}  // namespace

TEST_CASE("the API version is the lower of ours and the engine's") {
  FakeEngine engine;
  engine.answer("/_ping", 200, "OK", {{"api-version", "1.41"}});
  engine.answer_json("/v1.41/info", {{"ok", true}});
  EngineClient client(engine);
  CHECK(*client.negotiate().value == "1.41");
  CHECK(client.get_json("/info").ok());

  FakeEngine newer;
  newer.answer("/_ping", 200, "OK", {{"api-version", "1.99"}});
  EngineClient newer_client(newer);
  CHECK(*newer_client.negotiate().value == std::string(kNewestApiVersion));
}

TEST_CASE("without an Api-Version header the engine's own default is used") {
  FakeEngine engine;
  engine.answer("/_ping", 200, "OK");
  engine.answer_json("/info", {{"ok", true}});
  EngineClient client(engine);
  CHECK(client.negotiate().ok());
  CHECK(client.get_json("/info").ok());
  CHECK(engine.requests.back() == "/info");
}

TEST_CASE("API versions compare as numbers") {
  CHECK(api_version_less("1.9", "1.41"));
  CHECK_FALSE(api_version_less("1.41", "1.41"));
  CHECK_FALSE(api_version_less("1.x", "1.41"));
}

TEST_CASE("HTTP errors and invalid JSON are errors that name the request") {
  FakeEngine engine;
  engine.answer("/_ping", 200, "OK", {{"api-version", "1.41"}});
  engine.answer("/v1.41/containers/abc/json", 500, R"({"message":"boom"})");
  engine.answer("/v1.41/info", 200, "{truncated");
  EngineClient client(engine);
  REQUIRE(client.negotiate().ok());
  const auto failed = client.get_json("/containers/abc/json");
  CHECK(failed.http_status == 500);
  CHECK(failed.error == "GET /v1.41/containers/abc/json answered HTTP 500: boom");
  CHECK(client.get_json("/info").error.find("invalid JSON") != std::string::npos);
}

TEST_CASE("a missing socket is told apart from a file that is not a socket") {
  const auto dir = scratch_dir();
  CurlTransport missing(parse_endpoint("unix://" + (dir / "nope.sock").string()));
  const auto absent = missing.get("/_ping");
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.error.find("does not exist") != std::string::npos);

  std::ofstream(dir / "plain") << "not a socket";
  CurlTransport plain(parse_endpoint("unix://" + (dir / "plain").string()));
  const auto regular = plain.get("/_ping");
  REQUIRE_FALSE(regular.ok());
  CHECK(regular.error.find("is a regular file, not a socket") != std::string::npos);

  CurlTransport directory(parse_endpoint("unix://" + dir.string()));
  CHECK(directory.get("/_ping").error.find("is a directory, not a socket") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a socket nobody listens on is a refused connection") {
  const auto dir = scratch_dir();
  const auto path = (dir / "stale.sock").string();
  const int fd = listen_silently(path);
  ::close(fd);  // the file stays, the listener is gone
  CurlTransport stale(parse_endpoint("unix://" + path));
  CHECK(stale.get("/_ping").error.find("connection refused") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("an engine that accepts but never answers times out") {
  const auto dir = scratch_dir();
  const auto path = (dir / "hung.sock").string();
  const int fd = listen_silently(path);
  TransportLimits limits;
  limits.request_timeout = std::chrono::milliseconds(300);
  CurlTransport hung(parse_endpoint("unix://" + path), limits);
  const auto reply = hung.get("/_ping");
  ::close(fd);
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error.find("did not answer GET /_ping within 0.3 s") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a redirect or any non-2xx answer is an error, its body never trusted") {
  FakeEngine engine;
  engine.answer("/_ping", 200, "OK", {{"api-version", "1.41"}});
  engine.answer("/v1.41/info", 302, R"({"SecurityOptions":["name=userns"]})");
  EngineClient client(engine);
  REQUIRE(client.negotiate().ok());
  const auto answer = client.get_json("/info");
  CHECK_FALSE(answer.ok());
  CHECK(answer.error.find("HTTP 302") != std::string::npos);
}
