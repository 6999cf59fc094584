// Text that XML 1.0 can carry. Report strings come from containers and files
// and may hold control characters XML forbids even when escaped; those are
// shown as \xNN instead, so the document stays well-formed.
#pragma once

#include <string>
#include <string_view>

namespace dockaudit::report {

std::string xml_text(std::string_view text);

}  // namespace dockaudit::report
