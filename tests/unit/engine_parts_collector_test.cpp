#include <doctest/doctest.h>

#include <algorithm>

#include "src/collect/collector.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;

namespace {

snapshot::Snapshot collected(testing::FakeEngine& fake) {
  collect::EngineClient client(fake);
  snapshot::Snapshot snapshot;
  collect::collect_engine(client, snapshot);
  return snapshot;
}

bool requested(const testing::FakeEngine& fake, const std::string& path) {
  return std::find(fake.requests.begin(), fake.requests.end(), path) != fake.requests.end();
}

}  // namespace

TEST_CASE("every listed image is inspected with its history") {
  auto fake = testing::engine_with({});
  testing::serve_images(fake, {"busybox", "leaky", "built"});
  const auto snapshot = collected(fake);
  REQUIRE(snapshot.images.ok());
  REQUIRE(snapshot.images.value->size() == 3);
  const auto& leaky = snapshot.images.value->at(1);
  CHECK(leaky.repo_tags == std::vector<std::string>{"local/leaky:1"});
  CHECK(leaky.env.size() == 2);
  CHECK(leaky.labels.at("api_token").starts_with("ghp_"));
  const auto& built = snapshot.images.value->at(2);
  REQUIRE(built.history.ok());
  CHECK(built.history.value->size() == 6);
  CHECK(built.healthcheck == std::vector<std::string>{"NONE"});
}

TEST_CASE("an image removed between list and inspect is skipped; a failed history is kept") {
  auto fake = testing::engine_with({});
  testing::serve_images(fake, {"busybox", "built"});
  const auto busybox = testing::image("busybox").id;
  const auto built = testing::image("built").id;
  fake.answer("/v1.41/images/" + busybox + "/json", 404, R"({"message":"No such image"})");
  fake.answer("/v1.41/images/" + built + "/history", 500, R"({"message":"layer missing"})");
  const auto snapshot = collected(fake);
  REQUIRE(snapshot.images.value->size() == 1);
  const auto& image = snapshot.images.value->front();
  CHECK(image.id == built);
  CHECK(image.history.error.find("layer missing") != std::string::npos);
}

TEST_CASE("an image whose Env is not a list is an error, not an empty environment") {
  auto fake = testing::engine_with({});
  testing::serve_images(fake, {"leaky"});
  auto inspect = testing::load_json("images/i_leaky.json");
  inspect["Config"]["Env"] = "AWS_SECRET_ACCESS_KEY=x";
  fake.answer_json("/v1.41/images/" + inspect["Id"].get<std::string>() + "/json", inspect);
  const auto snapshot = collected(fake);
  CHECK(snapshot.images.value->front().inspect_error == "Config.Env is not a list");
}

TEST_CASE("an image list the engine refuses is recorded as the images' error") {
  auto fake = testing::engine_with({});
  fake.answer("/v1.41/images/json?all=0", 500, R"({"message":"store corrupt"})");
  const auto snapshot = collected(fake);
  CHECK_FALSE(snapshot.images.ok());
  CHECK(snapshot.images.error.find("store corrupt") != std::string::npos);
}

TEST_CASE("with swarm mode off no manager endpoint is asked") {
  auto fake = testing::engine_with({});
  const auto snapshot = collected(fake);
  CHECK_FALSE(requested(fake, "/v1.41/swarm"));
  CHECK_FALSE(snapshot.swarm.cluster.ok());
  CHECK_FALSE(snapshot.swarm.cluster.failed());
}

TEST_CASE("an active manager is asked for its swarm, nodes, networks and secrets") {
  auto fake = testing::engine_with({});
  fake.answer_json("/v1.41/info", testing::load_json("swarm/info-manager.json"));
  for (const char* part : {"swarm", "nodes", "networks", "secrets"}) {
    fake.answer_json(std::string("/v1.41/") + part,
                     testing::load_json(std::string("swarm/") + part + ".json"));
  }
  const auto snapshot = collected(fake);
  REQUIRE(snapshot.engine.ok());
  CHECK(snapshot.engine.value->swarm_control_available == true);
  REQUIRE(snapshot.swarm.cluster.ok());
  CHECK(snapshot.swarm.cluster.value->autolock_managers == false);
  CHECK(snapshot.swarm.nodes.value->size() == 1);
  CHECK(snapshot.swarm.overlay_networks.value->size() == 3);  // plain, ingress, sealed
  CHECK(snapshot.swarm.secrets.value->front().name == "db_password");
}

TEST_CASE("a 503 from a manager endpoint means this node is not a manager") {
  auto fake = testing::engine_with({});
  fake.answer_json("/v1.41/info", testing::load_json("swarm/info-manager.json"));
  fake.answer("/v1.41/swarm", 503,
              R"({"message":"This node is not a swarm manager. Use \"docker swarm init\" or )"
              R"(\"docker swarm join\" to connect this node to swarm and try again."})");
  const auto snapshot = collected(fake);
  CHECK(snapshot.swarm.not_manager.find("not a swarm manager") != std::string::npos);
  CHECK_FALSE(snapshot.swarm.cluster.failed());
  CHECK_FALSE(requested(fake, "/v1.41/nodes"));
}

TEST_CASE("a manager endpoint that fails otherwise is recorded with its reason") {
  auto fake = testing::engine_with({});
  fake.answer_json("/v1.41/info", testing::load_json("swarm/info-manager.json"));
  fake.answer_json("/v1.41/swarm", testing::load_json("swarm/swarm.json"));
  fake.answer("/v1.41/nodes", 500, R"({"message":"raft unavailable"})");
  fake.answer_json("/v1.41/networks", nlohmann::json::object());
  const auto snapshot = collected(fake);
  CHECK(snapshot.swarm.cluster.ok());
  CHECK(snapshot.swarm.nodes.error.find("raft unavailable") != std::string::npos);
  CHECK(snapshot.swarm.overlay_networks.error.find("expected") != std::string::npos);
}
