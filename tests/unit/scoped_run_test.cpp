#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "src/audit/evaluate.hpp"
#include "src/audit/scoped_run.hpp"
#include "src/cli/snapshot_command.hpp"
#include "src/snapshot/serialize.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;

namespace {

// Two containers alike but for image and labels: both add NET_ADMIN.
snapshot::Snapshot two_containers() {
  auto web = testing::container("c_capmix");
  web.id = "web-id";
  web.name = "web";
  web.image = "nginx:1.27";
  web.labels = {{"team", "web"}};
  auto other = testing::container("c_capmix");
  other.id = "other-id";
  other.name = "other";
  return testing::snapshot_with({web, other});
}

profile::Selection capabilities_selection(std::vector<profile::ScopedParameters> scoped) {
  const auto& check = checks::container_capabilities;
  profile::Selection selection{
      &check, check.severity, 1.0, "1", checks::resolve_parameters(check.parameters, {}), {}};
  for (auto& scope : scoped) {
    scope.parameters = checks::resolve_parameters(check.parameters, scope.overrides);
  }
  selection.scoped = std::move(scoped);
  return selection;
}

audit::Status status_for(const std::vector<audit::Result>& results, const std::string& name) {
  for (const auto& result : results) {
    if (result.target.name == name) return result.status;
  }
  FAIL("no result for " << name);
  return audit::Status::error;
}

const nlohmann::json kAllowNetAdmin = {{"allowed_capabilities", {"NET_ADMIN"}}};

}  // namespace

TEST_CASE("a scoped parameter changes the result only for the containers its image glob matches") {
  const auto snapshot = two_containers();
  const auto results =
      audit::run_selection(snapshot, capabilities_selection({{{"nginx:*"}, {}, kAllowNetAdmin}}));
  REQUIRE(results.size() == 2);
  CHECK(status_for(results, "web") == audit::Status::pass);
  CHECK(status_for(results, "other") == audit::Status::fail);
}

TEST_CASE("a label scope matches by key and value glob, and the first matching scope wins") {
  const auto snapshot = two_containers();
  const auto by_label =
      audit::run_selection(snapshot, capabilities_selection({{{}, {"team=w*"}, kAllowNetAdmin}}));
  CHECK(status_for(by_label, "web") == audit::Status::pass);
  CHECK(status_for(by_label, "other") == audit::Status::fail);

  const nlohmann::json allow_nothing = {{"allowed_capabilities", nlohmann::json::array()}};
  const auto first_wins =
      audit::run_selection(snapshot, capabilities_selection({{{"nginx:*"}, {"team"}, allow_nothing},
                                                             {{"*"}, {}, kAllowNetAdmin}}));
  CHECK(status_for(first_wins, "web") == audit::Status::fail);
  CHECK(status_for(first_wins, "other") == audit::Status::pass);
}

TEST_CASE("a scope needs every list it gives to match; an image without a tag is :latest") {
  profile::ScopedParameters scope;
  scope.images = {"nginx:latest"};
  scope.labels = {"team=web"};
  CHECK(audit::scope_matches(scope, {"nginx", "nginx:latest"}, {{"team", "web"}}));
  CHECK(!audit::scope_matches(scope, {"nginx", "nginx:latest"}, {{"team", "db"}}));
  CHECK(!audit::scope_matches(scope, {"redis:7"}, {{"team", "web"}}));
}

TEST_CASE("evaluate takes each container's result from its scope's run") {
  const auto snapshot = two_containers();
  profile::Profile chosen;
  chosen.selections.push_back(capabilities_selection({{{"nginx:*"}, {}, kAllowNetAdmin}}));
  const auto findings = audit::evaluate(snapshot, chosen);
  REQUIRE(findings.size() == 2);
  for (const auto& finding : findings) {
    CAPTURE(finding.result.target.name);
    CHECK(finding.result.status ==
          (finding.result.target.name == "web" ? audit::Status::pass : audit::Status::fail));
  }
}

TEST_CASE("offline, a label scope matches an ordinary value as live, a masked one by key only") {
  auto live = two_containers();
  auto& web = live.containers.value->front();
  web.labels["tier"] = "db-primary";
  web.labels["db.password"] = "hunter2secret";
  const auto text = cli::snapshot_document(live, {"0.1.0", "host-a", "unix:///x.sock"});
  const auto offline =
      snapshot::snapshot_from_json(nlohmann::json::parse(text), "host.json").snapshot;

  for (const char* label : {"tier=db*", "db.password"}) {
    CAPTURE(label);
    const auto selection = capabilities_selection({{{}, {label}, kAllowNetAdmin}});
    CHECK(status_for(audit::run_selection(live, selection), "web") == audit::Status::pass);
    CHECK(status_for(audit::run_selection(offline, selection), "web") == audit::Status::pass);
  }
  const auto on_secret = capabilities_selection({{{}, {"db.password=hunter*"}, kAllowNetAdmin}});
  CHECK(status_for(audit::run_selection(live, on_secret), "web") == audit::Status::pass);
  CHECK(status_for(audit::run_selection(offline, on_secret), "web") == audit::Status::fail);
}
