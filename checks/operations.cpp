// Section 6: images and containers that pile up unused. Nothing here is
// wrong in itself; a person decides what to remove, so anything idle is a
// manual result with the counts, and only "nothing idle" passes.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

// Enough names to act on without flooding the report.
constexpr std::size_t kMaxListed = 20;

audit::Result all_of(audit::Scope scope, std::string_view check_id, std::string name) {
  audit::Result result;
  result.check_id = check_id;
  result.target = {scope, std::move(name), "", ""};
  return result;
}

std::vector<audit::Result> evaluate_image_sprawl(const snapshot::Snapshot& snapshot) {
  auto result = all_of(audit::Scope::image, "ops.image-sprawl", "(all images)");
  if (!snapshot.images.ok() || !snapshot.containers.ok()) {
    result.status = Status::error;
    result.detail = !snapshot.images.ok()
                        ? "images could not be listed: " + snapshot.images.error
                        : "containers could not be listed: " + snapshot.containers.error;
    return {result};
  }
  std::set<std::string> used;
  std::size_t unknown = 0;
  for (const auto& container : *snapshot.containers.value) {
    if (container.image_id.empty()) ++unknown;
    used.insert(container.image_id);
  }
  std::vector<std::string> unused;
  for (const auto& image : *snapshot.images.value) {
    if (!used.count(image.id)) unused.push_back(snapshot::display_name(image));
  }
  const auto total = snapshot.images.value->size();
  const auto unused_count = unused.size();
  result.evidence = {{"GET /images/json (count)", total},
                     {"images used by no container (count)", unused_count}};
  if (unused.empty()) {
    result.status = Status::pass;
    result.detail = fmt::format("every one of the {} images is used by a container", total);
    return {result};
  }
  unused.resize(std::min(unused.size(), kMaxListed));
  result.evidence.push_back({"images used by no container", unused});
  result.status = Status::manual;
  result.detail = fmt::format(
      "{} of {} images are used by no container; remove those no longer needed (docker image "
      "prune -a){}",
      unused_count, total,
      unknown == 0
          ? std::string()
          : fmt::format(" ({} containers could not be inspected and may use some)", unknown));
  return {result};
}

std::vector<audit::Result> evaluate_container_sprawl(const snapshot::Snapshot& snapshot) {
  auto result = all_of(audit::Scope::container, "ops.container-sprawl", "(all containers)");
  if (!snapshot.engine.ok()) {
    result.status = Status::error;
    result.detail = "the engine could not be asked for its counts: " + snapshot.engine.error;
    return {result};
  }
  const auto& counts = snapshot.engine.value->counts;
  const auto shown = [](const std::optional<std::int64_t>& count) {
    return count ? nlohmann::json(*count) : nlohmann::json(nullptr);
  };
  result.evidence = {{"/info Containers", shown(counts.containers)},
                     {"/info ContainersRunning", shown(counts.running)},
                     {"/info ContainersPaused", shown(counts.paused)},
                     {"/info ContainersStopped", shown(counts.stopped)}};
  if (!counts.containers || !counts.stopped) {
    result.status = Status::error;
    result.detail = "/info did not report Containers and ContainersStopped";
  } else if (*counts.stopped == 0) {
    result.status = Status::pass;
    result.detail = fmt::format("none of the {} containers is stopped", *counts.containers);
  } else {
    result.status = Status::manual;
    result.detail = fmt::format(
        "{} of {} containers are stopped or never started; remove those no longer needed "
        "(docker container prune)",
        *counts.stopped, *counts.containers);
  }
  return {result};
}

}  // namespace

const Check ops_image_sprawl{
    .id = "ops.image-sprawl",
    .title = "Images no container uses are cleaned up",
    .scope = audit::Scope::image,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"6.1", "6.1", "6.1"},
    .rationale =
        "Old images pile up with old, unpatched packages; one started by mistake brings its "
        "vulnerabilities back, and the pile hides which images are really in use.",
    .remediation =
        "Remove images no container uses: docker image prune -a (after checking the "
        "list), and prune regularly.",
    .reads =
        "GET /images/json?all=0 against the Image of every inspected container (all "
        "states); passes when every image is used, otherwise manual with the counts and "
        "up to 20 unused images",
    .evaluate = &evaluate_image_sprawl,
};

const Check ops_container_sprawl{
    .id = "ops.container-sprawl",
    .title = "Stopped containers are cleaned up",
    .scope = audit::Scope::container,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"6.2", "6.2", "6.2"},
    .rationale =
        "Stopped containers keep their writable layers, volumes and configuration, and are "
        "easy to start again by mistake; many of them make the host hard to reason about.",
    .remediation =
        "Remove containers that are no longer needed: docker container prune, or "
        "run short-lived ones with --rm.",
    .reads =
        "/info Containers, ContainersRunning, ContainersPaused and ContainersStopped; "
        "passes when none is stopped, otherwise manual with the counts",
    .evaluate = &evaluate_container_sprawl,
};

}  // namespace dockaudit::checks
