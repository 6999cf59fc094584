// Named, typed settings a profile may give a check (the accounts trusted with
// the Docker socket, the oldest acceptable engine build). A check declares
// each with a default; the profile's values replace the defaults.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockaudit::checks {

enum class ParameterType { string_list, integer, boolean, string };

std::string_view to_string(ParameterType type);

struct Parameter {
  std::string_view name;
  ParameterType type = ParameterType::string;
  std::string_view default_value;  // JSON text; "null" means unset
  std::string_view description;
  // The range a profile may give an integer parameter.
  std::int64_t minimum = std::numeric_limits<std::int64_t>::min();
  std::int64_t maximum = std::numeric_limits<std::int64_t>::max();
};

// The values one check runs with: every declared parameter, with the
// profile's value where it gave one and the declared default elsewhere.
class Parameters {
 public:
  Parameters() = default;
  // `values` maps parameter names to values already checked against their
  // declared types.
  explicit Parameters(nlohmann::json values) : values_(std::move(values)) {}

  // nullopt when the parameter is unset (null) or not declared.
  std::optional<std::vector<std::string>> strings(std::string_view name) const;
  std::optional<std::int64_t> integer(std::string_view name) const;

  // Every parameter and its value, for evidence.
  const nlohmann::json& values() const { return values_; }

 private:
  const nlohmann::json* find(std::string_view name) const;

  nlohmann::json values_ = nlohmann::json::object();
};

// Whether `value` has the shape `type` asks for (null always does: unset).
bool matches_type(const nlohmann::json& value, ParameterType type);

// The declared defaults overlaid by `overrides` (an object whose names and
// types the profile loader has validated).
Parameters resolve_parameters(std::span<const Parameter> declared,
                              const nlohmann::json& overrides);

}  // namespace dockaudit::checks
