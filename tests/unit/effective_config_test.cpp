#include <doctest/doctest.h>

#include <algorithm>

#include "src/collect/daemon_config.hpp"
#include "src/collect/effective_config.hpp"
#include "src/collect/systemd_units.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using nlohmann::json;
using snapshot::ConfigProblem;
using snapshot::Origin;
using Kind = ConfigProblem::Kind;

namespace {

constexpr const char* kPath = "/etc/docker/daemon.json";

struct Merge {
  snapshot::DaemonConfig file;
  collect::DockerdFlags flags;
  snapshot::EffectiveConfig config;
};

// Merges daemon.json text with a dockerd command line, as pid 123 of 20.10.
Merge merge(std::string_view file_text, const std::vector<std::string>& arguments,
            const std::string& version = "20.10.24+dfsg1") {
  Merge result{
      collect::parse_daemon_config(kPath, file_text), collect::parse_dockerd_flags(arguments), {}};
  REQUIRE(result.file.state == snapshot::DaemonConfig::State::accepted);
  collect::MergeInputs inputs;
  inputs.defaults.engine_version = version;
  inputs.file = &result.file;
  inputs.flags = &result.flags;
  inputs.flags_source = "pid 123";
  result.config = collect::merge_effective_config(inputs);
  return result;
}

std::vector<ConfigProblem> problems_of(const snapshot::EffectiveConfig& config, Kind kind) {
  std::vector<ConfigProblem> found;
  std::copy_if(config.problems.begin(), config.problems.end(), std::back_inserter(found),
               [&](const ConfigProblem& problem) { return problem.kind == kind; });
  return found;
}

}  // namespace

TEST_CASE("unset keys take the defaults of the engine's version") {
  const auto old = merge("{}", {}).config;
  REQUIRE(old.find("seccomp-profile"));
  CHECK(old.find("seccomp-profile")->value == "");
  CHECK(old.find("ip6tables")->value == false);
  CHECK(old.find("icc")->value == true);
  CHECK(old.find("icc")->origin == Origin::built_in_default);
  CHECK(old.find("icc")->source == "default for Docker 20.10");
  const auto recent = merge("{}", {}, "29.1.2").config;
  CHECK(recent.find("seccomp-profile")->value == "builtin");
  CHECK(recent.find("ip6tables")->value == true);
  CHECK(recent.find("icc")->source == "default for Docker 29.1");
  CHECK(old.problems.empty());
}

TEST_CASE("TLS defaults follow dockerd's DOCKER_TLS_VERIFY and DOCKER_CERT_PATH") {
  collect::DefaultsContext context;
  context.dockerd_environment = {{"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", "/certs"}};
  const auto defaults = collect::built_in_defaults(context);
  CHECK(defaults.at("tlsverify").value == true);
  CHECK(defaults.at("tlscacert").value == "/certs/ca.pem");
  context.dockerd_environment.clear();
  context.dockerd_uid = 0;
  CHECK(collect::built_in_defaults(context).at("tlskey").value == "/root/.docker/key.pem");
}

TEST_CASE("the file overrides defaults and flags override the file, each with its source") {
  const auto merged = merge("{\n  \"log-level\": \"warn\",\n  \"icc\": false\n}", {"-l", "debug"});
  const auto& config = merged.config;
  CHECK(config.find("icc")->value == false);
  CHECK(config.find("icc")->origin == Origin::file);
  CHECK(config.find("icc")->source == "/etc/docker/daemon.json:3:3");
  CHECK(config.find("log-level")->value == "debug");
  CHECK(config.find("log-level")->origin == Origin::flag);
  CHECK(config.find("log-level")->source == "-l debug (pid 123)");
}

TEST_CASE("a key in the file and as a flag is a problem even with equal values") {
  const auto config =
      merge(R"({"debug": true, "iptables": false})", {"-D", "--iptables=false"}).config;
  const auto conflicts = problems_of(config, Kind::flag_and_file);
  REQUIRE(conflicts.size() == 2);
  CHECK(conflicts[0].key == "debug");
  CHECK(conflicts[0].message.find("-D (pid 123)") != std::string::npos);
  CHECK(conflicts[0].message.find("/etc/docker/daemon.json:1:2") != std::string::npos);
  CHECK(conflicts[0].message.find("from flag: true, from file: true") != std::string::npos);
  CHECK(config.find("iptables")->origin == Origin::flag);
}

TEST_CASE("runtimes from the file and --add-runtime merge without a conflict") {
  const auto config = merge(R"({"runtimes": {"crun": {"path": "/usr/bin/crun"}}})",
                            {"--add-runtime", "kata=/usr/bin/kata"})
                          .config;
  CHECK(problems_of(config, Kind::flag_and_file).empty());
  CHECK(config.find("runtimes")->value ==
        json{{"crun", {{"path", "/usr/bin/crun"}}}, {"kata", {{"path", "/usr/bin/kata"}}}});
}

TEST_CASE("hosts in the file with -H fd:// says where the listeners belong") {
  const auto config = merge(R"({"hosts": ["tcp://0.0.0.0:2375"]})", {"-H", "fd://"}).config;
  const auto conflicts = problems_of(config, Kind::flag_and_file);
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0].key == "hosts");
  CHECK(conflicts[0].message.find("docker.socket") != std::string::npos);
}

TEST_CASE("a key dockerd does not know is a problem with a suggestion") {
  const auto config = merge(R"({"live-restor": true, "icc ": false})", {}).config;
  const auto unknown = problems_of(config, Kind::unknown_key);
  REQUIRE(unknown.size() == 2);
  CHECK(unknown[0].key == "icc ");
  CHECK(unknown[0].message.find("did you mean 'icc'?") != std::string::npos);
  CHECK(unknown[1].message.find("/etc/docker/daemon.json:1:2: 'live-restor' is not a dockerd "
                                "20.10.24+dfsg1 option") != std::string::npos);
  CHECK(unknown[1].message.find("did you mean 'live-restore'?") != std::string::npos);
  CHECK(config.find("live-restor") == nullptr);
}

TEST_CASE("members of an object value are validated as keys, except under log-opts") {
  const auto config =
      merge(R"({"proxy": {"debug": true}, "other": {"bar": 1}, "log-opts": {"x": "1"}})", {})
          .config;
  const auto unknown = problems_of(config, Kind::unknown_key);
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].key == "bar");
}

TEST_CASE("singular keys are accepted but ignored, and say which key to use") {
  const auto config = merge(R"({"label": ["a=1"], "insecure-registry": ["r:5000"]})", {}).config;
  const auto ignored = problems_of(config, Kind::ignored_key);
  REQUIRE(ignored.size() == 2);
  CHECK(ignored[0].message.find("the key is 'insecure-registries'") != std::string::npos);
  CHECK(ignored[1].message.find("the key is 'labels'") != std::string::npos);
  CHECK(problems_of(config, Kind::unknown_key).empty());
  CHECK(config.find("label") == nullptr);
  CHECK(config.find("labels")->origin == Origin::built_in_default);
}

TEST_CASE("a singular key in the file conflicts with its flag too") {
  const auto config = merge(R"({"label": ["a=1"]})", {"--label", "b=2"}).config;
  CHECK(problems_of(config, Kind::flag_and_file).size() == 1);
}

TEST_CASE("unknown flags are reported, not fatal") {
  const auto config = merge("{}", {"--frobnicate=1", "--icc=false"}).config;
  const auto unknown = problems_of(config, Kind::unknown_flag);
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].key == "--frobnicate=1");
  CHECK(config.find("icc")->value == false);
}

TEST_CASE("the engine wins where /info contradicts the files, and the drift is recorded") {
  auto config = merge(R"({"live-restore": true, "log-driver": "journald"})", {}).config;
  auto engine = testing::snapshot_with({}).engine.value.value();
  collect::reconcile_with_engine(engine, config);
  CHECK(config.find("live-restore")->value == false);
  CHECK(config.find("live-restore")->origin == Origin::engine);
  CHECK(config.find("live-restore")->source == "/info LiveRestoreEnabled");
  CHECK(config.find("log-driver")->value == "json-file");
  const auto drift = problems_of(config, Kind::engine_drift);
  REQUIRE(drift.size() == 2);
  CHECK(drift[0].message.find("'live-restore' is true by /etc/docker/daemon.json:1:2") !=
        std::string::npos);
}

TEST_CASE("values dockerd picks at start are filled from the engine without drift") {
  auto config = merge("{}", {}).config;
  const auto engine = testing::snapshot_with({}).engine.value.value();
  collect::reconcile_with_engine(engine, config);
  CHECK(config.find("storage-driver")->value == "overlay2");
  CHECK(config.find("storage-driver")->origin == Origin::engine);
  CHECK(config.find("seccomp-profile")->origin == Origin::built_in_default);
  CHECK(config.problems.empty());
}

TEST_CASE("user-namespace remapping reported by the engine agrees with the remapped root") {
  auto remapped = merge(R"({"userns-remap": "default", "live-restore": true})", {}).config;
  const auto engine = testing::snapshot_with({}, "info/info-userns.json").engine.value.value();
  collect::reconcile_with_engine(engine, remapped);
  CHECK(problems_of(remapped, Kind::engine_drift).empty());

  auto plain = merge("{}", {}).config;
  collect::reconcile_with_engine(engine, plain);
  CHECK(plain.find("userns-remap")->origin == Origin::engine);
  CHECK_FALSE(plain.find("userns-remap")->value.get<std::string>().empty());
}

TEST_CASE("-H fd:// listens where docker.socket says, TCP from a drop-in included") {
  const auto config = merge("{}", {"-H", "fd://", "-H", "unix:///extra.sock"}).config;
  const auto units = collect::read_docker_units(testing::fixture_path("units-debian-tcp"));
  const auto listeners = collect::resolve_listeners(config, &units);
  REQUIRE(listeners.size() == 4);
  CHECK(listeners[0].address == "unix:///run/docker.sock");
  CHECK(listeners[1].address == "tcp://[::]:2375");
  CHECK(listeners[1].source.find("docker.socket ListenStream=2375 "
                                 "(/etc/systemd/system/docker.socket.d/tcp.conf:2)") !=
        std::string::npos);
  CHECK(listeners[2].address == "tcp://127.0.0.1:2376");
  CHECK(listeners[3].address == "unix:///extra.sock");
  CHECK(listeners[3].source == "-H fd:// -H unix:///extra.sock (pid 123)");
}
