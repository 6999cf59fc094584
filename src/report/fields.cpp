#include "src/report/fields.hpp"

#include <array>

#include "src/audit/json_text.hpp"

namespace dockaudit::report::fields {

using nlohmann::json;

std::string text(const json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

std::string value_text(const json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto found = object.find(key);
  if (found == object.end()) return "";
  // An empty string is shown quoted, so "seen: Config.User = " is not misread.
  if (found->is_string() && !found->get_ref<const std::string&>().empty()) {
    return found->get<std::string>();
  }
  return audit::to_text(*found);
}

double number(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  const auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : 0;
}

long count(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  const auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<long>() : 0;
}

const json& object(const json& object, const char* key) {
  static const json empty = json::object();
  if (!object.is_object()) return empty;
  const auto found = object.find(key);
  return found != object.end() && found->is_object() ? *found : empty;
}

const json& array(const json& object, const char* key) {
  static const json empty = json::array();
  if (!object.is_object()) return empty;
  const auto found = object.find(key);
  return found != object.end() && found->is_array() ? *found : empty;
}

const json& results(const json& report) { return array(report, "results"); }

std::string status(const json& result) {
  const auto seen = text(result, "status");
  return seen.empty() ? "error" : seen;
}

std::string target_key(const json& result) { return text(object(result, "target"), "key"); }

std::optional<double> overall_score(const json& report) {
  const auto& score = object(report, "score");
  const auto found = score.find("overall");
  if (found == score.end() || !found->is_number()) return std::nullopt;
  return found->get<double>();
}

int severity_rank(const std::string& severity) {
  static constexpr std::array<const char*, 4> kOrder{"low", "medium", "high", "critical"};
  for (std::size_t rank = 0; rank < kOrder.size(); ++rank) {
    if (severity == kOrder[rank]) return static_cast<int>(rank);
  }
  return -1;
}

}  // namespace dockaudit::report::fields
