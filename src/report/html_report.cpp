#include <stdexcept>

#include "src/report/report.hpp"

namespace dockaudit::report {

std::string render_html(const nlohmann::json&) {
  throw std::logic_error("the html format is being written");
}

}  // namespace dockaudit::report
