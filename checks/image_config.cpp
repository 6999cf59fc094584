// Image checks decided by the image's own configuration: the user its
// containers start as, and its healthcheck.
#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/image_targets.hpp"
#include "checks/secret_patterns.hpp"
#include "src/snapshot/user.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

Judgement judge_user(const snapshot::Image& image) {
  std::vector<audit::Evidence> evidence{{"Config.User", image.user}};
  if (snapshot::is_root_user(image.user)) {
    auto detail = image.user.empty() ? std::string("no USER is set, so containers start as root")
                                     : fmt::format("USER \"{}\" is root", image.user);
    return {Status::fail, std::move(detail), std::move(evidence)};
  }
  return {Status::pass, fmt::format("containers start as \"{}\"", image.user), std::move(evidence)};
}

Judgement judge_healthcheck(const snapshot::Image& image) {
  const auto& test = image.healthcheck;
  std::vector<audit::Evidence> evidence{
      {"Config.Healthcheck.Test",
       test ? nlohmann::json(mask_lines(*test)) : nlohmann::json(nullptr)}};
  if (!test || test->empty()) return {Status::fail, "no HEALTHCHECK", std::move(evidence)};
  if (test->front() == "NONE") {
    return {Status::fail, "HEALTHCHECK NONE turns health checking off", std::move(evidence)};
  }
  return {Status::pass, "HEALTHCHECK defined", std::move(evidence)};
}

std::vector<audit::Result> evaluate_user(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.user", &judge_user);
}

std::vector<audit::Result> evaluate_healthcheck(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.healthcheck", &judge_healthcheck);
}

}  // namespace

const Check image_user{
    .id = "image.user",
    .title = "Images name a non-root user",
    .scope = audit::Scope::image,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"4.1", "4.1", "4.1"},
    .rationale =
        "Every container started from an image without a USER runs as root unless its owner "
        "remembers --user. container.user judges the containers that exist; this check finds "
        "the images that will start the next ones as root.",
    .remediation =
        "Create an unprivileged user in the Dockerfile and add USER <uid>:<gid> before the "
        "final CMD or ENTRYPOINT.",
    .reads =
        "Config.User of every image in GET /images/json; \"\", 0, root, 0:* and root:* are "
        "root; other names are taken as non-root (they resolve only inside the image)",
    .evaluate = &evaluate_user,
};

const Check image_healthcheck{
    .id = "image.healthcheck",
    .title = "Images define a HEALTHCHECK",
    .scope = audit::Scope::image,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"4.6", "4.6", "4.6"},
    .rationale =
        "Without a healthcheck the engine and orchestrators only know whether the process "
        "runs, not whether it works, so a hung service is never restarted or replaced.",
    .remediation =
        "Add HEALTHCHECK CMD <command that exits non-zero when unhealthy> to the "
        "Dockerfile.",
    .reads = "Config.Healthcheck.Test of every image: absent or [\"NONE\"] fails",
    .evaluate = &evaluate_healthcheck,
};

}  // namespace dockaudit::checks
