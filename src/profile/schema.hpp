// The JSON Schema of a profile file (profiles/profile.schema.json, compiled
// in): `dockaudit profiles schema` prints it, and the loader holds every file
// to it, so a file that editors and CI accept by the schema is the file
// dockaudit accepts.
#pragma once

#include <filesystem>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace dockaudit::profile {

std::string_view profile_schema();

// Throws ProfileError "file:line:column: message" at the node the schema
// refuses. Plain scalars are typed as YAML 1.2 reads them (1 is a number,
// true a boolean, ~ null); quoted ones are strings.
void validate_against_schema(const YAML::Node& root, const std::filesystem::path& path);

}  // namespace dockaudit::profile
