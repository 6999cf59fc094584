// Shared plumbing for image checks: one result per image, and an error
// wherever the engine could not tell us about an image.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "checks/judgement.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::checks {

using JudgeImage = std::function<Judgement(const snapshot::Image&)>;

// What a check reads besides the inspect answer.
enum class ImageData { inspect, history };

audit::Target image_target(const snapshot::Image& image);

// Judges every inspected image. When the list could not be read there is one
// error result; an image whose inspect (or, when the check needs it, history)
// failed gets its own error.
std::vector<audit::Result> judge_images(const snapshot::Snapshot& snapshot,
                                        std::string_view check_id, const JudgeImage& judge,
                                        ImageData needs = ImageData::inspect);

// Evidence most image checks show so a person can find the image: its tags,
// digests and build date.
std::vector<audit::Evidence> identity_evidence(const snapshot::Image& image);

}  // namespace dockaudit::checks
