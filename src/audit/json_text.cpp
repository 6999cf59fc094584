#include "src/audit/json_text.hpp"

#include <fmt/format.h>

namespace dockaudit::audit {

std::string to_text(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string excerpt(const nlohmann::json& value, std::size_t limit) {
  // Containers are summarised rather than dumped: they may be large or deep.
  if (value.is_object()) return fmt::format("an object of {} keys", value.size());
  if (value.is_array()) return fmt::format("an array of {} items", value.size());
  auto text = to_text(value);
  if (text.size() > limit) text = text.substr(0, limit) + "…";
  return text;
}

std::string printable(std::string_view text) {
  std::string shown;
  shown.reserve(text.size());
  for (const unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      shown += fmt::format("\\x{:02x}", c);
    } else {
      shown += static_cast<char>(c);
    }
  }
  return shown;
}

}  // namespace dockaudit::audit
