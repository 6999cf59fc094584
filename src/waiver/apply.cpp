// Which failures a site's waivers cover, and what became of each waiver.
#include <algorithm>
#include <map>
#include <optional>

#include "src/audit/selectors.hpp"
#include "src/waiver/waiver.hpp"

namespace dockaudit::waiver {

namespace {

using audit::any_glob_matches;
using audit::any_label_matches;

// What a waiver's selectors are compared with: the names an image goes by,
// as written and as `docker images` spells them, and its id.
struct Object {
  std::string name;  // container name; "" for an image
  std::vector<std::string> image_names;
  const std::map<std::string, std::string>* labels = nullptr;
};

Object describe(const snapshot::Container& container) {
  Object object{container.name, {container.image, container.image_id}, &container.labels};
  if (!container.image.empty()) {
    object.image_names.push_back(snapshot::familiar_reference(container.image));
  }
  return object;
}

Object describe(const snapshot::Image& image) {
  Object object{"", {image.id}, &image.labels};
  for (const auto& tag : image.repo_tags) {
    object.image_names.push_back(tag);
    object.image_names.push_back(snapshot::familiar_reference(tag));
  }
  return object;
}

// The container or image a result is about; nullopt for the daemon, the host,
// the swarm and rows about all containers at once.
std::optional<Object> object_of(const audit::Target& target, const snapshot::Snapshot& snapshot) {
  if (target.id.empty()) return std::nullopt;
  if (target.type == audit::Scope::container && snapshot.containers.ok()) {
    for (const auto& container : *snapshot.containers.value) {
      if (container.id == target.id) return describe(container);
    }
    // Not in the snapshot: still known by its name.
    return Object{target.name, {}, nullptr};
  }
  if (target.type == audit::Scope::image && snapshot.images.ok()) {
    for (const auto& image : *snapshot.images.value) {
      if (image.id == target.id) return describe(image);
    }
  }
  return std::nullopt;
}

bool selects_targets(const Waiver& waiver) {
  return !waiver.containers.empty() || !waiver.images.empty() || !waiver.labels.empty();
}

// Every selector list the waiver gives must match; within a list, any entry.
bool covers(const Waiver& waiver, const audit::Result& result, const snapshot::Snapshot& snapshot) {
  if (waiver.check != result.check_id) return false;
  if (!selects_targets(waiver)) return true;
  const auto object = object_of(result.target, snapshot);
  if (!object) return false;
  if (!waiver.containers.empty() &&
      (object->name.empty() || !any_glob_matches(waiver.containers, {object->name}))) {
    return false;
  }
  if (!waiver.images.empty() && !any_glob_matches(waiver.images, object->image_names)) {
    return false;
  }
  if (!waiver.labels.empty() &&
      (!object->labels || !any_label_matches(waiver.labels, *object->labels))) {
    return false;
  }
  return true;
}

audit::WaiverNote note_of(const Waiver& waiver, bool expired) {
  return {waiver.place, waiver.justification, waiver.owner, waiver.expires, expired};
}

}  // namespace

void apply_waivers(std::vector<audit::Finding>& findings, WaiverFile& file,
                   const snapshot::Snapshot& snapshot, const std::string& today) {
  for (auto& waiver : file.waivers) {
    waiver.matched = 0;
    // Dates written YYYY-MM-DD compare as text in calendar order.
    waiver.state = waiver.expires < today ? Waiver::State::expired : Waiver::State::unused;
  }
  for (auto& finding : findings) {
    // Only a failure is waivable: an error means the check could not look,
    // and a waiver must never turn "could not tell" into an accepted risk.
    if (finding.result.status != audit::Status::fail) continue;
    const Waiver* chosen = nullptr;
    for (auto& waiver : file.waivers) {
      if (!covers(waiver, finding.result, snapshot)) continue;
      ++waiver.matched;
      const bool holds = waiver.state != Waiver::State::expired;
      if (holds) waiver.state = Waiver::State::active;
      // A waiver that holds beats an expired one; otherwise the first written wins.
      if (!chosen || (holds && chosen->state == Waiver::State::expired)) chosen = &waiver;
    }
    if (!chosen) continue;
    const bool expired = chosen->state == Waiver::State::expired;
    finding.waiver = note_of(*chosen, expired);
    if (!expired) finding.result.status = audit::Status::waived;
  }
}

}  // namespace dockaudit::waiver
