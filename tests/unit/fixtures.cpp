#include "tests/unit/fixtures.hpp"

#include <fstream>
#include <stdexcept>

#include "src/collect/config_defaults.hpp"
#include "src/collect/inspect_mapping.hpp"

namespace dockaudit::testing {

std::string fixture_path(const std::string& relative) {
  return std::string(DOCKAUDIT_FIXTURES) + "/" + relative;
}

std::string source_profiles_dir() { return DOCKAUDIT_SOURCE_PROFILES; }

std::string source_dir() { return DOCKAUDIT_SOURCE_DIR; }

nlohmann::json load_json(const std::string& relative) {
  std::ifstream file(fixture_path(relative));
  if (!file) throw std::runtime_error("missing fixture " + relative);
  return nlohmann::json::parse(file);
}

snapshot::Container container(const std::string& name) {
  return collect::map_container_inspect(load_json("inspect/" + name + ".json"));
}

snapshot::Snapshot snapshot_with(std::vector<snapshot::Container> containers,
                                 const std::string& info) {
  snapshot::Snapshot snapshot;
  snapshot.daemon_config.path = "/etc/docker/daemon.json";
  snapshot::Engine engine;
  engine.endpoint = "unix:///fake/docker.sock";
  engine.api_version = "1.41";
  collect::map_engine_info(load_json(info), nlohmann::json::object(), engine);
  snapshot.engine = {engine, ""};
  // The daemon runs on its defaults, as read from its own command line.
  collect::DefaultsContext defaults;
  defaults.engine_version = engine.server_version;
  snapshot.daemon.effective.settings = collect::built_in_defaults(defaults);
  snapshot.containers = {std::move(containers), ""};
  snapshot.host = {{false, ""}, {false, ""}};
  return snapshot;
}

std::vector<audit::Result> results_of(const checks::Check& check,
                                      std::vector<snapshot::Container> containers) {
  return check.evaluate(snapshot_with(std::move(containers)));
}

audit::Status status_of(const checks::Check& check, const snapshot::Container& container) {
  const auto results = results_of(check, {container});
  if (results.size() != 1) throw std::runtime_error("expected one result");
  return results.front().status;
}

audit::Status status_of(const checks::Check& check, const std::string& fixture) {
  return status_of(check, container(fixture));
}

snapshot::Image image(const std::string& name) {
  auto mapped = collect::map_image_inspect(load_json("images/i_" + name + ".json"));
  mapped.history.value = collect::map_image_history(load_json("images/h_" + name + ".json"));
  if (!mapped.history.ok()) throw std::runtime_error("bad history fixture " + name);
  return mapped;
}

snapshot::Snapshot snapshot_with_images(std::vector<snapshot::Image> images) {
  auto snapshot = snapshot_with({});
  snapshot.images = {std::move(images), ""};
  return snapshot;
}

std::vector<audit::Result> results_of(const checks::Check& check,
                                      std::vector<snapshot::Image> images) {
  return check.evaluate(snapshot_with_images(std::move(images)));
}

audit::Status status_of(const checks::Check& check, const snapshot::Image& image) {
  const auto results = results_of(check, std::vector<snapshot::Image>{image});
  if (results.size() != 1) throw std::runtime_error("expected one result");
  return results.front().status;
}

snapshot::Snapshot swarm_manager_snapshot() {
  auto snapshot = snapshot_with({}, "swarm/info-manager.json");
  auto& swarm = snapshot.swarm;
  swarm.cluster = {collect::map_swarm_cluster(load_json("swarm/swarm.json")), ""};
  swarm.nodes = {collect::map_swarm_nodes(load_json("swarm/nodes.json")), ""};
  swarm.overlay_networks = {collect::map_overlay_networks(load_json("swarm/networks.json")), ""};
  swarm.secrets = {collect::map_swarm_secrets(load_json("swarm/secrets.json")), ""};
  return snapshot;
}

void FakeEngine::answer(const std::string& path, long status, std::string body,
                        std::map<std::string, std::string> headers) {
  answers_[path] = {status, std::move(body), std::move(headers)};
}

void FakeEngine::answer_json(const std::string& path, const nlohmann::json& body) {
  answer(path, 200, body.dump());
}

void FakeEngine::fail(const std::string& path, std::string reason) {
  failures_[path] = std::move(reason);
}

snapshot::Gathered<collect::HttpResponse> FakeEngine::get(const std::string& path) {
  requests.push_back(path);
  if (const auto failure = failures_.find(path); failure != failures_.end()) {
    return snapshot::Gathered<collect::HttpResponse>::failure(failure->second);
  }
  if (const auto found = answers_.find(path); found != answers_.end()) {
    return {found->second, ""};
  }
  return {collect::HttpResponse{404, R"({"message":"page not found"})", {}}, ""};
}

FakeEngine engine_with(const std::vector<std::string>& inspect_fixtures) {
  FakeEngine engine;
  engine.answer("/_ping", 200, "OK", {{"api-version", "1.41"}});
  engine.answer_json("/v1.41/info", load_json("info/info-default.json"));
  engine.answer_json("/v1.41/version", {{"Version", "20.10.24+dfsg1"}, {"ApiVersion", "1.41"}});
  auto list = nlohmann::json::array();
  for (const auto& name : inspect_fixtures) {
    const auto inspect = load_json("inspect/" + name + ".json");
    const auto id = inspect["Id"].get<std::string>();
    list.push_back(
        {{"Id", id}, {"Names", {inspect["Name"]}}, {"State", inspect["State"]["Status"]}});
    engine.answer_json("/v1.41/containers/" + id + "/json", inspect);
  }
  engine.answer_json("/v1.41/containers/json?all=1", list);
  engine.answer_json("/v1.41/images/json?all=0", nlohmann::json::array());
  return engine;
}

void serve_images(FakeEngine& engine, const std::vector<std::string>& names) {
  auto list = nlohmann::json::array();
  for (const auto& name : names) {
    const auto inspect = load_json("images/i_" + name + ".json");
    const auto id = inspect["Id"].get<std::string>();
    list.push_back({{"Id", id}, {"RepoTags", inspect["RepoTags"]}});
    engine.answer_json("/v1.41/images/" + id + "/json", inspect);
    engine.answer_json("/v1.41/images/" + id + "/history", load_json("images/h_" + name + ".json"));
  }
  engine.answer_json("/v1.41/images/json?all=0", list);
}

}  // namespace dockaudit::testing
