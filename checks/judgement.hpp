// What a check concludes about one target, before the target is attached.
#pragma once

#include <string>
#include <vector>

#include "src/audit/result.hpp"

namespace dockaudit::checks {

struct Judgement {
  audit::Status status;
  std::string detail;
  std::vector<audit::Evidence> evidence;
};

}  // namespace dockaudit::checks
