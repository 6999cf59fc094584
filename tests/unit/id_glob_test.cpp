#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "src/profile/id_glob.hpp"

using namespace dockaudit::profile;

namespace {

const std::vector<std::string> kIds{"container.user", "container.privileged", "host.docker-group"};

}  // namespace

TEST_CASE("a glob with an unclosed '[' or a trailing '\\' is named, sound ones pass") {
  CHECK(glob_syntax_problem("container.[a-") ==
        "its '[' at character 11 is never closed; end the set with ']'");
  CHECK(glob_syntax_problem("container.[[:alpha:]") ==
        "its '[' at character 11 is never closed; end the set with ']'");
  CHECK(glob_syntax_problem("container\\") == "it ends in a '\\' that escapes nothing");
  for (const char* sound : {"container.*", "container.[a-z]*", "[]a]*", "[!]a]*",
                            "container.[[:alpha:]]*", "container\\.user", "?ost.*"}) {
    CAPTURE(sound);
    CHECK(glob_syntax_problem(sound).empty());
  }
}

TEST_CASE("the nearest glob mends the literal start, or is the nearest id without wildcards") {
  CHECK(nearest_glob("contianer.*", kIds) == "container.*");
  CHECK(nearest_glob("containr.*", kIds) == "container.*");
  CHECK(nearest_glob("hots.docker-*", kIds) == "host.docker-*");
  CHECK(nearest_glob("container.privilegd", kIds) == "container.privileged");
  CHECK(nearest_glob("*.nothing", kIds).empty());
  CHECK(nearest_glob("zzzzzzzz.*", kIds).empty());
  CHECK(glob_matches("container.*", "container.user"));
  CHECK(!glob_matches("host.*", "container.user"));
}
