#include "src/profile/schema.hpp"

#include <cmath>
#include <map>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "src/profile/document.hpp"
#include "src/profile/schema_text.hpp"

namespace dockaudit::profile {

namespace {

// Where each value (and, under "key:" + pointer, each key) stands in the file.
using Marks = std::map<std::string, YAML::Mark>;

nlohmann::json scalar_value(const YAML::Node& node) {
  if (node.Tag() != "?") return node.Scalar();  // quoted or tagged: text
  const auto& text = node.Scalar();
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  long long integer = 0;
  if (YAML::convert<long long>::decode(node, integer)) return integer;
  double number = 0;
  if (YAML::convert<double>::decode(node, number) && std::isfinite(number)) return number;
  return text;
}

nlohmann::json to_json(const YAML::Node& node, const std::string& pointer, Marks& marks) {
  marks.emplace(pointer, node.Mark());
  if (node.IsSequence()) {
    auto list = nlohmann::json::array();
    for (std::size_t index = 0; index < node.size(); ++index) {
      list.push_back(to_json(node[index], fmt::format("{}/{}", pointer, index), marks));
    }
    return list;
  }
  if (node.IsMap()) {
    auto object = nlohmann::json::object();
    for (const auto& item : node) {
      const auto key = item.first.Scalar();
      const auto child = pointer + "/" + key;
      marks.emplace("key:" + child, item.first.Mark());
      object[key] = to_json(item.second, child, marks);
    }
    return object;
  }
  if (node.IsScalar()) return scalar_value(node);
  return nullptr;
}

// Parsed once: a schema is immutable and validation only reads it.
const valijson::Schema& compiled_schema() {
  static const auto schema = [] {
    auto parsed = std::make_unique<valijson::Schema>();
    const auto document = nlohmann::json::parse(kProfileSchemaText);
    valijson::SchemaParser parser;
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(document), *parsed);
    return parsed;
  }();
  return *schema;
}

// valijson names the failing value by a context such as ["<root>",
// "[checks]", "[0]", "[weight]"]; the same path is the key of `marks`.
std::string pointer_of(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& part : context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
      pointer += "/" + part.substr(1, part.size() - 2);
    }
  }
  return pointer;
}

// The innermost failure says the most: its ancestors only repeat that an
// item or a property below them failed.
const valijson::ValidationResults::Error& innermost(const valijson::ValidationResults& results) {
  const auto* best = &*results.begin();
  for (const auto& error : results) {
    if (error.context.size() > best->context.size()) best = &error;
  }
  return *best;
}

}  // namespace

std::string_view profile_schema() { return kProfileSchemaText; }

void validate_against_schema(const YAML::Node& root, const std::filesystem::path& path) {
  Marks marks;
  const auto document = to_json(root, "", marks);
  valijson::Validator validator;
  valijson::ValidationResults results;
  if (validator.validate(compiled_schema(), valijson::adapters::NlohmannJsonAdapter(document),
                         &results)) {
    return;
  }
  const auto& error = innermost(results);
  const auto pointer = pointer_of(error.context);
  auto found = marks.find(pointer);
  if (found == marks.end()) found = marks.find("key:" + pointer);
  const auto mark = found != marks.end() ? found->second : root.Mark();
  throw ProfileError(
      located(path, mark,
              fmt::format("{} does not match the profile schema: {}",
                          pointer.empty() ? "the profile" : pointer, error.description)));
}

}  // namespace dockaudit::profile
