#include "src/audit/json_input.hpp"

#include <fmt/format.h>

namespace dockaudit::audit {

namespace {

using nlohmann::json;

// nlohmann's message without its "[json.exception.parse_error.101] " tag and
// "parse error at line 1, column 5: " place; the caller names the place.
std::string plain_message(std::string_view what) {
  if (const auto tag_end = what.find("] "); what.starts_with('[') && tag_end != what.npos) {
    what.remove_prefix(tag_end + 2);
  }
  if (const auto place_end = what.find(": ");
      what.starts_with("parse error") && place_end != what.npos) {
    what.remove_prefix(place_end + 2);
  }
  return std::string(what);
}

// nlohmann's exception id for a number out of the range of a double.
constexpr int kNumberOutOfRange = 406;

// Builds nothing; keeps the first error and where the parser stopped.
class SyntaxProbe : public json::json_sax_t {
 public:
  std::optional<JsonSyntaxProblem> problem;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  // `position` is just past the character that stopped the parse, except
  // for a number out of range (406): the parser has then read all of it,
  // `token`, and the problem is placed where the number starts.
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& error) override {
    const auto back = error.id == kNumberOutOfRange ? token.size() : 1;
    problem = JsonSyntaxProblem{position > back ? position - back : 0, plain_message(error.what())};
    return false;
  }
};

}  // namespace

TextPosition position_in(std::string_view text, std::size_t offset) {
  TextPosition position;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else {
      ++position.column;
    }
  }
  return position;
}

std::optional<std::size_t> find_excess_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::optional<JsonSyntaxProblem> find_syntax_problem(std::string_view text) {
  SyntaxProbe probe;
  json::sax_parse(text, &probe);
  return probe.problem;
}

json parse_json(std::string_view text, const std::string& source, std::size_t depth_limit) {
  const auto fail = [&](std::size_t offset, const std::string& problem) {
    const auto position = position_in(text, offset);
    return JsonInputError(
        fmt::format("{}:{}:{}: {}", source, position.line, position.column, problem));
  };
  if (const auto too_deep = find_excess_depth(text, depth_limit)) {
    throw fail(*too_deep, fmt::format("nested deeper than {} levels", depth_limit));
  }
  auto document = json::parse(text, nullptr, false);
  if (!document.is_discarded()) return document;
  // Parsed a second time only to say where and why: the DOM parser's
  // exceptions do not all carry the place (a number out of range does not).
  const auto problem = find_syntax_problem(text);
  if (!problem) throw fail(0, "not valid JSON");
  throw fail(problem->offset, "not valid JSON: " + problem->message);
}

}  // namespace dockaudit::audit
