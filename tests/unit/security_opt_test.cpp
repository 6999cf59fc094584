#include <doctest/doctest.h>

#include "src/snapshot/security_opt.hpp"

using namespace dockaudit::snapshot;

TEST_CASE("security options split at the first '=' before any ':'") {
  const auto inline_seccomp = parse_security_option(R"(seccomp={"defaultAction":"X"})");
  CHECK(inline_seccomp.key == "seccomp");
  CHECK(inline_seccomp.value == R"({"defaultAction":"X"})");

  const auto colon = parse_security_option("no-new-privileges:true");
  CHECK(colon.key == "no-new-privileges");
  CHECK(colon.value == "true");

  const auto label = parse_security_option("label=disable");
  CHECK(label.key == "label");
  CHECK(label.value == "disable");
  CHECK(label.raw == "label=disable");
}

TEST_CASE("a bare option has a key and no value") {
  const auto bare = parse_security_option("no-new-privileges");
  CHECK(bare.key == "no-new-privileges");
  CHECK(bare.value.empty());
}

TEST_CASE("Go boolean spellings are the ones strconv.ParseBool takes") {
  for (const char* yes : {"1", "t", "T", "TRUE", "true", "True"}) CHECK(parse_go_bool(yes) == true);
  for (const char* no : {"0", "f", "F", "FALSE", "false", "False"}) {
    CHECK(parse_go_bool(no) == false);
  }
  for (const char* neither : {"yes", "tRUE", "", "on"}) CHECK_FALSE(parse_go_bool(neither));
}
