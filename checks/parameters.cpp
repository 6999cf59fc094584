#include "checks/parameters.hpp"

#include <algorithm>

namespace dockaudit::checks {

std::string_view to_string(ParameterType type) {
  switch (type) {
    case ParameterType::string_list:
      return "a list of strings";
    case ParameterType::integer:
      return "an integer";
    case ParameterType::boolean:
      return "true or false";
    case ParameterType::string:
      return "a string";
  }
  return "a value";
}

const nlohmann::json* Parameters::find(std::string_view name) const {
  const auto found = values_.find(std::string(name));
  if (found == values_.end() || found->is_null()) return nullptr;
  return &*found;
}

std::optional<std::vector<std::string>> Parameters::strings(std::string_view name) const {
  const auto* value = find(name);
  if (!value || !matches_type(*value, ParameterType::string_list)) return std::nullopt;
  return value->get<std::vector<std::string>>();
}

std::optional<std::int64_t> Parameters::integer(std::string_view name) const {
  const auto* value = find(name);
  if (!value || !value->is_number_integer()) return std::nullopt;
  return value->get<std::int64_t>();
}

bool matches_type(const nlohmann::json& value, ParameterType type) {
  if (value.is_null()) return true;
  switch (type) {
    case ParameterType::string_list:
      return value.is_array() && std::all_of(value.begin(), value.end(),
                                             [](const auto& item) { return item.is_string(); });
    case ParameterType::integer:
      return value.is_number_integer();
    case ParameterType::boolean:
      return value.is_boolean();
    case ParameterType::string:
      return value.is_string();
  }
  return false;
}

Parameters resolve_parameters(std::span<const Parameter> declared,
                              const nlohmann::json& overrides) {
  auto values = nlohmann::json::object();
  for (const auto& parameter : declared) {
    const std::string name(parameter.name);
    if (overrides.is_object() && overrides.contains(name)) {
      values[name] = overrides.at(name);
    } else {
      values[name] = nlohmann::json::parse(parameter.default_value);
    }
  }
  return Parameters(std::move(values));
}

}  // namespace dockaudit::checks
