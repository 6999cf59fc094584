#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "checks/all_checks.hpp"
#include "src/cli/run.hpp"
#include "tests/unit/cli_harness.hpp"

using namespace dockaudit;
using testing::Captured;
using testing::empty_daemon_config;

namespace {

audit::Finding with_status(audit::Status status) {
  audit::Finding finding;
  finding.check = &checks::container_user;
  finding.result.status = status;
  return finding;
}

}  // namespace

TEST_CASE("exit codes: fail beats error, error alone means incomplete") {
  using audit::Status;
  CHECK(cli::decide_exit_code({with_status(Status::pass)}) == cli::kPolicyMet);
  CHECK(cli::decide_exit_code({with_status(Status::pass), with_status(Status::not_applicable)}) ==
        cli::kPolicyMet);
  CHECK(cli::decide_exit_code({with_status(Status::error), with_status(Status::fail)}) ==
        cli::kPolicyNotMet);
  CHECK(cli::decide_exit_code({with_status(Status::error), with_status(Status::pass)}) ==
        cli::kAuditIncomplete);
}

TEST_CASE("a bad flag or format is a usage error and audits nothing") {
  Captured io;
  CHECK(cli::run({"--frobnicate"}, io.environment()) == cli::kUsageError);
  CHECK(io.err.str().starts_with("dockaudit: error: "));
  Captured format;
  CHECK(cli::run({"--format", "xml"}, format.environment()) == cli::kUsageError);
  CHECK(format.err.str().find("--format 'xml'") != std::string::npos);
  CHECK(format.out.str().empty());
}

TEST_CASE(
    "a named daemon.json that does not exist, or an output directory that does not, "
    "stops the run before it audits") {
  Captured config;
  CHECK(cli::run({"--daemon-config", "/etc/docker/deamon.json"}, config.environment()) ==
        cli::kUsageError);
  CHECK(config.err.str().find("--daemon-config /etc/docker/deamon.json: no such file") !=
        std::string::npos);
  Captured output;
  CHECK(cli::run({"--output", "/nonexistent/dir/report.json"}, output.environment()) ==
        cli::kUsageError);
  CHECK(output.err.str().find("directory /nonexistent/dir does not exist") != std::string::npos);
  for (const char* flag : {"--host", "--output", "--daemon-config"}) {
    Captured empty;
    CAPTURE(flag);
    CHECK(cli::run({flag, ""}, empty.environment()) == cli::kUsageError);
  }
}

TEST_CASE("a report that cannot be written to standard output is an error") {
  Captured io;
  io.out.setstate(std::ios::badbit);
  CHECK(cli::run({"--host", "unix:///nonexistent/docker.sock", "--format", "json"},
                 io.environment()) == cli::kUsageError);
  CHECK(io.err.str().find("cannot write the report to standard output") != std::string::npos);
}

TEST_CASE("an unknown profile is a usage error that names it") {
  Captured io;
  CHECK(cli::run({"--profile", "nosuch"}, io.environment()) == cli::kUsageError);
  CHECK(io.err.str().find("no profile named 'nosuch'") != std::string::npos);
}

TEST_CASE("an unreachable engine leaves engine checks in error and still checks daemon.json") {
  Captured io;
  // baseline: its checks all need the engine but daemon.config-file.
  const int code = cli::run({"--host", "unix:///nonexistent/docker.sock", "--daemon-config",
                             empty_daemon_config(), "--format", "json", "--profile", "baseline"},
                            io.environment());
  CHECK(code == cli::kAuditIncomplete);
  const auto report = nlohmann::json::parse(io.out.str());
  for (const auto& result : report["results"]) {
    CAPTURE(result["check"]);
    if (result["check"] == "daemon.config-file") {
      CHECK(result["status"] == "pass");
    } else {
      CHECK(result["status"] == "error");
    }
  }
  CHECK(io.err.str().find("does not exist") != std::string::npos);
}

TEST_CASE("dockaudit checks lists the registry") {
  Captured io;
  CHECK(cli::run({"checks"}, io.environment()) == cli::kPolicyMet);
  CHECK(io.out.str().find("container.pids-limit") != std::string::npos);
}

TEST_CASE("the text report is coloured on a terminal unless NO_COLOR or --no-color") {
  const std::vector<std::string> unreachable{"--host", "unix:///nonexistent/docker.sock",
                                             "--daemon-config", empty_daemon_config()};
  const auto colored = [&](bool no_color_env, bool flag) {
    Captured io;
    auto env = io.environment();
    env.stdout_is_terminal = true;
    env.no_color_env = no_color_env;
    auto arguments = unreachable;
    if (flag) arguments.push_back("--no-color");
    cli::run(arguments, env);
    return io.out.str().find("\033[") != std::string::npos;
  };
  CHECK(colored(false, false));
  CHECK_FALSE(colored(true, false));
  CHECK_FALSE(colored(false, true));
}

TEST_CASE("dockaudit checks --format json gives id, scope, severity, references and manual") {
  Captured io;
  CHECK(cli::run({"checks", "--format", "json"}, io.environment()) == cli::kPolicyMet);
  const auto all = nlohmann::json::parse(io.out.str());
  REQUIRE(all.is_array());
  const auto userns = std::find_if(all.begin(), all.end(), [](const auto& check) {
    return check["id"] == "daemon.userns-remap";
  });
  REQUIRE(userns != all.end());
  CHECK((*userns)["scope"] == "daemon");
  CHECK((*userns)["references"]["cis-docker-1.6"] == "2.9");
  CHECK((*userns)["references"]["cis-docker-1.8"] == "2.10");
  CHECK((*userns)["manual"] == false);
}

TEST_CASE("dockaudit explain prints what a check reads, and suggests ids for typos") {
  Captured io;
  CHECK(cli::run({"explain", "container.pids-limit"}, io.environment()) == cli::kPolicyMet);
  CHECK(io.out.str().find("HostConfig.PidsLimit") != std::string::npos);
  CHECK(io.out.str().find("CIS Docker 1.6.0–1.8.0 5.29") != std::string::npos);
  Captured typo;
  CHECK(cli::run({"explain", "container.pid-limit"}, typo.environment()) == cli::kUsageError);
  CHECK(typo.err.str().find("did you mean 'container.pids-limit'?") != std::string::npos);
  Captured missing;
  CHECK(cli::run({"explain"}, missing.environment()) == cli::kUsageError);
}

TEST_CASE("the default profile is CIS Docker 1.8.0 level 1 with the swarm items, and says so") {
  Captured io;
  cli::run({"--host", "unix:///nonexistent/docker.sock", "--daemon-config", empty_daemon_config(),
            "--format", "json"},
           io.environment());
  const auto report = nlohmann::json::parse(io.out.str());
  CHECK(report["profile"]["name"] == "cis-docker-1.8");
  CHECK(report["profile"]["benchmark"]["version"] == "1.8.0");
  CHECK(report["profile"]["levels"] == nlohmann::json::array({"1", "swarm"}));
  std::set<std::string> checked;
  for (const auto& result : report["results"]) checked.insert(result["check"]);
  CHECK(checked.count("swarm.autolock") == 1);
  CHECK(checked.count("container.privileged") == 1);
  CHECK(checked.count("daemon.userns-remap") == 0);  // level 2

  Captured text;
  cli::run({"--host", "unix:///nonexistent/docker.sock", "--daemon-config", empty_daemon_config(),
            "--level", "2"},
           text.environment());
  CHECK(text.out.str().find("profile cis-docker-1.8 (CIS Docker Benchmark 1.8.0, level 2)") !=
        std::string::npos);
  CHECK(text.out.str().find("daemon.userns-remap") != std::string::npos);
}

TEST_CASE("--level takes 1, 2 and swarm, and only for profiles with levels") {
  Captured typo;
  CHECK(cli::run({"--level", "3"}, typo.environment()) == cli::kUsageError);
  CHECK(typo.err.str().find("--level '3' is not one of 1, 2, swarm") != std::string::npos);
  Captured empty;
  CHECK(cli::run({"--level", "1,"}, empty.environment()) == cli::kUsageError);
  CHECK(empty.err.str().find("holds an empty level") != std::string::npos);
  Captured swallowed;
  CHECK(cli::run({"--level", "--format", "json"}, swallowed.environment()) == cli::kUsageError);
  CHECK(swallowed.err.str().find("--level needs a value, 1, 2 or swarm, not '--format'") !=
        std::string::npos);
  Captured baseline;
  CHECK(cli::run({"--profile", "baseline", "--level", "2"}, baseline.environment()) ==
        cli::kUsageError);
  CHECK(baseline.err.str().find("profile 'baseline' has no levels") != std::string::npos);
}

TEST_CASE("dockaudit coverage prints the coverage of all three benchmark versions") {
  Captured io;
  CHECK(cli::run({"coverage"}, io.environment()) == cli::kPolicyMet);
  CHECK(io.out.str().find("## CIS Docker Benchmark 1.6.0") != std::string::npos);
  CHECK(io.out.str().find("| 2.7 | devicemapper storage driver not in use") != std::string::npos);
}

TEST_CASE("options a command does not use are refused, and output errors are reported") {
  for (const std::vector<std::string> arguments :
       {std::vector<std::string>{"checks", "--output", "/tmp/x"},
        {"coverage", "--format", "json"},
        {"explain", "container.user", "--level", "2"},
        {"checks", "--profile", "baseline"}}) {
    Captured io;
    CAPTURE(arguments[0]);
    CHECK(cli::run(arguments, io.environment()) == cli::kUsageError);
    CHECK(io.err.str().find("does not apply to dockaudit " + arguments[0]) != std::string::npos);
    CHECK(io.out.str().empty());
  }
  Captured json;
  CHECK(cli::run({"checks", "--format", "json"}, json.environment()) == cli::kPolicyMet);
  for (const char* command : {"checks", "coverage", "--help"}) {
    Captured full;
    full.out.setstate(std::ios::badbit);
    CAPTURE(command);
    CHECK(cli::run({command}, full.environment()) == cli::kUsageError);
    CHECK(full.err.str().find("cannot write to standard output") != std::string::npos);
  }
}
