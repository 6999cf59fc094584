// Where reports go: formats, --output, --output-dir, report convert, and the
// policy options, through the whole command line.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tests/unit/cli_harness.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;
using testing::Captured;
using testing::empty_daemon_config;
namespace fs = std::filesystem;

namespace {

// An audit of an engine that is not there: the baseline profile then has one
// pass (daemon.config-file) and errors for the rest.
std::vector<std::string> unreachable(std::vector<std::string> more) {
  std::vector<std::string> arguments{"--host", "unix:///nonexistent/docker.sock", "--daemon-config",
                                     empty_daemon_config(), "--profile", "baseline"};
  arguments.insert(arguments.end(), more.begin(), more.end());
  return arguments;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("several formats need --output-dir, and --output takes one") {
  Captured two;
  CHECK(cli::run(unreachable({"--format", "text,json"}), two.environment()) == cli::kUsageError);
  CHECK(two.err.str().find("2 formats need --output-dir DIR") != std::string::npos);
  Captured both;
  CHECK(cli::run(unreachable({"--output", "/tmp/x.json", "--output-dir", "/tmp"}),
                 both.environment()) == cli::kUsageError);
  CHECK(both.err.str().find("--output and --output-dir exclude each other") != std::string::npos);
  Captured typo;
  CHECK(cli::run(unreachable({"--format", "text,sarf"}), typo.environment()) == cli::kUsageError);
  CHECK(typo.err.str().find("--format 'sarf' is not a format (did you mean 'sarif'?)") !=
        std::string::npos);
  Captured empty;
  CHECK(cli::run(unreachable({"--format", "json,"}), empty.environment()) == cli::kUsageError);
  CHECK(empty.err.str().find("holds an empty format") != std::string::npos);
}

TEST_CASE("--output-dir writes each format under its own name and nothing to stdout") {
  testing::TempTree dir;
  Captured io;
  CHECK(cli::run(unreachable({"--format", "text,json", "--output-dir", dir.root().string()}),
                 io.environment()) == cli::kAuditIncomplete);
  CHECK(io.out.str().empty());
  const auto text = read(dir.root() / "dockaudit.txt");
  const auto json = nlohmann::json::parse(read(dir.root() / "dockaudit.json"));
  CHECK(text.find("Score: ") != std::string::npos);
  CHECK(json["schema_version"] == 2);
  CHECK(json["kind"] == "host");
  CHECK(json["exit_code"] == cli::kAuditIncomplete);
  CHECK(json["policy"]["met"] == true);
  CHECK(json["policy"]["incomplete"] == true);
  // Only the two files: the temporary names were renamed away.
  CHECK(std::distance(fs::directory_iterator(dir.root()), fs::directory_iterator()) == 2);
}

TEST_CASE("a missing --output-dir is refused before anything is audited") {
  testing::TempTree dir;
  Captured io;
  CHECK(cli::run(unreachable({"--format", "json", "--output-dir", (dir.root() / "no").string()}),
                 io.environment()) == cli::kUsageError);
  CHECK(io.err.str().find("no such directory") != std::string::npos);
  CHECK(io.err.str().find("cannot reach the engine") == std::string::npos);
}

TEST_CASE("report convert renders a saved run exactly as the run rendered it") {
  testing::TempTree dir;
  Captured run;
  cli::run(unreachable({"--format", "text,json", "--output-dir", dir.root().string()}),
           run.environment());
  Captured converted;
  CHECK(cli::run({"report", "convert", (dir.root() / "dockaudit.json").string(), "--format",
                  "text"},
                 converted.environment()) == cli::kPolicyMet);
  CHECK(converted.out.str() == read(dir.root() / "dockaudit.txt"));
}

TEST_CASE("report convert refuses what is not a JSON report, naming the file") {
  testing::TempTree dir;
  dir.file("/notes.json", "[1, 2]");
  dir.file("/broken.json", "{\"schema_version\": ");
  dir.file("/old.json", R"({"schema_version": 1, "results": []})");
  for (const auto& [name, message] :
       std::vector<std::pair<std::string, std::string>>{
           {"notes.json", ": /: not a dockaudit JSON report: expected an object"},
           {"broken.json", ":1:20: not valid JSON: syntax error"},
           {"old.json",
            ": /schema_version: report schema version 1 is not the one this dockaudit reads (2)"},
           {"absent.json", ": no such report file"}}) {
    CAPTURE(name);
    Captured io;
    CHECK(cli::run({"report", "convert", (dir.root() / name).string()}, io.environment()) ==
          cli::kUsageError);
    CHECK(io.err.str().find((dir.root() / name).string() + message) != std::string::npos);
  }
}

TEST_CASE("--fail-under and --fail-on set the policy; the exit code follows it") {
  // Errors count as failures in the score: one pass of nine checks.
  Captured under;
  CHECK(cli::run(unreachable({"--format", "json", "--fail-under", "50"}), under.environment()) ==
        cli::kPolicyNotMet);
  const auto report = nlohmann::json::parse(under.out.str());
  CHECK(report["policy"]["fail_under"] == 50.0);
  CHECK(report["policy"]["met"] == false);
  CHECK(report["exit_code"] == cli::kPolicyNotMet);
  // No check failed (they ended in error): --fail-on alone leaves it incomplete.
  Captured on;
  CHECK(cli::run(unreachable({"--fail-on", "low"}), on.environment()) == cli::kAuditIncomplete);
  CHECK(on.out.str().find("Policy: met\nAudit incomplete: ") != std::string::npos);
  CHECK(on.out.str().find(" ended in error and could not be judged (exit code 3)\n") !=
        std::string::npos);
}

TEST_CASE("an incomplete audit says so in every format, even when the policy is met") {
  testing::TempTree dir;
  Captured io;
  CHECK(cli::run(unreachable({"--fail-on", "low", "--format", "json,html,prometheus",
                              "--output-dir", dir.root().string()}),
                 io.environment()) == cli::kAuditIncomplete);
  const auto report = nlohmann::json::parse(read(dir.root() / "dockaudit.json"));
  CHECK(report["policy"]["met"] == true);
  CHECK(report["policy"]["incomplete"] == true);
  const auto errors = report["summary"]["error"].get<int>();
  CHECK(errors > 0);
  CHECK(read(dir.root() / "dockaudit.html")
            .find(fmt::format("<p id=\"incomplete\">Audit incomplete: {} results ended in error",
                              errors)) != std::string::npos);
  const auto prometheus = read(dir.root() / "dockaudit.prom");
  CHECK(prometheus.find("\ndockaudit_policy_met 1\n") != std::string::npos);
  CHECK(prometheus.find("\ndockaudit_audit_complete 0\n") != std::string::npos);
}

TEST_CASE("--fail-under takes a plain decimal score, --fail-on suggests whatever the case") {
  for (const char* score : {" 50", "0x20", "1e1", "50 ", "+5", "-0", "100.01", "", "nan", "5."}) {
    CAPTURE(score);
    Captured io;
    CHECK(cli::run(unreachable({"--fail-under", score}), io.environment()) == cli::kUsageError);
    CHECK(io.err.str().find("is not a score from 0 to 100") != std::string::npos);
  }
  for (const char* score : {"0", "87.5", "100", "100.0"}) {
    CAPTURE(score);
    Captured io;
    CHECK(cli::run(unreachable({"--format", "json", "--fail-under", score}), io.environment()) !=
          cli::kUsageError);
  }
  Captured typo;
  CHECK(cli::run(unreachable({"--fail-on", "HIHG"}), typo.environment()) == cli::kUsageError);
  CHECK(typo.err.str().find("--fail-on 'HIHG' is not a severity (did you mean 'high'?)") !=
        std::string::npos);
}

TEST_CASE("an --output-dir that is a file, and several formats for checks, are refused") {
  testing::TempTree dir;
  const auto file = dir.root() / "file";
  std::ofstream(file) << "x";
  Captured io;
  CHECK(cli::run(unreachable({"--format", "json", "--output-dir", file.string()}),
                 io.environment()) == cli::kUsageError);
  CHECK(io.err.str().find("not a directory") != std::string::npos);
  CHECK(read(file) == "x");
  Captured checks;
  CHECK(cli::run({"checks", "--format", "text,json"}, checks.environment()) == cli::kUsageError);
  CHECK(checks.err.str().find("dockaudit checks lists in one format at a time") !=
        std::string::npos);
}

TEST_CASE("options an audit needs are refused by report commands") {
  Captured io;
  CHECK(cli::run({"report", "convert", "x.json", "--fail-on", "high"}, io.environment()) ==
        cli::kUsageError);
  CHECK(io.err.str().find("--fail-on does not apply to dockaudit report convert") !=
        std::string::npos);
  Captured merge;
  CHECK(cli::run({"report", "merge"}, merge.environment()) == cli::kUsageError);
  CHECK(merge.err.str().find("report merge needs the JSON reports") != std::string::npos);
}
