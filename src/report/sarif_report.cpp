#include <stdexcept>

#include "src/report/report.hpp"

namespace dockaudit::report {

std::string render_sarif(const nlohmann::json&) {
  throw std::logic_error("the sarif format is being written");
}

}  // namespace dockaudit::report
