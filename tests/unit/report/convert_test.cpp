#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "src/audit/json_text.hpp"
#include "src/cli/run.hpp"
#include "src/report/report.hpp"
#include "tests/unit/report/sample_report.hpp"

using namespace dockaudit;

namespace {

struct Captured {
  std::ostringstream out;
  std::ostringstream err;
  cli::Environment environment() {
    cli::Environment env;
    env.out = &out;
    env.err = &err;
    return env;
  }
};

}  // namespace

TEST_CASE("report convert of a saved run equals the direct rendering, in every format") {
  const auto dir = testing::scratch_dir("dockaudit-convert-test");
  const auto report = testing::sample_report();
  const auto saved = dir + "/run.json";
  report::write_atomically(saved, audit::to_text(report, 2) + "\n");
  for (const auto format : report::kFormats) {
    const auto name = std::string(report::to_string(format));
    Captured io;
    const auto output = dir + "/out." + name;
    CHECK_MESSAGE(cli::run({"report", "convert", saved, "--format", name, "--output", output},
                           io.environment()) == cli::kPolicyMet,
                  io.err.str());
    CHECK_MESSAGE(testing::read_file(output) == report::render(format, report, {}), name);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("report merge writes a fleet report and refuses a fleet report as input") {
  const auto dir = testing::scratch_dir("dockaudit-merge-test");
  std::vector<std::string> paths;
  for (const auto* host : {"host-a", "host-b", "host-c"}) {
    paths.push_back(dir + "/" + host + ".json");
    report::write_atomically(paths.back(), audit::to_text(testing::sample_report(host), 2) + "\n");
  }
  Captured io;
  const auto fleet = dir + "/fleet.json";
  CHECK(cli::run({"report", "merge", paths[0], paths[1], paths[2], "--format", "json", "--output",
                  fleet},
                 io.environment()) == cli::kPolicyMet);
  CHECK(nlohmann::json::parse(testing::read_file(fleet))["hosts"].size() == 3);

  Captured refused;
  CHECK(cli::run({"report", "merge", paths[0], fleet}, refused.environment()) == cli::kUsageError);
  CHECK(refused.err.str().find(fleet + ": a fleet report") != std::string::npos);
  std::filesystem::remove_all(dir);
}
