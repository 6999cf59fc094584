#include <doctest/doctest.h>

#include <string>

#include "src/audit/json_input.hpp"

using namespace dockaudit::audit;

namespace {

std::string parse_error(std::string_view text, std::size_t depth_limit = kMaxJsonDepth) {
  try {
    parse_json(text, "run.json", depth_limit);
  } catch (const JsonInputError& error) {
    return error.what();
  }
  return "parsed";
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("depth is counted at the bracket that opens each level, brackets in strings aside") {
  CHECK(find_excess_depth("[[[]]]", 2) == 2);
  CHECK(find_excess_depth("{\"a\": [{}]}", 2) == 7);
  CHECK(find_excess_depth("[[]] [[]]", 2) == std::nullopt);
  CHECK(find_excess_depth(R"(["[[[{{{", "\"[[["])", 1) == std::nullopt);
  CHECK(find_excess_depth("", 1) == std::nullopt);
}

TEST_CASE("a file of 100,000 nested brackets is refused at its place instead of crashing") {
  CHECK(parse_error(std::string(100000, '[')) == "run.json:1:513: nested deeper than 512 levels");
  CHECK(parse_error(nested(100000)) == "run.json:1:513: nested deeper than 512 levels");
  CHECK(parse_error("{\n  \"a\": " + nested(600) + "}") ==
        "run.json:2:519: nested deeper than 512 levels");
  CHECK(parse_error(nested(kMaxJsonDepth)) == "parsed");
  CHECK(parse_error(nested(20), 10) == "run.json:1:11: nested deeper than 10 levels");
}

TEST_CASE("text that is not JSON is refused at the line and column where parsing stopped") {
  CHECK(parse_error("{\n  \"a\": 1,\n}") ==
        "run.json:3:1: not valid JSON: syntax error while parsing object key - unexpected '}'; "
        "expected string literal");
  CHECK(parse_error("") ==
        "run.json:1:1: not valid JSON: syntax error while parsing value - unexpected end of "
        "input; expected '[', '{', or a literal");
  CHECK(parse_error("{} {}").starts_with("run.json:1:4: not valid JSON: syntax error"));
}

TEST_CASE("a number beyond the range of a double is refused with its place and its text") {
  CHECK(parse_error("{\"score\": {\"overall\": 1e400}}") ==
        "run.json:1:23: not valid JSON: number overflow parsing '1e400'");
  CHECK(parse_error("[-1e400]").starts_with("run.json:1:"));
  CHECK(parse_json("[1e308, 18446744073709551615]", "run.json").size() == 2);
}

TEST_CASE("lines and columns count from 1, a column per byte") {
  CHECK(position_in("ab\ncd", 0).line == 1);
  CHECK(position_in("ab\ncd", 0).column == 1);
  CHECK(position_in("ab\ncd", 4).line == 2);
  CHECK(position_in("ab\ncd", 4).column == 2);
  CHECK(position_in("ab", 99).column == 3);
}
