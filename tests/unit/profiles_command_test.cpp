#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "src/cli/run.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;

namespace {

struct Ran {
  int code = 0;
  std::string out;
  std::string err;
};

Ran run(const std::vector<std::string>& arguments) {
  std::ostringstream out;
  std::ostringstream err;
  cli::Environment environment;
  environment.out = &out;
  environment.err = &err;
  const int code = cli::run(arguments, environment);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("profiles list names every shipped profile with its benchmark and path") {
  const auto listed = run({"profiles", "list"});
  CHECK(listed.code == cli::kPolicyMet);
  CHECK(listed.out.find("baseline\n  benchmark: -\n  path: ") != std::string::npos);
  CHECK(listed.out.find("cis-docker-1.8\n  benchmark: CIS Docker Benchmark 1.8.0\n") !=
        std::string::npos);
  // The documented example is no profile to run by name.
  CHECK(listed.out.find("examples") == std::string::npos);
  CHECK(listed.out.find("invalid") == std::string::npos);
}

TEST_CASE("profiles show prints the resolved profile with parameters and scopes") {
  const auto example = testing::source_profiles_dir() + "/examples/site.yaml";
  const auto shown = run({"profiles", "show", example});
  CAPTURE(shown.err);
  CHECK(shown.code == cli::kPolicyMet);
  CHECK(shown.out.find("profile: site\n") != std::string::npos);
  CHECK(shown.out.find("extends: ") != std::string::npos);
  CHECK(shown.out.find("  container.capabilities  severity ") != std::string::npos);
  CHECK(shown.out.find("    scoped to images [nginx:*, registry.example.com/web/*] labels []") !=
        std::string::npos);
  CHECK(run({"profiles", "show", "baselin"}).err.find("did you mean 'baseline'?") !=
        std::string::npos);
}

TEST_CASE("profiles validate says OK, or gives the error with its place and exit code 2") {
  testing::TempTree tree;
  tree.file("good.yaml", "name: good\nextends: baseline\n");
  const auto good = run({"profiles", "validate", tree.at("good.yaml").string()});
  CHECK(good.code == cli::kPolicyMet);
  CHECK(good.out.find("good.yaml: OK: profile 'good' selects 9 checks") != std::string::npos);

  tree.file("bad.yaml", "name: bad\nchecks:\n  - id: container.usr\n");
  const auto bad = run({"profiles", "validate", tree.at("bad.yaml").string()});
  CHECK(bad.code == cli::kUsageError);
  CHECK(bad.err.starts_with("dockaudit: error: "));
  CHECK(bad.err.find("bad.yaml:3:9: unknown check 'container.usr'; did you mean "
                     "'container.user'?") != std::string::npos);
}

TEST_CASE("profiles validate takes a profile name as profiles show does") {
  const auto named = run({"profiles", "validate", "baseline"});
  CAPTURE(named.err);
  CHECK(named.code == cli::kPolicyMet);
  CHECK(named.out.find("baseline.yaml: OK: profile 'baseline' selects 9 checks") !=
        std::string::npos);
  const auto typo = run({"profiles", "validate", "basline"});
  CHECK(typo.code == cli::kUsageError);
  CHECK(typo.err.find("no profile named 'basline' (did you mean 'baseline'?)") !=
        std::string::npos);
}

TEST_CASE("profiles show names a parent by its plain path and escapes control characters") {
  testing::TempTree tree;
  tree.file("parent.yaml", "name: parent\nextends: baseline\n");
  tree.file("child.yaml",
            "name: \"child\\e[31m\"\ndescription: \"red\\e[0m\"\nextends: ./parent.yaml\n");
  const auto shown = run({"profiles", "show", tree.at("child.yaml").string()});
  CAPTURE(shown.err);
  CHECK(shown.code == cli::kPolicyMet);
  CHECK(shown.out.find("extends: " + tree.at("parent.yaml").string() + "\n") != std::string::npos);
  CHECK(shown.out.find('\x1b') == std::string::npos);
  const auto listed = run({"profiles", "validate", tree.at("child.yaml").string()});
  CHECK(listed.code == cli::kPolicyMet);
  CHECK(listed.out.find('\x1b') == std::string::npos);
}

TEST_CASE("profiles schema prints the JSON Schema; a wrong action is a usage error") {
  const auto schema = run({"profiles", "schema"});
  CHECK(schema.code == cli::kPolicyMet);
  const auto parsed = nlohmann::json::parse(schema.out);
  CHECK(parsed.at("$schema") == "http://json-schema.org/draft-07/schema#");
  CHECK(parsed.at("properties").contains("extends"));

  CHECK(run({"profiles"}).code == cli::kUsageError);
  CHECK(run({"profiles", "lst"}).err.find("unknown profiles action 'lst'") != std::string::npos);
  CHECK(run({"profiles", "validate"}).err.find("profiles validate takes 1 argument") !=
        std::string::npos);
  CHECK(run({"profiles", "list", "--profile", "x"})
            .err.find("--profile does not apply to "
                      "dockaudit profiles") != std::string::npos);
}
