// Text to JSON without surprises: every JSON file dockaudit reads (a saved
// report, a snapshot, daemon.json, a container's config.v2.json) is parsed
// here, so a hostile or broken file gives an error naming its place, never a
// crash. Parsing itself does not recurse, but copying, comparing and printing
// a document do, once per level; a file nested a hundred thousand levels deep
// would overflow the stack there. Nesting is therefore limited before parsing.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dockaudit::audit {

// Far deeper than any document dockaudit writes or reads needs (a report is
// about six levels deep), and far shallower than what overflows the stack.
inline constexpr std::size_t kMaxJsonDepth = 512;

// 1-based line and column of a place in a text.
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition position_in(std::string_view text, std::size_t offset);

// The offset of the first '[' or '{' (outside strings) that opens level
// `limit` + 1, the outermost value being level 1; nullopt when the text stays
// within `limit`. A scan, not a parse: nothing in it grows with the depth.
std::optional<std::size_t> find_excess_depth(std::string_view text, std::size_t limit);

// Why a text is not JSON: the offset where the parser stopped and its
// message without nlohmann's "[json.exception...]" prefix. Numbers out of the
// range of a double (1e400) are refused here too, as dockerd refuses them.
struct JsonSyntaxProblem {
  std::size_t offset = 0;
  std::string message;
};
std::optional<JsonSyntaxProblem> find_syntax_problem(std::string_view text);

// A text that is not JSON dockaudit reads. The message is
// "SOURCE:LINE:COLUMN: PROBLEM".
class JsonInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses `text`, read from `source` (a file name, for messages). Throws
// JsonInputError when it is not one JSON value or is nested deeper than
// `depth_limit`, e.g. "run.json:1:513: nested deeper than 512 levels".
nlohmann::json parse_json(std::string_view text, const std::string& source,
                          std::size_t depth_limit = kMaxJsonDepth);

}  // namespace dockaudit::audit
