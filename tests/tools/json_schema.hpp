// JSON Schema validation for the tests (valijson): the SARIF log against the
// OASIS schema, in the unit tests and in tests/e2e/formats.sh.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockaudit::testing {

// Every violation of `schema` (draft-04, as the SARIF schema is written) by
// `document`, each as "JSON path: what is wrong"; empty when it is valid.
std::vector<std::string> schema_errors(const nlohmann::json& schema,
                                       const nlohmann::json& document);

}  // namespace dockaudit::testing
