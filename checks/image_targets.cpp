#include "checks/image_targets.hpp"

namespace dockaudit::checks {

audit::Target image_target(const snapshot::Image& image) {
  return {audit::Scope::image, snapshot::display_name(image), image.id, ""};
}

std::vector<audit::Result> judge_images(const snapshot::Snapshot& snapshot,
                                        std::string_view check_id, const JudgeImage& judge,
                                        ImageData needs) {
  std::vector<audit::Result> results;
  if (!snapshot.images.ok()) {
    audit::Result result;
    result.check_id = check_id;
    result.status = audit::Status::error;
    result.target = {audit::Scope::image, "(all images)", "", ""};
    result.detail = "images could not be listed: " + snapshot.images.error;
    results.push_back(std::move(result));
    return results;
  }
  for (const auto& image : *snapshot.images.value) {
    audit::Result result;
    result.check_id = check_id;
    result.target = image_target(image);
    if (!image.inspect_error.empty()) {
      result.status = audit::Status::error;
      result.detail = "the image could not be inspected: " + image.inspect_error;
    } else if (needs == ImageData::history && !image.history.ok()) {
      result.status = audit::Status::error;
      result.detail = "the image history could not be read: " + image.history.error;
    } else {
      auto judgement = judge(image);
      result.status = judgement.status;
      result.detail = std::move(judgement.detail);
      result.evidence = std::move(judgement.evidence);
    }
    results.push_back(std::move(result));
  }
  return results;
}

std::vector<audit::Evidence> identity_evidence(const snapshot::Image& image) {
  return {{"RepoTags", image.repo_tags},
          {"RepoDigests", image.repo_digests},
          {"Created", image.created}};
}

}  // namespace dockaudit::checks
