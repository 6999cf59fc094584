// Docker Content Trust is a client setting: the docker CLI checks signatures
// when DOCKER_CONTENT_TRUST is on in its environment. The engine never sees
// it, so only dockaudit's own environment can be shown.
#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

// The docker CLI reads the variable with Go's strconv.ParseBool and turns
// trust on for true and for anything it cannot parse.
bool turns_trust_on(const std::string& value) {
  for (const char* off : {"0", "f", "F", "false", "FALSE", "False"}) {
    if (value == off) return false;
  }
  return !value.empty();
}

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  audit::Result result;
  result.check_id = "image.content-trust";
  result.target = {audit::Scope::host, "docker client environment", "", ""};
  result.status = audit::Status::manual;
  const auto& value = snapshot.client.docker_content_trust;
  result.evidence.push_back({"environment of dockaudit: DOCKER_CONTENT_TRUST",
                             value ? nlohmann::json(*value) : nlohmann::json(nullptr)});
  const auto seen = !value ? std::string("unset in dockaudit's environment")
                           : fmt::format(
                                 "\"{}\" in dockaudit's environment, which turns content "
                                 "trust {}",
                                 *value, turns_trust_on(*value) ? "on" : "off");
  result.detail = fmt::format(
      "DOCKER_CONTENT_TRUST is {}; confirm every shell, CI job and service that pulls or runs "
      "images sets DOCKER_CONTENT_TRUST=1",
      seen);
  return {result};
}

}  // namespace

const Check image_content_trust{
    .id = "image.content-trust",
    .title = "Docker Content Trust is on wherever images are pulled",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 2,
    .manual = true,
    .cis = {"4.5", "4.5", "4.5"},
    .rationale =
        "With content trust on, the docker client refuses unsigned images and tags whose "
        "signature does not match, so a tampered or substituted image is not pulled or run.",
    .remediation =
        "export DOCKER_CONTENT_TRUST=1 in /etc/environment or the profile of every "
        "account and CI job that runs docker.",
    .reads =
        "DOCKER_CONTENT_TRUST in the environment dockaudit runs in (the engine cannot see "
        "client settings; other users' shells and CI jobs need a person)",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
