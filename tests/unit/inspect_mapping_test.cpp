#include <doctest/doctest.h>

#include "src/collect/inspect_mapping.hpp"
#include "tests/unit/fixtures.hpp"

using dockaudit::testing::container;

TEST_CASE("a default container maps to no limits, no user and no options") {
  const auto c = container("c_default");
  CHECK(c.name == "c_default");
  CHECK(c.id.size() == 64);
  CHECK(c.state == "running");
  CHECK(c.user.empty());
  CHECK_FALSE(c.privileged);
  CHECK(c.memory == 0);
  CHECK_FALSE(c.pids_limit.has_value());
  CHECK(c.security_options.empty());
}

TEST_CASE("captured run options show up in the mapped container") {
  CHECK(container("c_user1000").user == "1000:1000");
  CHECK(container("c_priv").privileged);
  CHECK(container("c_priv").state == "created");
  CHECK(container("c_mem").memory == 67108864);
  CHECK(container("c_cpus").nano_cpus == 500000000);
  CHECK(container("c_pids").pids_limit == 50);
  CHECK_FALSE(container("c_pidsm1").pids_limit.has_value());
  CHECK_FALSE(container("c_pids0").pids_limit.has_value());
  const auto labelled = container("c_labeldis");
  REQUIRE(labelled.security_options.size() == 1);
  CHECK(labelled.security_options[0].key == "label");
  CHECK(labelled.security_options[0].value == "disable");
}

TEST_CASE("fields of the wrong type or missing map to their empty values") {
  const auto c = dockaudit::collect::map_container_inspect(
      {{"Id", 42}, {"Config", {{"User", nullptr}}}, {"HostConfig", {{"Memory", "lots"}}}});
  CHECK(c.id.empty());
  CHECK(c.user.empty());
  CHECK(c.memory == 0);
}

TEST_CASE("engine info keeps the security options as the engine wrote them") {
  dockaudit::snapshot::Engine engine;
  dockaudit::collect::map_engine_info(dockaudit::testing::load_json("info/info-userns.json"),
                                      {{"Version", "20.10.24+dfsg1"}}, engine);
  CHECK(engine.server_version == "20.10.24+dfsg1");
  CHECK(engine.has_security_option("userns"));
  CHECK(engine.has_security_option("seccomp"));
  CHECK_FALSE(engine.has_security_option("apparmor"));
}
