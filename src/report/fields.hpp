// Reading a JSON report field by field. A report read back from a file is
// checked for its schema version, not for every field, so each accessor
// tolerates a member that is absent or of another type.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace dockaudit::report::fields {

// The string member `key`; "" when absent or not a string.
std::string text(const nlohmann::json& object, const char* key);

// The member `key` as text: a non-empty string as it is, any other value
// (true, 3, a list, "") as compact JSON; "" when absent.
std::string value_text(const nlohmann::json& object, const char* key);

// The numeric member `key`; 0 when absent or not a number.
double number(const nlohmann::json& object, const char* key);

// The integer member `key`; 0 when absent or not an integer.
long count(const nlohmann::json& object, const char* key);

// The member `key` when it is an object (or an array), else an empty one, so
// lookups can be chained.
const nlohmann::json& object(const nlohmann::json& object, const char* key);
const nlohmann::json& array(const nlohmann::json& object, const char* key);

// The report's results, or an empty array.
const nlohmann::json& results(const nlohmann::json& report);

// "fail", "pass", ... of a result; "error" when it is missing.
std::string status(const nlohmann::json& result);

// The result's target key ("container:web"), or "" when missing.
std::string target_key(const nlohmann::json& result);

// The overall score when there is one (null when nothing counted).
std::optional<double> overall_score(const nlohmann::json& report);

// 0 for low .. 3 for critical; -1 for anything else, so sorting puts unknown
// severities last.
int severity_rank(const std::string& severity);

}  // namespace dockaudit::report::fields
