// Profiles that extend others, select checks by rule, and refine them.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "src/profile/profile.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit::profile;
using dockaudit::testing::TempTree;

namespace {

std::vector<std::string> ids_of(const Profile& profile) {
  std::vector<std::string> ids;
  for (const auto& selection : profile.selections) ids.emplace_back(selection.check->id);
  return ids;
}

const Selection& selection_of(const Profile& profile, const std::string& id) {
  const auto found = std::find_if(profile.selections.begin(), profile.selections.end(),
                                  [&](const Selection& s) { return s.check->id == id; });
  REQUIRE(found != profile.selections.end());
  return *found;
}

bool selects(const Profile& profile, const std::string& id) {
  const auto ids = ids_of(profile);
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string error_loading(const TempTree& tree, const std::string& file) {
  try {
    load_profile(tree.at(file), {});
  } catch (const ProfileError& error) {
    return error.what();
  }
  FAIL("the profile was accepted");
  return "";
}

const char* kParent =
    "name: parent\ndescription: the parent\n"
    "benchmark: {name: CIS Docker Benchmark, version: 1.8.0}\ndefault_levels: [1]\n"
    "checks:\n  - id: container.user\n    severity: high\n    weight: 3\n"
    "  - id: container.privileged\n  - id: host.docker-group\n"
    "    parameters:\n      trusted_users: [alice]\n";

}  // namespace

TEST_CASE(
    "a child inherits its parent's checks, benchmark and levels and changes only what it "
    "says") {
  TempTree tree;
  tree.file("parent.yaml", kParent);
  tree.file("child.yaml",
            "name: child\nextends: parent\nchecks:\n  - id: container.user\n    weight: 5\n"
            "  - id: container.privileged\n    enabled: false\n  - id: container.pids-limit\n");
  const auto child = load_profile(tree.at("child.yaml"), {});
  CHECK(child.name == "child");
  CHECK(child.description == "the parent");
  CHECK(child.extends == tree.at("parent.yaml").string());
  REQUIRE(child.benchmark);
  CHECK(child.benchmark->version == "1.8.0");
  CHECK(child.default_levels == std::vector<std::string>{"1"});
  CHECK(ids_of(child) ==
        std::vector<std::string>{"container.user", "host.docker-group", "container.pids-limit"});
  // Only the weight changed; the inherited severity stays.
  CHECK(selection_of(child, "container.user").weight == 5);
  CHECK(selection_of(child, "container.user").severity == dockaudit::audit::Severity::high);
  CHECK(selection_of(child, "host.docker-group").parameters.strings("trusted_users") ==
        std::vector<std::string>{"alice"});
}

TEST_CASE("a child refines severity, level and single parameters of inherited checks") {
  TempTree tree;
  tree.file("parent.yaml", kParent);
  tree.file("child.yaml",
            "name: child\nextends: ./parent.yaml\nchecks:\n  - id: container.user\n"
            "    severity: low\n    level: 2\n  - id: host.docker-group\n    parameters:\n"
            "      trusted_users: [alice, ci]\n");
  const auto child = load_profile(tree.at("child.yaml"), {});
  const auto& user = selection_of(child, "container.user");
  CHECK(user.severity == dockaudit::audit::Severity::low);
  CHECK(user.level == "2");
  CHECK(user.weight == 3);
  CHECK(selection_of(child, "host.docker-group").parameters.strings("trusted_users") ==
        std::vector<std::string>{"alice", "ci"});
}

TEST_CASE("a profile extends a shipped profile by name and drops a section of it") {
  TempTree tree;
  tree.file("site.yaml",
            "name: site\nextends: cis-docker-1.8\nselect:\n  - section: swarm\n"
            "    enabled: false\n");
  const auto site = load_profile(tree.at("site.yaml"), {dockaudit::testing::source_profiles_dir()});
  const auto cis =
      load_profile(locate_profile("cis-docker-1.8", {dockaudit::testing::source_profiles_dir()}));
  CHECK(site.benchmark->version == "1.8.0");
  CHECK(!selects(site, "swarm.autolock"));
  CHECK(selects(site, "container.user"));
  const auto swarm =
      std::count_if(cis.selections.begin(), cis.selections.end(),
                    [](const Selection& s) { return s.check->id.starts_with("swarm."); });
  CHECK(swarm > 0);
  CHECK(site.selections.size() == cis.selections.size() - static_cast<std::size_t>(swarm));
}

TEST_CASE("a cycle of extends and a missing parent are errors at the extends line") {
  TempTree tree;
  tree.file("a.yaml", "name: a\nextends: b\n");
  tree.file("b.yaml", "name: b\nextends: a.yaml\n");
  const auto cycle = error_loading(tree, "a.yaml");
  CAPTURE(cycle);
  CHECK(cycle.find("b.yaml:2:10: extends 'a.yaml' makes a cycle: ") != std::string::npos);
  CHECK(cycle.find("a.yaml -> ") != std::string::npos);

  tree.file("self.yaml", "name: self\nextends: self\n");
  CHECK(error_loading(tree, "self.yaml").find("self.yaml:2:10: extends 'self' makes a cycle") !=
        std::string::npos);

  tree.file("orphan.yaml", "name: orphan\nextends: parnet\n");
  tree.file("parent.yaml", kParent);
  const auto missing = error_loading(tree, "orphan.yaml");
  CAPTURE(missing);
  CHECK(missing.find("orphan.yaml:2:10: extends 'parnet': no profile named 'parnet'") !=
        std::string::npos);
  CHECK(missing.find("did you mean 'parent'?") != std::string::npos);

  tree.file("lost.yaml", "name: lost\nextends: ../nowhere/p.yaml\n");
  CHECK(error_loading(tree, "lost.yaml")
            .find("lost.yaml:2:10: extends '../nowhere/p.yaml': no "
                  "profile file at") != std::string::npos);
}

TEST_CASE("select rules pick checks by id glob, level and section, in the registry's order") {
  TempTree tree;
  tree.file("globs.yaml", "name: globs\nselect:\n  - ids: [\"container.*-limit\"]\n");
  CHECK(ids_of(load_profile(tree.at("globs.yaml"), {})) ==
        std::vector<std::string>{"container.memory-limit", "container.cpu-limit",
                                 "container.pids-limit"});

  tree.file("levels.yaml", "name: levels\nselect:\n  - section: image\n    level: 2\n");
  const auto levels = load_profile(tree.at("levels.yaml"), {});
  REQUIRE(!levels.selections.empty());
  for (const auto& selection : levels.selections) {
    CHECK(selection.check->scope == dockaudit::audit::Scope::image);
    CHECK(selection.level == "2");
  }

  // A rule adds; a later rule drops; an entry refines what the rules chose.
  tree.file("mixed.yaml",
            "name: mixed\nselect:\n  - section: container\n  - ids: [\"container.*-limit\"]\n"
            "    enabled: false\nchecks:\n  - id: container.user\n    severity: critical\n");
  const auto mixed = load_profile(tree.at("mixed.yaml"), {});
  CHECK(selects(mixed, "container.privileged"));
  CHECK(!selects(mixed, "container.memory-limit"));
  CHECK(selection_of(mixed, "container.user").severity == dockaudit::audit::Severity::critical);
  CHECK(selection_of(mixed, "container.privileged").weight == 1);
}

TEST_CASE("a profile that ends up selecting nothing, and a bad section, are refused") {
  TempTree tree;
  tree.file("parent.yaml", kParent);
  tree.file("empty.yaml",
            "name: empty\nextends: parent\nselect:\n  - ids: [\"*\"]\n    enabled: false\n");
  CHECK(
      error_loading(tree, "empty.yaml").find("empty.yaml:1:1: profile 'empty' selects no check") !=
      std::string::npos);
  tree.file("section.yaml", "name: s\nselect:\n  - section: containers\n");
  CHECK(error_loading(tree, "section.yaml")
            .find(":3:14: section 'containers' is not one of daemon, host, container, image, "
                  "swarm; did you mean 'container'?") != std::string::npos);
  tree.file("rulekey.yaml", "name: s\nselect:\n  - id: [\"container.*\"]\n");
  CHECK(error_loading(tree, "rulekey.yaml")
            .find(":3:5: unknown key 'id' in a select rule; did you mean 'ids'?") !=
        std::string::npos);
}

TEST_CASE("scoped parameters are read, checked, and laid over the entry's parameters") {
  TempTree tree;
  tree.file("scoped.yaml",
            "name: scoped\nchecks:\n  - id: container.capabilities\n    scoped:\n"
            "      - images: [\"nginx:*\"]\n        labels: [team=web]\n        parameters:\n"
            "          allowed_capabilities: [NET_BIND_SERVICE]\n");
  const auto profile = load_profile(tree.at("scoped.yaml"), {});
  const auto& selection = selection_of(profile, "container.capabilities");
  REQUIRE(selection.scoped.size() == 1);
  CHECK(selection.scoped[0].images == std::vector<std::string>{"nginx:*"});
  CHECK(selection.scoped[0].labels == std::vector<std::string>{"team=web"});
  CHECK(selection.scoped[0].parameters.strings("allowed_capabilities") ==
        std::vector<std::string>{"NET_BIND_SERVICE"});
  CHECK(selection.parameters.strings("allowed_capabilities") == std::vector<std::string>{});

  tree.file("host.yaml",
            "name: h\nchecks:\n  - id: host.docker-group\n    scoped:\n"
            "      - images: [a]\n        parameters: {trusted_users: [x]}\n");
  CHECK(error_loading(tree, "host.yaml")
            .find(":5:7: check 'host.docker-group' judges the host, not containers or images") !=
        std::string::npos);
  tree.file("typo.yaml",
            "name: t\nchecks:\n  - id: container.capabilities\n    scoped:\n"
            "      - image: [a]\n        parameters: {allowed_capabilities: [x]}\n");
  CHECK(error_loading(tree, "typo.yaml")
            .find(":5:9: unknown key 'image' in a scope; did you mean 'images'?") !=
        std::string::npos);
}

TEST_CASE("the schema refuses what the reader has no word for, at its line and column") {
  TempTree tree;
  tree.file("noscope.yaml",
            "name: n\nchecks:\n  - id: container.capabilities\n    scoped:\n"
            "      - parameters: {allowed_capabilities: [x]}\n");
  const auto message = error_loading(tree, "noscope.yaml");
  CAPTURE(message);
  CHECK(message.find("noscope.yaml:5:9: /checks/0/scoped/0 does not match the profile schema: "
                     "Missing required property 'images'.") != std::string::npos);

  tree.file("yes.yaml", "name: n\nchecks:\n  - id: container.user\n    enabled: yes\n");
  CHECK(error_loading(tree, "yes.yaml")
            .find("yes.yaml:4:14: 'enabled' must be true or false, "
                  "not 'yes'") != std::string::npos);

  tree.file("noids.yaml", "name: n\nselect:\n  - ids: []\n");
  CHECK(error_loading(tree, "noids.yaml")
            .find("noids.yaml:3:10: /select/0/ids does not match the profile schema") !=
        std::string::npos);
}

TEST_CASE("a select rule without ids, level or section says it needs one of them") {
  TempTree tree;
  tree.file("enabledonly.yaml", "name: n\nselect:\n  - enabled: true\n");
  CHECK(error_loading(tree, "enabledonly.yaml")
            .find("enabledonly.yaml:3:5: a select rule needs one of 'ids', 'level' or "
                  "'section' to say what it matches") != std::string::npos);
  tree.file("emptyrule.yaml", "name: n\nselect:\n  - {}\n");
  const auto message = error_loading(tree, "emptyrule.yaml");
  CAPTURE(message);
  CHECK(message.find("emptyrule.yaml:3:5: a select rule needs one of 'ids', 'level' or "
                     "'section'") != std::string::npos);
  CHECK(message.find("Missing required property") == std::string::npos);
}

TEST_CASE("a YAML merge key is refused as unsupported, not as a misspelt key") {
  TempTree tree;
  tree.file("merge.yaml",
            "name: m\nchecks:\n  - &user\n    id: container.user\n    severity: high\n"
            "  - <<: *user\n    id: container.privileged\n");
  const auto message = error_loading(tree, "merge.yaml");
  CAPTURE(message);
  CHECK(message.find("merge.yaml:6:5: YAML merge keys ('<<') are not supported in a check entry; "
                     "write the keys out instead") != std::string::npos);
  CHECK(message.find("did you mean") == std::string::npos);

  tree.file("mergeparameters.yaml",
            "name: m\nchecks:\n  - id: host.docker-group\n    parameters:\n"
            "      <<: {trusted_users: [alice]}\n");
  CHECK(error_loading(tree, "mergeparameters.yaml")
            .find("mergeparameters.yaml:5:7: YAML merge keys ('<<') are not supported in "
                  "'parameters'") != std::string::npos);
}

TEST_CASE("an ids glob that matches no check, or is no glob, is an error at the glob") {
  TempTree tree;
  tree.file("parent.yaml", kParent);
  tree.file("typo.yaml",
            "name: t\nextends: parent\nselect:\n  - ids: [\"contianer.*\"]\n"
            "    enabled: false\n");
  CHECK(error_loading(tree, "typo.yaml")
            .find("typo.yaml:4:11: 'ids' glob 'contianer.*' matches no check; did you mean "
                  "'container.*'?") != std::string::npos);

  tree.file("bracket.yaml",
            "name: b\nextends: parent\nselect:\n  - ids: [\"container.*\", \"container.[a-\"]\n"
            "    enabled: false\n");
  CHECK(error_loading(tree, "bracket.yaml")
            .find("bracket.yaml:4:26: 'ids' glob 'container.[a-' is not a valid glob: its '[' "
                  "at character 11 is never closed; end the set with ']'") != std::string::npos);

  tree.file("exact.yaml", "name: e\nselect:\n  - ids:\n      - container.privilegd\n");
  CHECK(error_loading(tree, "exact.yaml")
            .find("exact.yaml:4:9: 'ids' glob 'container.privilegd' matches no check; did you "
                  "mean 'container.privileged'?") != std::string::npos);

  tree.file("far.yaml", "name: f\nselect:\n  - ids: [\"qqqqqq*\"]\n");
  CHECK(error_loading(tree, "far.yaml")
            .find("far.yaml:3:11: 'ids' glob 'qqqqqq*' matches no check; `dockaudit checks` "
                  "lists the check ids") != std::string::npos);
}

TEST_CASE("a site profile extends the shipped profile of its own name") {
  TempTree tree;
  const std::filesystem::path shipped = dockaudit::testing::source_profiles_dir();
  tree.file("site/cis-docker-1.8.yaml",
            "name: cis-docker-1.8\nextends: cis-docker-1.8\nselect:\n  - section: swarm\n"
            "    enabled: false\n");
  // Found beside the file and again as a profile directory: both are itself.
  for (const auto& dirs : {std::vector<std::filesystem::path>{shipped},
                           std::vector<std::filesystem::path>{tree.at("site"), shipped}}) {
    const auto site = load_profile(tree.at("site/cis-docker-1.8.yaml"), dirs);
    CHECK(site.extends == (shipped / "cis-docker-1.8.yaml").lexically_normal().string());
    CHECK(site.benchmark->version == "1.8.0");
    CHECK(!selects(site, "swarm.autolock"));
    CHECK(selects(site, "container.user"));
  }

  // Two site files that extend each other by name are still a cycle.
  tree.file("site/baseline.yaml", "name: baseline\nextends: best-practices\n");
  tree.file("site/best-practices.yaml", "name: best-practices\nextends: baseline\n");
  const auto cycle = [&] {
    try {
      load_profile(tree.at("site/baseline.yaml"), {shipped});
    } catch (const ProfileError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  }();
  CAPTURE(cycle);
  CHECK(cycle.find("best-practices.yaml:2:10: extends 'baseline' makes a cycle") !=
        std::string::npos);
}

TEST_CASE("an error in an extended profile names the files that extend it") {
  TempTree tree;
  tree.file("ok-w.yaml", "name: w\nchecks:\n  - id: container.user\nbogus: 1\n");
  tree.file("child.yaml", "name: c\nextends: ./ok-w.yaml\n");
  tree.file("grand.yaml", "name: g\n\nextends: child\n");
  const auto message = error_loading(tree, "child.yaml");
  CAPTURE(message);
  CHECK(message.find("ok-w.yaml:4:1: unknown key 'bogus' in the profile") != std::string::npos);
  CHECK(message.ends_with(" (extended by " + tree.at("child.yaml").string() + ":2:10)"));

  const auto deeper = error_loading(tree, "grand.yaml");
  CAPTURE(deeper);
  CHECK(deeper.ends_with(" (extended by " + tree.at("child.yaml").string() +
                         ":2:10, which is extended by " + tree.at("grand.yaml").string() +
                         ":3:10)"));
}

TEST_CASE("every shipped profile, and the documented example, pass the schema and load") {
  const std::vector<std::filesystem::path> dirs{dockaudit::testing::source_profiles_dir()};
  const auto shipped = list_profiles(dirs);
  CHECK(shipped.size() >= 5);
  for (const auto& path : shipped) {
    CAPTURE(path);
    CHECK_NOTHROW(load_profile(path, dirs));
  }
  const auto example = load_profile(
      std::filesystem::path(dockaudit::testing::source_profiles_dir()) / "examples/site.yaml",
      dirs);
  CHECK(!selection_of(example, "container.capabilities").scoped.empty());
}
