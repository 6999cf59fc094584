#include <doctest/doctest.h>

#include "checks/all_checks.hpp"
#include "checks/secret_patterns.hpp"
#include "src/audit/json_text.hpp"
#include "tests/unit/fixtures.hpp"

using namespace dockaudit;
using audit::Status;
using testing::status_of;

namespace {

std::string all_evidence(const audit::Result& result) {
  std::string text = result.detail;
  for (const auto& evidence : result.evidence) {
    text += " " + evidence.path + " " + audit::to_text(evidence.value);
  }
  return text;
}

}  // namespace

TEST_CASE("image.secrets fails on secrets in Env and Labels and never repeats them") {
  const auto results =
      testing::results_of(checks::image_secrets, std::vector{testing::image("leaky")});
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == Status::fail);
  const auto shown = all_evidence(results[0]);
  CHECK(shown.find("Config.Env[AWS_SECRET_ACCESS_KEY]") != std::string::npos);
  CHECK(shown.find("Config.Env[DB_URL]") != std::string::npos);
  CHECK(shown.find("Config.Labels[api_token]") != std::string::npos);
  CHECK(shown.find("****") != std::string::npos);
  for (const char* secret : {"wJalrXUtnFEMIK7MDENG", "s3cretpw", "ghp_0123456789"}) {
    CAPTURE(secret);
    CHECK(shown.find(secret) == std::string::npos);
  }
}

TEST_CASE("image.secrets passes clean images and reads the history") {
  CHECK(status_of(checks::image_secrets, testing::image("hardened")) == Status::pass);
  auto image = testing::image("busybox");
  image.history.value->push_back({"|1 DB_PASSWORD=hunter2 /bin/sh -c ./configure", 0});
  const auto results = testing::results_of(checks::image_secrets, std::vector{image});
  CHECK(results[0].status == Status::fail);
  CHECK(all_evidence(results[0]).find("hunter2") == std::string::npos);
  CHECK(results[0].evidence[0].path == "history[1].CreatedBy");
}

TEST_CASE("image.secrets: unreadable history is an error unless a secret was already seen") {
  auto clean = testing::image("hardened");
  clean.history = snapshot::Gathered<std::vector<snapshot::HistoryStep>>::failure("HTTP 500");
  CHECK(status_of(checks::image_secrets, clean) == Status::error);
  auto leaky = testing::image("leaky");
  leaky.history = clean.history;
  CHECK(status_of(checks::image_secrets, leaky) == Status::fail);
}

TEST_CASE("secret patterns: what counts and what only points at a secret") {
  using checks::find_secrets;
  CHECK_FALSE(find_secrets("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE").empty());
  CHECK_FALSE(find_secrets("KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIE").empty());
  CHECK_FALSE(find_secrets("MYSQL_ROOT_PASSWORD", "example").empty());
  CHECK_FALSE(find_secrets("RUN curl https://bob:pw@example.org/x").empty());
  CHECK_FALSE(find_secrets("mysql --password=topsecret").empty());
  CHECK(find_secrets("MYSQL_ROOT_PASSWORD_FILE", "/run/secrets/db").empty());
  CHECK(find_secrets("NPM_TOKEN", "${NPM_TOKEN}").empty());
  CHECK(find_secrets("PATH", "/usr/local/bin:/usr/bin").empty());
  CHECK(find_secrets("GPG_KEY", "A035C8C19219BA821ECEA86B64E628F8D684696D").empty());
  CHECK(find_secrets("/bin/sh -c #(nop)  ENV TOKEN_URL=https://example.org/token").empty());
}
