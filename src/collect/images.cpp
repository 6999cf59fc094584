#include "src/collect/images.hpp"

#include <fmt/format.h>

#include "src/audit/json_text.hpp"
#include "src/collect/inspect_mapping.hpp"

namespace dockaudit::collect {

namespace {

using nlohmann::json;
using snapshot::Image;

bool is_null_or(const json& config, const char* key, json::value_t type) {
  return !config.contains(key) || config[key].is_null() || config[key].type() == type;
}

// Every engine version sends an Id and a Config object. Env and Labels are
// searched for secrets, so one sent in another shape must not read as empty.
std::string malformed_image(const json& inspect) {
  if (!inspect.is_object()) return "the image inspect answer is not a JSON object";
  if (!inspect.contains("Id") || !inspect["Id"].is_string()) {
    return "the image inspect answer has no Id";
  }
  if (!inspect.contains("Config") || !inspect["Config"].is_object()) {
    return "the image inspect answer has no Config object";
  }
  const auto& config = inspect["Config"];
  if (!is_null_or(config, "Env", json::value_t::array)) return "Config.Env is not a list";
  if (!is_null_or(config, "Labels", json::value_t::object)) return "Config.Labels is not an object";
  return "";
}

// False when the image was removed before its history could be read.
bool collect_history(EngineClient& engine, Image& image) {
  const auto path = "/images/" + image.id + "/history";
  const auto history = engine.get_json(path);
  if (history.http_status == kHttpNotFound) return false;
  if (!history.ok()) {
    image.history.error = history.error;
    return true;
  }
  auto steps = map_image_history(history.body);
  if (!steps) {
    image.history.error =
        fmt::format("GET {} answered something other than a list of steps with CreatedBy", path);
    return true;
  }
  image.history.value = std::move(*steps);
  return true;
}

Image unlisted(std::string id, std::string reason) {
  Image image;
  image.id = std::move(id);
  image.inspect_error = std::move(reason);
  return image;
}

}  // namespace

snapshot::Gathered<std::vector<Image>> collect_images(EngineClient& engine) {
  using Result = snapshot::Gathered<std::vector<Image>>;
  // all=0: intermediate build layers are not images anyone runs or ships.
  const auto list = engine.get_json("/images/json?all=0");
  if (!list.ok()) return Result::failure(list.error);
  if (!list.body.is_array()) {
    return Result::failure("GET /images/json answered something other than a JSON array");
  }

  std::vector<Image> images;
  for (const auto& entry : list.body) {
    const auto id = entry.is_object() && entry.contains("Id") && entry["Id"].is_string()
                        ? entry["Id"].get<std::string>()
                        : std::string();
    if (!is_valid_engine_id(id)) {
      images.push_back(unlisted("", fmt::format("the image list holds an entry without a valid "
                                                "Id: {}",
                                                audit::excerpt(entry, 120))));
      continue;
    }
    const auto inspect = engine.get_json("/images/" + id + "/json");
    if (inspect.http_status == kHttpNotFound) continue;  // removed since the list
    const auto problem = inspect.ok() ? malformed_image(inspect.body) : inspect.error;
    if (!problem.empty()) {
      images.push_back(unlisted(id, problem));
      continue;
    }
    auto image = map_image_inspect(inspect.body);
    image.id = id;
    if (!collect_history(engine, image)) continue;
    images.push_back(std::move(image));
  }
  return {std::move(images), ""};
}

}  // namespace dockaudit::collect
