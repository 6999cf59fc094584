#include <doctest/doctest.h>

#include "src/audit/json_text.hpp"
#include "src/report/report.hpp"
#include "tests/unit/cli_harness.hpp"
#include "tests/unit/report/sample_report.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;

TEST_CASE("report convert gives every format exactly as rendering the JSON directly does") {
  const testing::TempTree dir;
  const auto report = testing::sample_report();
  const auto saved = (dir.root() / "run.json").string();
  report::write_atomically(saved, audit::to_text(report, 2) + "\n");
  for (const auto format : report::kFormats) {
    const auto name = std::string(report::to_string(format));
    testing::Captured io;
    const auto output = (dir.root() / ("out." + name)).string();
    CHECK_MESSAGE(cli::run({"report", "convert", saved, "--format", name, "--output", output},
                           io.environment()) == cli::kPolicyMet,
                  io.err.str());
    CHECK_MESSAGE(testing::read_file(output) == report::render(format, report, {}), name);
  }
}

TEST_CASE("report merge writes a fleet report and refuses a fleet report as input") {
  const testing::TempTree dir;
  std::vector<std::string> paths;
  for (const auto* host : {"host-a", "host-b", "host-c"}) {
    paths.push_back((dir.root() / (std::string(host) + ".json")).string());
    report::write_atomically(paths.back(), audit::to_text(testing::sample_report(host), 2) + "\n");
  }
  testing::Captured io;
  const auto fleet = (dir.root() / "fleet.json").string();
  CHECK(cli::run({"report", "merge", paths[0], paths[1], paths[2], "--format", "json", "--output",
                  fleet},
                 io.environment()) == cli::kPolicyMet);
  CHECK(nlohmann::json::parse(testing::read_file(fleet))["hosts"].size() == 3);

  testing::Captured refused;
  CHECK(cli::run({"report", "merge", paths[0], fleet}, refused.environment()) == cli::kUsageError);
  CHECK(refused.err.str().find(fleet + ": a fleet report") != std::string::npos);
}
