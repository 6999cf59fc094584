#include <doctest/doctest.h>

#include <filesystem>

#include "src/collect/daemon_config.hpp"

using namespace dockaudit::collect;
using State = dockaudit::snapshot::DaemonConfig::State;

namespace {

dockaudit::snapshot::DaemonConfig judge(std::string_view text) {
  return parse_daemon_config("/etc/docker/daemon.json", text);
}

}  // namespace

TEST_CASE("a valid daemon.json is accepted and its keys located") {
  const auto config = judge("{\n  \"icc\": false,\n  \"userns-remap\": \"default\"\n}\n");
  REQUIRE(config.state == State::accepted);
  REQUIRE(config.setting("userns-remap") != nullptr);
  CHECK(*config.setting("userns-remap") == "default");
  CHECK(config.key_positions.at("userns-remap").line == 3);
  CHECK(config.key_positions.at("userns-remap").column == 3);
  CHECK(config.setting("live-restore") == nullptr);
}

TEST_CASE("a comment is rejected at its line and column") {
  const auto config = judge("{\n  // remap users\n  \"userns-remap\": \"default\"\n}");
  CHECK(config.state == State::rejected);
  CHECK(config.position.line == 2);
  CHECK(config.position.column == 3);
  CHECK(config.setting("userns-remap") == nullptr);
}

TEST_CASE("a trailing comma is rejected where the next key was expected") {
  const auto config = judge("{\n  \"userns-remap\": \"default\",\n}\n");
  CHECK(config.state == State::rejected);
  CHECK(config.position.line == 3);
  CHECK(config.position.column == 1);
}

TEST_CASE("a value of the wrong type is rejected at its key") {
  const auto config = judge("{\"icc\": true,\n \"live-restore\": \"true\"}");
  REQUIRE(config.state == State::rejected);
  CHECK(config.position.line == 2);
  CHECK(config.position.column == 2);
  CHECK(config.problem.find("'live-restore' must be a boolean") != std::string::npos);
  CHECK(config.problem.find("\"true\"") != std::string::npos);
  CHECK(config.settings.empty());
}

TEST_CASE("list and integer keys are type-checked too") {
  CHECK(judge(R"({"hosts": "unix:///x.sock"})").state == State::rejected);
  CHECK(judge(R"({"hosts": ["unix:///x.sock", 1]})").state == State::rejected);
  CHECK(judge(R"({"mtu": 1500.5})").state == State::rejected);
  CHECK(judge(R"({"userns-remap": null})").state == State::accepted);
}

TEST_CASE("a second document is refused by Docker 23 and later, used-first by 20.10") {
  const auto text = "{\"debug\": true}\n{\"icc\": false}\n";
  auto old_engine = judge(text);
  settle_for_engine_version(old_engine, "20.10.24+dfsg1");
  CHECK(old_engine.state == State::accepted);
  CHECK(*old_engine.setting("debug") == true);
  CHECK(old_engine.setting("icc") == nullptr);

  for (const char* version : {"24.0.5", ""}) {
    CAPTURE(version);
    auto config = judge(text);
    settle_for_engine_version(config, version);
    CHECK(config.state == State::rejected);
    CHECK(config.position.line == 2);
    CHECK(config.position.column == 1);
    CHECK(config.setting("debug") == nullptr);
  }
}

TEST_CASE("an empty file or a byte-order mark is refused before Docker 23 only") {
  for (const char* text : {"", "  \n", "\xEF\xBB\xBF{\"debug\": true}"}) {
    CAPTURE(text);
    auto old_engine = judge(text);
    settle_for_engine_version(old_engine, "20.10.24+dfsg1");
    CHECK(old_engine.state == State::rejected);
    auto unknown = judge(text);
    settle_for_engine_version(unknown, "");
    CHECK(unknown.state == State::rejected);
    auto modern = judge(text);
    settle_for_engine_version(modern, "29.1.0");
    CHECK(modern.state == State::accepted);
  }
}

TEST_CASE("a top level that is not an object is rejected") {
  CHECK(judge("[]").state == State::rejected);
  CHECK(judge("\"text\"").state == State::rejected);
}

TEST_CASE("invalid UTF-8 is replaced inside strings, as Go does, and refused outside") {
  const auto inside = judge("{\"labels\": [\"a\xff\"]}");
  REQUIRE(inside.state == State::accepted);
  CHECK(inside.setting("labels")->at(0) == "a\xEF\xBF\xBD");
  const auto outside = judge("{\xff}");
  CHECK(outside.state == State::rejected);
  CHECK(outside.position.column == 2);
}

TEST_CASE("nesting deeper than Go's decoder allows is refused at the place it happens") {
  const auto deep = "{\"dns\":" + std::string(20000, '[') + std::string(20000, ']') + "}";
  const auto config = judge(deep);
  REQUIRE(config.state == State::rejected);
  CHECK(config.position.line == 1);
  // The object is level 1, so the 10000th '[' (column 7 + 10000) is level 10001.
  CHECK(config.position.column == 7 + 10000);
  CHECK(config.problem.find("deeper than 10000") != std::string::npos);
}

TEST_CASE("a number beyond the range of a double is rejected at its place, as dockerd does") {
  const auto config = judge("{\n  \"max-concurrent-downloads\": 1e400\n}");
  REQUIRE(config.state == State::rejected);
  CHECK(config.position.line == 2);
  CHECK(config.position.column == 31);
  CHECK(config.problem == "number overflow parsing '1e400'");
}

TEST_CASE("log-opts values must be strings") {
  CHECK(judge(R"({"log-opts": {"max-size": 10}})").state == State::rejected);
  CHECK(judge(R"({"log-opts": {"max-size": "10m"}})").state == State::accepted);
}

TEST_CASE("duplicate keys keep the last value, as dockerd does") {
  const auto config = judge(R"({"userns-remap": "a", "userns-remap": "default"})");
  REQUIRE(config.state == State::accepted);
  CHECK(*config.setting("userns-remap") == "default");
}

TEST_CASE("a missing file means the daemon's defaults; a directory is unreadable") {
  const auto missing = read_daemon_config("/nonexistent/dockaudit/daemon.json");
  CHECK(missing.state == State::absent);
  const auto directory = read_daemon_config(std::filesystem::temp_directory_path().string());
  CHECK(directory.state == State::unreadable);
}

TEST_CASE("positions count lines and columns from 1") {
  CHECK(position_of("ab\ncd", 0).line == 1);
  CHECK(position_of("ab\ncd", 4).line == 2);
  CHECK(position_of("ab\ncd", 4).column == 2);
}
