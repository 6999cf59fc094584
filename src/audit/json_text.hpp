// JSON to text without surprises: invalid UTF-8 from a file or an engine is
// replaced, never thrown, and messages quote at most a short excerpt.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dockaudit::audit {

std::string to_text(const nlohmann::json& value, int indent = -1);

// At most `limit` characters of to_text(value), marked with "…" when cut.
std::string excerpt(const nlohmann::json& value, std::size_t limit = 80);

// Control characters (terminal escapes, newlines) shown as \xNN, so text from
// containers or engines cannot rewrite the reader's terminal.
std::string printable(std::string_view text);

}  // namespace dockaudit::audit
