#include <doctest/doctest.h>

#include "src/collect/dockerd_flags.hpp"

using namespace dockaudit::collect;
using nlohmann::json;

namespace {

json value_of(const DockerdFlags& flags, const std::string& key) {
  const auto found = flags.settings.find(key);
  return found == flags.settings.end() ? json() : found->second.value;
}

}  // namespace

TEST_CASE("a value is read after '=' and from the next argument alike") {
  const auto flags = parse_dockerd_flags({"--log-level=warn", "--data-root", "/srv/docker"});
  CHECK(value_of(flags, "log-level") == "warn");
  CHECK(value_of(flags, "data-root") == "/srv/docker");
  CHECK(flags.settings.at("data-root").spellings ==
        std::vector<std::string>{"--data-root /srv/docker"});
  CHECK(flags.unknown.empty());
}

TEST_CASE("a boolean flag never takes the next argument") {
  const auto flags = parse_dockerd_flags({"--live-restore", "--icc=false", "--iptables", "false"});
  CHECK(value_of(flags, "live-restore") == true);
  CHECK(value_of(flags, "icc") == false);
  CHECK(value_of(flags, "iptables") == true);
  CHECK(flags.unknown == std::vector<std::string>{"false"});
}

TEST_CASE("a boolean flag with a value that is not a boolean is a problem, not a setting") {
  const auto flags = parse_dockerd_flags({"--icc=maybe"});
  CHECK(flags.settings.count("icc") == 0);
  REQUIRE(flags.problems.size() == 1);
  CHECK(flags.problems.front().find("--icc=maybe") != std::string::npos);
}

TEST_CASE("shorthands take their value joined, after '=', or from the next argument") {
  const auto flags =
      parse_dockerd_flags({"-Hunix:///a.sock", "-H=tcp://127.0.0.1:2376", "-H", "fd://", "-G",
                           "staff", "-p", "/run/d.pid", "-s", "overlay2", "-b", "none"});
  CHECK(value_of(flags, "hosts") ==
        json::array({"unix:///a.sock", "tcp://127.0.0.1:2376", "fd://"}));
  CHECK(value_of(flags, "group") == "staff");
  CHECK(value_of(flags, "pidfile") == "/run/d.pid");
  CHECK(value_of(flags, "storage-driver") == "overlay2");
  CHECK(value_of(flags, "bridge") == "none");
}

TEST_CASE("boolean shorthands combine with a following shorthand") {
  const auto flags = parse_dockerd_flags({"-Dl", "debug"});
  CHECK(value_of(flags, "debug") == true);
  CHECK(value_of(flags, "log-level") == "debug");
  CHECK(value_of(parse_dockerd_flags({"-D=false"}), "debug") == false);
}

TEST_CASE("a repeated scalar flag keeps the last value") {
  const auto flags = parse_dockerd_flags({"--log-level=debug", "-l", "error"});
  CHECK(value_of(flags, "log-level") == "error");
  CHECK(flags.settings.at("log-level").spellings == std::vector<std::string>{"-l error"});
}

TEST_CASE("list and map flags accumulate under their daemon.json keys") {
  const auto flags = parse_dockerd_flags(
      {"--label", "a=1", "--label=b=2", "--log-opt", "max-size=10m", "--log-opt=max-file=3",
       "--insecure-registry", "r.local:5000", "--registry-mirror=https://m.local",
       "--authorization-plugin=authz", "--storage-opt", "dm.basesize=20G", "--dns", "1.1.1.1",
       "--exec-opt", "native.cgroupdriver=systemd"});
  CHECK(value_of(flags, "labels") == json::array({"a=1", "b=2"}));
  CHECK(value_of(flags, "log-opts") == json{{"max-size", "10m"}, {"max-file", "3"}});
  CHECK(value_of(flags, "insecure-registries") == json::array({"r.local:5000"}));
  CHECK(value_of(flags, "registry-mirrors") == json::array({"https://m.local"}));
  CHECK(value_of(flags, "authorization-plugins") == json::array({"authz"}));
  CHECK(value_of(flags, "storage-opts") == json::array({"dm.basesize=20G"}));
  CHECK(value_of(flags, "dns") == json::array({"1.1.1.1"}));
  CHECK(value_of(flags, "exec-opts") == json::array({"native.cgroupdriver=systemd"}));
  CHECK(flags.settings.at("labels").spellings.size() == 2);
}

TEST_CASE("ulimits and runtimes are spelled as daemon.json spells them") {
  const auto flags =
      parse_dockerd_flags({"--default-ulimit", "nofile=1024:2048", "--default-ulimit=nproc=512",
                           "--add-runtime", "crun=/usr/bin/crun"});
  CHECK(value_of(flags, "default-ulimits") ==
        json{{"nofile", {{"Name", "nofile"}, {"Soft", 1024}, {"Hard", 2048}}},
             {"nproc", {{"Name", "nproc"}, {"Soft", 512}, {"Hard", 512}}}});
  CHECK(value_of(flags, "runtimes") == json{{"crun", {{"path", "/usr/bin/crun"}}}});
}

TEST_CASE("--config-file is kept apart from the settings") {
  const auto flags = parse_dockerd_flags({"--config-file", "conf/daemon.json"});
  REQUIRE(flags.config_file);
  CHECK(*flags.config_file == "conf/daemon.json");
  CHECK(flags.settings.empty());
}

TEST_CASE("unknown flags are kept with their value and do not stop the parse") {
  const auto flags = parse_dockerd_flags({"--frobnicate", "7", "--shiny=yes", "-Z", "--icc=false"});
  CHECK(flags.unknown == std::vector<std::string>{"--frobnicate 7", "--shiny=yes", "-Z"});
  CHECK(value_of(flags, "icc") == false);
}

TEST_CASE("daemon.json keys are the long flag names, the plurals and the exempt keys") {
  CHECK(is_accepted_daemon_json_key("icc", 20));
  CHECK(is_accepted_daemon_json_key("labels", 20));
  CHECK(is_accepted_daemon_json_key("label", 20));
  CHECK(is_accepted_daemon_json_key("features", 20));
  CHECK_FALSE(is_accepted_daemon_json_key("D", 20));
  CHECK_FALSE(is_accepted_daemon_json_key("default-init", 20));
  CHECK_FALSE(is_accepted_daemon_json_key("http-proxy", 20));
  CHECK(is_accepted_daemon_json_key("http-proxy", 23));
  CHECK(is_accepted_daemon_json_key("graph", 20));
  CHECK_FALSE(is_accepted_daemon_json_key("graph", 23));
  CHECK(is_accepted_daemon_json_key("min-api-version", 29));
}

TEST_CASE("singular names of repeatable flags are accepted in daemon.json but ignored") {
  CHECK(replacement_for_ignored_key("label") == "labels");
  CHECK(replacement_for_ignored_key("insecure-registry") == "insecure-registries");
  CHECK(replacement_for_ignored_key("authorization-plugin") == "authorization-plugins");
  CHECK(replacement_for_ignored_key("containerd-plugins-namespace") == "");
  CHECK_FALSE(replacement_for_ignored_key("labels"));
  CHECK_FALSE(replacement_for_ignored_key("dns"));
}
