#include <doctest/doctest.h>

#include "src/snapshot/user.hpp"

using dockaudit::snapshot::is_root_user;

TEST_CASE("every spelling of root is root") {
  for (const char* user : {"", "0", "root", "0:0", "root:root", "0:1000", "root:staff", "00",
                           "000:1", ":1000", "+0", "-0", "+0:+0", "+00:1"}) {
    CAPTURE(user);
    CHECK(is_root_user(user));
  }
}

TEST_CASE("other users are not root") {
  for (const char* user : {"1000", "1000:1000", "nobody", "nobody:nogroup", "10", "100:0",
                           "rootless", "0x0", "www-data:0", "+1000", "-1"}) {
    CAPTURE(user);
    CHECK_FALSE(is_root_user(user));
  }
}
