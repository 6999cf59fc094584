// Host reports for the renderer tests: the JSON document render_json gives for
// fixture containers, so every format is tested on what a real run writes.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockaudit::testing {

// The baseline profile on these inspect fixtures, as host `host_name`. The
// first failing container.user result is waived and the first failing
// container.privileged result is marked new since a baseline.
nlohmann::json sample_report(const std::string& host_name = "host-a",
                             const std::vector<std::string>& containers = {"c_priv", "c_default",
                                                                           "c_nobody"});

// The results of `report` with this status.
std::vector<nlohmann::json> results_with_status(const nlohmann::json& report,
                                                const std::string& status);

std::string read_file(const std::string& path);

}  // namespace dockaudit::testing
