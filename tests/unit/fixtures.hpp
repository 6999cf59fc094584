// Test helpers: real captured engine JSON, snapshots built from it, and an
// in-memory engine behind the same transport interface as the real one.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/check.hpp"
#include "src/collect/transport.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::testing {

std::string fixture_path(const std::string& relative);
// The source tree's profiles/ directory.
std::string source_profiles_dir();
// The source tree's top directory.
std::string source_dir();
nlohmann::json load_json(const std::string& relative);

// tests/fixtures/inspect/<name>.json mapped to a container.
snapshot::Container container(const std::string& name);

// A snapshot of a reachable engine (info fixture) holding these containers.
snapshot::Snapshot snapshot_with(std::vector<snapshot::Container> containers,
                                 const std::string& info = "info/info-default.json");

// The status one check gives one container.
audit::Status status_of(const checks::Check& check, const snapshot::Container& container);
audit::Status status_of(const checks::Check& check, const std::string& fixture);

// One check's results on these containers.
std::vector<audit::Result> results_of(const checks::Check& check,
                                      std::vector<snapshot::Container> containers);

// tests/fixtures/images/i_<name>.json and h_<name>.json mapped to an image.
snapshot::Image image(const std::string& name);

// A snapshot of a reachable engine holding these images and no containers.
snapshot::Snapshot snapshot_with_images(std::vector<snapshot::Image> images);

// One check's results on these images.
std::vector<audit::Result> results_of(const checks::Check& check,
                                      std::vector<snapshot::Image> images);
audit::Status status_of(const checks::Check& check, const snapshot::Image& image);

// A snapshot of the active swarm manager captured in tests/fixtures/swarm.
snapshot::Snapshot swarm_manager_snapshot();

class FakeEngine final : public collect::Transport {
 public:
  void answer(const std::string& path, long status, std::string body,
              std::map<std::string, std::string> headers = {});
  void answer_json(const std::string& path, const nlohmann::json& body);
  void fail(const std::string& path, std::string reason);

  snapshot::Gathered<collect::HttpResponse> get(const std::string& path) override;
  const std::string& describe() const override { return name_; }

  std::vector<std::string> requests;

 private:
  std::string name_ = "unix:///fake/docker.sock";
  std::map<std::string, collect::HttpResponse> answers_;
  std::map<std::string, std::string> failures_;
};

// A fake engine at API 1.41 that serves these inspect fixtures, and no images.
FakeEngine engine_with(const std::vector<std::string>& inspect_fixtures);

// Lists these image fixtures (i_<name>.json, h_<name>.json) on the fake engine
// and serves their inspect and history answers.
void serve_images(FakeEngine& engine, const std::vector<std::string>& names);

}  // namespace dockaudit::testing
