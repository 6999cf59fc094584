#include <doctest/doctest.h>

#include <stdexcept>

#include "src/collect/endpoint.hpp"

using namespace dockaudit::collect;

TEST_CASE("--host wins over DOCKER_HOST, which wins over the default socket") {
  CHECK(choose_engine_url(std::string("unix:///a.sock"), "unix:///b.sock") == "unix:///a.sock");
  CHECK(choose_engine_url(std::nullopt, "unix:///b.sock") == "unix:///b.sock");
  CHECK(choose_engine_url(std::nullopt, "") == kDefaultEngineUrl);
  CHECK(choose_engine_url(std::nullopt, nullptr) == kDefaultEngineUrl);
}

TEST_CASE("a unix URL gives the socket path") {
  const auto endpoint = parse_endpoint("unix:///run/docker.sock");
  CHECK(endpoint.socket_path == "/run/docker.sock");
}

TEST_CASE("unsupported or malformed engine addresses are refused with the value named") {
  CHECK_THROWS_WITH_AS(parse_endpoint("tcp://127.0.0.1:2376"),
                       doctest::Contains("tcp://127.0.0.1:2376"), std::invalid_argument);
  CHECK_THROWS_AS(parse_endpoint("unix://relative.sock"), std::invalid_argument);
  CHECK_THROWS_AS(parse_endpoint("unix://"), std::invalid_argument);
  CHECK_THROWS_AS(parse_endpoint("unix:///" + std::string(200, 'x')), std::invalid_argument);
}
