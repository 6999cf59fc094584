#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "src/profile/profile.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit::profile;
namespace fs = std::filesystem;

namespace {

fs::path write_profile(const std::string& text) {
  std::string pattern = (fs::temp_directory_path() / "profile-XXXXXX.yaml").string();
  const int fd = ::mkstemps(pattern.data(), 5);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(pattern) << text;
  return pattern;
}

std::string error_of(const std::string& text) {
  const auto path = write_profile(text);
  try {
    load_profile(path);
  } catch (const ProfileError& error) {
    fs::remove(path);
    return error.what();
  }
  fs::remove(path);
  FAIL("the profile was accepted");
  return "";
}

}  // namespace

TEST_CASE("the shipped baseline profile loads and selects every check once") {
  const auto profile =
      load_profile(locate_profile("baseline", {dockaudit::testing::source_profiles_dir()}));
  CHECK(profile.name == "baseline");
  CHECK(profile.selections.size() == 9);
  for (const auto& selection : profile.selections) CHECK(selection.weight > 0);
}

TEST_CASE("an unknown check id names the place and the nearest id") {
  const auto message = error_of("name: x\nchecks:\n  - id: container.privilegd\n");
  CHECK(message.find(":3:9: unknown check 'container.privilegd'") != std::string::npos);
  CHECK(message.find("did you mean 'container.privileged'?") != std::string::npos);
}

TEST_CASE("unknown keys, bad severities and bad weights are errors at their place") {
  CHECK(error_of("name: x\nchekcs: []\n").find(":2:1: unknown key 'chekcs'") != std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: container.user\n    severity: hgh\n")
            .find(":4:15: severity 'hgh' is not one of") != std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: container.user\n    weight: -1\n")
            .find(":4:13: weight must be a number above 0") != std::string::npos);
  for (const char* weight : {".inf", "1e308", "nan", "abc", "0"}) {
    CAPTURE(weight);
    CHECK(error_of(std::string("name: x\nchecks:\n  - id: container.user\n    weight: ") + weight +
                   "\n")
              .find("weight must be a number above 0") != std::string::npos);
  }
  CHECK(error_of("name: x\nchecks:\n  - id: container.user\n  - id: container.user\n")
            .find("selected twice") != std::string::npos);
}

TEST_CASE("an empty profile, a directory and a missing file are named clearly") {
  CHECK(error_of("").find(".yaml:1:1:") != std::string::npos);
  CHECK_THROWS_WITH_AS(load_profile(fs::temp_directory_path()),
                       doctest::Contains("not a regular file"), ProfileError);
  CHECK_THROWS_WITH_AS(load_profile("/nonexistent/p.yaml"),
                       doctest::Contains("/nonexistent/p.yaml: cannot read the profile"),
                       ProfileError);
}

TEST_CASE("YAML syntax errors carry line and column") {
  const auto message = error_of("name: x\nchecks: [\n");
  CHECK(message.find(".yaml:") != std::string::npos);
  CHECK(message.find(":3:") != std::string::npos);
}

TEST_CASE("a profile name that does not exist lists what does") {
  CHECK_THROWS_WITH_AS(locate_profile("baselin", {dockaudit::testing::source_profiles_dir()}),
                       doctest::Contains("did you mean 'baseline'?"), ProfileError);
  CHECK(locate_profile("./mine.yaml", {}) == "./mine.yaml");
}

TEST_CASE("nearest suggests only close words") {
  CHECK(nearest("severty", {"severity", "weight"}) == "severity");
  CHECK(nearest("zzzz", {"severity", "weight"}).empty());
}

TEST_CASE("a profile gives a check's parameters, checked against their declared types") {
  const auto path = write_profile(
      "name: site\nchecks:\n  - id: host.docker-group\n    parameters:\n"
      "      trusted_users: [alice, ci]\n  - id: host.engine-current\n");
  const auto profile = load_profile(path);
  fs::remove(path);
  REQUIRE(profile.selections.size() == 2);
  CHECK(profile.selections[0].parameters.strings("trusted_users") ==
        std::vector<std::string>{"alice", "ci"});
  CHECK(profile.selections[1].parameters.integer("max_age_days") == 365);

  CHECK(error_of("name: x\nchecks:\n  - id: host.docker-group\n    parameters:\n"
                 "      trusted_user: [a]\n")
            .find(":5:7: unknown parameter 'trusted_user' of check 'host.docker-group'; did you "
                  "mean 'trusted_users'?") != std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: host.docker-group\n    parameters:\n"
                 "      trusted_users: alice\n")
            .find(":5:22: parameter 'trusted_users' of check 'host.docker-group' must be a list "
                  "of strings") != std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: host.engine-current\n    parameters:\n"
                 "      max_age_days: soon\n")
            .find("must be an integer") != std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: container.user\n    parameters: {a: 1}\n")
            .find("check 'container.user' takes no parameters") != std::string::npos);
}

TEST_CASE("levels: 2 holds 1, swarm is its own, and an entry may move a check") {
  const auto path = write_profile(
      "name: site\nbenchmark: {name: CIS Docker Benchmark, version: 1.8.0}\n"
      "default_levels: [1]\nchecks:\n  - id: container.user\n"
      "  - id: daemon.userns-remap\n  - id: swarm.autolock\n"
      "  - id: container.privileged\n    level: 2\n");
  const auto profile = load_profile(path);
  fs::remove(path);
  const auto ids = [](const Profile& chosen) {
    std::vector<std::string> names;
    for (const auto& selection : chosen.selections) names.emplace_back(selection.check->id);
    return names;
  };
  CHECK(ids(apply_levels(profile, {})) == std::vector<std::string>{"container.user"});
  CHECK(ids(apply_levels(profile, {"2"})) ==
        std::vector<std::string>{"container.user", "daemon.userns-remap", "container.privileged"});
  CHECK(ids(apply_levels(profile, {"swarm"})) == std::vector<std::string>{"swarm.autolock"});
  CHECK(apply_levels(profile, {"swarm", "1", "1"}).levels ==
        std::vector<std::string>{"1", "swarm"});
  CHECK(apply_levels(profile, {"1", "2"}).levels == std::vector<std::string>{"2"});
  CHECK_THROWS_WITH_AS(apply_levels(profile, {"l2"}), doctest::Contains("did you mean '2'?"),
                       ProfileError);
  auto level_two_only = profile;
  std::erase_if(level_two_only.selections, [](const auto& s) { return s.level != "2"; });
  CHECK_THROWS_WITH_AS(apply_levels(level_two_only, {"1"}),
                       doctest::Contains("profile 'site' selects no check at level 1; nothing to "
                                         "audit"),
                       ProfileError);
  CHECK(error_of("name: x\nchecks:\n  - id: container.user\n    level: 3\n")
            .find(":4:12: level '3' is not one of 1, 2, swarm") != std::string::npos);
  CHECK(error_of("name: x\nbenchmark: {name: CIS}\nchecks:\n  - id: container.user\n")
            .find("'benchmark' needs a 'name' and a 'version'") != std::string::npos);
}

TEST_CASE("the shipped best-practices profile loads, with its manual review items") {
  const auto profile =
      load_profile(locate_profile("best-practices", {dockaudit::testing::source_profiles_dir()}));
  CHECK(profile.default_levels.empty());
  std::vector<std::string> manual;
  for (const auto& selection : profile.selections) {
    if (selection.check->manual) manual.emplace_back(selection.check->id);
  }
  CHECK(manual == std::vector<std::string>{"image.rebuilt", "ops.incident-response",
                                           "ops.backups"});
}

TEST_CASE("parameter values out of range, quoted, empty or null are refused at their place") {
  const auto with = [](const std::string& parameters) {
    return error_of("name: x\nchecks:\n  - id: host.engine-current\n    parameters:\n      " +
                    parameters + "\n");
  };
  CHECK(with("max_age_days: -3").find(":5:21: parameter 'max_age_days' of check "
                                      "'host.engine-current' must be an integer from 1 to 36500, "
                                      "not '-3'") != std::string::npos);
  CHECK(with("max_age_days: 0").find("not '0'") != std::string::npos);
  CHECK(with("max_age_days: 99999999999999999999").find("from 1 to 36500") != std::string::npos);
  CHECK(with("max_age_days: \"180\"").find("not '180'") != std::string::npos);
  CHECK(with("max_age_days:").find("has no value; give an integer from 1 to 36500 or leave it "
                                   "out for the default (365)") != std::string::npos);
  const auto users = [](const std::string& list) {
    return error_of("name: x\nchecks:\n  - id: host.docker-group\n    parameters:\n"
                    "      trusted_users: " + list + "\n");
  };
  CHECK(users("[alice, \"\"]").find("lists '', which is no name") != std::string::npos);
  CHECK(users("[\"a b\"]").find("lists 'a b'") != std::string::npos);
  CHECK(users("[[a]]").find("lists '{...}'") != std::string::npos);
}

TEST_CASE("duplicate keys, a second document, a quoted weight and an empty name are refused") {
  CHECK(error_of("name: x\nname: y\nchecks:\n  - id: container.user\n")
            .find(":2:1: key 'name' is given twice in the profile (first at line 1)") !=
        std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: container.user\n    weight: 1\n    weight: 2\n")
            .find("key 'weight' is given twice in a check entry") != std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: container.user\n---\nname: y\n")
            .find("a profile is one YAML document; this is a second one") != std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: container.user\n    weight: \"3\"\n")
            .find("weight must be a number above 0") != std::string::npos);
  CHECK(error_of("name: \"\"\nchecks:\n  - id: container.user\n")
            .find(":1:7: 'name' must not be empty") != std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: container.user\n    level: [1]\n")
            .find("a level must be one of 1, 2, swarm, not a collection") != std::string::npos);
}

TEST_CASE("a profile larger than 4 MiB is refused before it is parsed") {
  const auto path = write_profile("name: x\nchecks:\n  - id: container.user\n" +
                                  std::string(5 * 1024 * 1024, '#') + "\n");
  CHECK_THROWS_WITH_AS(load_profile(path), doctest::Contains("larger than a profile can be"),
                       ProfileError);
  fs::remove(path);
}

TEST_CASE("a parameter given twice, a tagged number and a complex key are refused") {
  CHECK(error_of("name: x\nchecks:\n  - id: host.engine-current\n    parameters:\n"
                 "      max_age_days: 1\n      max_age_days: 400\n")
            .find(":6:7: parameter 'max_age_days' of check 'host.engine-current' is given twice") !=
        std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: host.engine-current\n    parameters:\n"
                 "      max_age_days: !!str 180\n")
            .find("must be an integer") != std::string::npos);
  CHECK(error_of("name: x\nchecks:\n  - id: container.user\n    ? [a]\n    : 1\n")
            .find(".yaml:4:") != std::string::npos);
  CHECK(error_of("name: \"  \"\nchecks:\n  - id: container.user\n")
            .find("'name' must not be empty") != std::string::npos);
}
