// CIS 5.28: a container should run the image its reference names today. When
// a tag has been pulled or built again since the container was created, the
// container still runs the old image, with the old image's vulnerabilities.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

constexpr std::string_view kIdPrefix = "sha256:";
// `docker run` takes an id prefix of any length; below this it is too short
// to be told from a repository name.
constexpr std::size_t kShortestIdPrefix = 12;

// `docker run 3f57d9401f8d` stores the id (prefix) the user typed.
bool names_image_id(std::string_view reference, std::string_view image_id) {
  if (reference.starts_with(kIdPrefix)) reference.remove_prefix(kIdPrefix.size());
  if (reference.size() < kShortestIdPrefix) return false;
  const bool hex = std::all_of(reference.begin(), reference.end(), [](unsigned char c) {
    return std::isdigit(c) || (c >= 'a' && c <= 'f');
  });
  if (image_id.starts_with(kIdPrefix)) image_id.remove_prefix(kIdPrefix.size());
  return hex && image_id.starts_with(reference);
}

const snapshot::Image* tagged(const std::vector<snapshot::Image>& images, const std::string& tag) {
  const auto found = std::find_if(images.begin(), images.end(), [&](const auto& image) {
    return std::find(image.repo_tags.begin(), image.repo_tags.end(), tag) != image.repo_tags.end();
  });
  return found == images.end() ? nullptr : &*found;
}

Judgement judge(const snapshot::Container& container, const std::vector<snapshot::Image>& images) {
  std::vector<audit::Evidence> evidence{{"Config.Image", container.image},
                                        {"Image", container.image_id}};
  if (names_image_id(container.image, container.image_id)) {
    return {Status::pass, "created from an image id, which always names the same image", evidence};
  }
  const auto reference = snapshot::familiar_reference(container.image);
  if (reference.find('@') != std::string::npos) {
    return {Status::pass, "created from a digest, which always names the same content", evidence};
  }
  const auto* current = tagged(images, reference);
  evidence.push_back({fmt::format("id of the local image tagged {}", reference),
                      current ? nlohmann::json(current->id) : nlohmann::json(nullptr)});
  if (!current) {
    return {Status::manual,
            fmt::format("no local image is tagged {} any more; compare the running image with "
                        "the registry's {}",
                        reference, reference),
            evidence};
  }
  if (current->id != container.image_id) {
    return {Status::fail,
            fmt::format("{} now names image {} (created {}); the container still runs the older "
                        "{}: recreate it",
                        reference, current->id, current->created, container.image_id),
            evidence};
  }
  return {Status::pass,
          fmt::format("runs the image {} names locally (the registry is not asked for a newer one)",
                      reference),
          evidence};
}

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  if (!snapshot.images.ok()) {
    return judge_containers(snapshot, "container.image-current", [&](const auto&) {
      return Judgement{Status::error, "images could not be listed: " + snapshot.images.error, {}};
    });
  }
  const auto& images = *snapshot.images.value;
  return judge_containers(snapshot, "container.image-current",
                          [&](const snapshot::Container& container) {
                            return judge(container, images);
                          });
}

}  // namespace

const Check container_image_current{
    .id = "container.image-current",
    .title = "Containers run the image their tag names now",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.28", "5.28", "5.28"},
    .rationale =
        "Pulling or rebuilding a tag does not change running containers: they keep the image "
        "they were created from, with the flaws the new image fixed.",
    .remediation =
        "Recreate the container from the current image (docker compose up -d, or docker rm and "
        "docker run again); pull with --pull always when creating it.",
    .reads =
        "Config.Image and Image of every container, and the id of the local image that carries "
        "the same tag (GET /images/json); image ids and digests always pass",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
