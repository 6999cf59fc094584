#include <stdexcept>

#include "src/report/report.hpp"

namespace dockaudit::report {

std::string render_prometheus(const nlohmann::json&) {
  throw std::logic_error("the prometheus format is being written");
}

}  // namespace dockaudit::report
