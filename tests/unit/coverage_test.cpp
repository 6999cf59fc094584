#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "checks/cis_catalog.hpp"
#include "src/profile/profile.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("the catalogue holds 117, 117 and 118 recommendations, each number once") {
  std::map<std::string_view, std::size_t> expected{
      {"cis-docker-1.6", 117}, {"cis-docker-1.7", 117}, {"cis-docker-1.8", 118}};
  for (const auto& version : checks::cis_versions()) {
    CAPTURE(version.profile);
    std::set<std::string_view> numbers;
    for (const auto& recommendation : checks::cis_recommendations()) {
      const auto number = recommendation.numbers.*version.number;
      if (!number.empty()) CHECK(numbers.insert(number).second);
    }
    CHECK(numbers.size() == expected.at(version.profile));
  }
}

TEST_CASE("every recommendation of every version has a check, at the benchmark's level") {
  for (const auto& version : checks::cis_versions()) {
    for (const auto& recommendation : checks::cis_recommendations()) {
      const auto number = recommendation.numbers.*version.number;
      if (number.empty()) continue;
      CAPTURE(version.profile);
      CAPTURE(number);
      const auto found = checks::checks_for(version, number);
      CHECK_FALSE(found.empty());
      for (const auto* check : found) CHECK(checks::level_name(*check) == recommendation.level);
    }
  }
}

TEST_CASE("no check claims a number its benchmark version does not have") {
  for (const auto& version : checks::cis_versions()) {
    std::set<std::string_view> numbers;
    for (const auto& recommendation : checks::cis_recommendations()) {
      numbers.insert(recommendation.numbers.*version.number);
    }
    for (const auto* check : checks::registry()) {
      const auto number = check->cis.*version.number;
      CAPTURE(check->id);
      if (!number.empty()) CHECK(numbers.count(number) == 1);
    }
  }
}

TEST_CASE("docs/cis-coverage.md is what the registry says (regenerate: dockaudit coverage)") {
  const auto on_disk = read_file(testing::source_dir() + "/docs/cis-coverage.md");
  CHECK(on_disk == checks::render_coverage());
  CHECK(on_disk.find("**not covered**") == std::string::npos);
  CHECK(on_disk.find("118 recommendations") != std::string::npos);
}

TEST_CASE("each cis-docker profile selects exactly its version's checks, at their levels") {
  for (const auto& version : checks::cis_versions()) {
    CAPTURE(version.profile);
    const auto profile = profile::load_profile(profile::locate_profile(
        std::string(version.profile), {testing::source_profiles_dir()}));
    REQUIRE(profile.benchmark);
    CHECK(profile.benchmark->name == "CIS Docker Benchmark");
    CHECK(profile.benchmark->version == version.version);
    CHECK(profile.default_levels == std::vector<std::string>{"1", "swarm"});
    std::set<std::string_view> selected;
    for (const auto& selection : profile.selections) {
      CAPTURE(selection.check->id);
      selected.insert(selection.check->id);
      CHECK(selection.level == checks::level_name(*selection.check));
    }
    for (const auto* check : checks::registry()) {
      CAPTURE(check->id);
      const bool in_version = !(check->cis.*version.number).empty();
      const bool own_daemon_check = check->id == "daemon.config-file" ||
                                    check->id == "daemon.config-drift";
      CHECK(selected.count(check->id) == (in_version || own_daemon_check ? 1 : 0));
    }
  }
}
