#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/secret_masking.hpp"
#include "checks/secret_patterns.hpp"
#include "src/audit/json_text.hpp"
#include "src/cli/snapshot_command.hpp"
#include "src/collect/collector.hpp"
#include "src/snapshot/serialize.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;

namespace {

const snapshot::SnapshotOrigin kOrigin{"0.1.0", "host-a", "unix:///var/run/docker.sock"};

// Every part a check reads, from captured data: a dockerd with its flags and
// daemon.json, containers of many kinds, images with secrets in them, and a
// swarm manager's cluster.
snapshot::Snapshot fixture_snapshot() {
  auto fake = testing::engine_with({"c_priv", "c_capmix", "c_sockmount", "c_pids", "c_health",
                                    "c_restartonf", "c_ulimit", "c_nnp", "c_device"});
  testing::serve_images(fake, {"leaky", "hardened", "busybox", "built"});
  collect::EngineClient client(fake);
  auto snapshot = collect::collect(
      client,
      {std::nullopt, testing::fixture_path("proc-two-daemons"), "/var/run/docker.sock", {}});
  snapshot.swarm = testing::swarm_manager_snapshot().swarm;
  snapshot.client.docker_content_trust = "1";
  return snapshot;
}

std::string describe(const audit::Result& result) {
  std::string text = fmt::format("{} {} {} {}: {}", result.check_id, result.target.name,
                                 result.target.id, audit::to_string(result.status), result.detail);
  for (const auto& evidence : result.evidence) {
    text += " | " + evidence.path + " = " + audit::to_text(evidence.value);
  }
  return text;
}

std::vector<std::string> all_results(const snapshot::Snapshot& snapshot) {
  std::vector<std::string> results;
  for (const auto* check : checks::registry()) {
    for (const auto& result : check->evaluate(snapshot)) results.push_back(describe(result));
  }
  return results;
}

snapshot::Snapshot saved_and_loaded(const snapshot::Snapshot& snapshot) {
  const auto text = cli::snapshot_document(snapshot, kOrigin);
  return snapshot::snapshot_from_json(nlohmann::json::parse(text), "host.json").snapshot;
}

std::string load_error(const nlohmann::json& document) {
  try {
    snapshot::snapshot_from_json(document, "host.json");
  } catch (const snapshot::SnapshotError& error) {
    return error.what();
  }
  return "loaded";
}

nlohmann::json saved_document() { return snapshot::to_json(fixture_snapshot(), kOrigin); }

}  // namespace

TEST_CASE("a saved and loaded snapshot gives every check the same results") {
  const auto live = fixture_snapshot();
  const auto offline = saved_and_loaded(live);
  const auto expected = all_results(live);
  const auto seen = all_results(offline);
  REQUIRE(expected.size() == seen.size());
  CHECK(expected.size() > 100);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(seen[i] == expected[i]);
  }
}

TEST_CASE("saving is lossless apart from masked secrets: a second round trip changes nothing") {
  auto masked = fixture_snapshot();
  checks::mask_secrets(masked);
  const auto once = snapshot::to_json(masked, kOrigin);
  const auto twice =
      snapshot::to_json(snapshot::snapshot_from_json(once, "host.json").snapshot, kOrigin);
  CHECK(once == twice);
  CHECK(once["kind"] == "dockaudit-snapshot");
  CHECK(once["format_version"] == 2);
  CHECK(once["hostname"] == "host-a");
}

TEST_CASE("environment and label values never reach the file, yet image.secrets fails offline") {
  auto live = fixture_snapshot();
  auto& image = live.images.value->front();
  image.env.push_back("STRIPE_API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc");
  image.env.push_back("GREETING=hello-world-plain");
  image.labels["deploy.password"] = "hunter2hunter2";
  image.history.value->push_back({"|1 DB_PASSWORD=s3cr3tpass /bin/sh -c ./configure", 0});

  const auto text = cli::snapshot_document(live, kOrigin);
  for (const char* secret : {"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "hello-world-plain",
                             "hunter2hunter2", "s3cr3tpass", "wJalrXUtnFEMIK7MDENG", "ghp_0123"}) {
    CAPTURE(secret);
    CHECK(text.find(secret) == std::string::npos);
  }
  CHECK(text.find("STRIPE_API_KEY=<masked: secret-named variable>") != std::string::npos);
  CHECK(text.find("GREETING=<masked>") != std::string::npos);
  CHECK(text.find("DB_PASSWORD=z0zz0zzzzz /bin/sh -c ./configure") != std::string::npos);

  const auto offline = snapshot::snapshot_from_json(nlohmann::json::parse(text), "host.json");
  const auto expected = checks::image_secrets.evaluate(live);
  const auto seen = checks::image_secrets.evaluate(offline.snapshot);
  REQUIRE(seen.size() == expected.size());
  CHECK(seen.front().status == audit::Status::fail);
  for (std::size_t i = 0; i < seen.size(); ++i) CHECK(describe(seen[i]) == describe(expected[i]));
}

TEST_CASE("secret-looking container labels are masked, ordinary ones are saved as they are") {
  auto live = fixture_snapshot();
  auto& image = live.images.value->front();
  image.labels = {{"aws_key", "AKIAIOSFODNN7EXAMPLE"}, {"tier", "db-primary"}};
  auto& container = live.containers.value->front();
  container.image_id = image.id;
  // The engine copies the image's labels into the container's Config.Labels.
  container.labels = image.labels;
  container.labels["db.password"] = "hunter2secret";
  container.labels["com.example.app"] = "billing";

  const auto text = cli::snapshot_document(live, kOrigin);
  for (const char* secret : {"hunter2secret", "IOSFODNN7EXAMPLE"}) {
    CAPTURE(secret);
    CHECK(text.find(secret) == std::string::npos);
  }

  const auto offline = snapshot::snapshot_from_json(nlohmann::json::parse(text), "host.json");
  const std::map<std::string, std::string> saved_image_labels{
      {"aws_key", "<masked: AWS access key id>"}, {"tier", "db-primary"}};
  CHECK(offline.snapshot.images.value->front().labels == saved_image_labels);
  auto saved_container_labels = saved_image_labels;
  saved_container_labels["db.password"] = "<masked: secret-named variable>";
  saved_container_labels["com.example.app"] = "billing";
  CHECK(offline.snapshot.containers.value->front().labels == saved_container_labels);
}

TEST_CASE("secrets in command lines reach neither the file nor a report, live or offline") {
  auto live = fixture_snapshot();
  auto& container = live.containers.value->front();
  container.state = "running";
  container.processes.value = std::vector<std::string>{
      "/usr/sbin/sshd -D", "sh -c sleep 3600; echo --password=S3cr3tPassXYZ"};
  container.processes.error.clear();
  container.execs.value = std::vector<snapshot::ExecInstance>{
      {"e1", true, "root", "curl https://bob:Pa55wordQ@example.com/x"}};
  container.execs.error.clear();
  container.healthcheck = std::vector<std::string>{"CMD-SHELL", "mysql --password=Hea1thPass"};
  live.images.value->front().healthcheck =
      std::vector<std::string>{"CMD", "wget", "--password=ImageHealthPw1"};

  const auto text = cli::snapshot_document(live, kOrigin);
  const auto offline = saved_and_loaded(live);
  const auto live_results = all_results(live);
  const auto offline_results = all_results(offline);
  CHECK(live_results == offline_results);
  std::string reported;
  for (const auto& line : live_results) reported += line + "\n";
  for (const char* secret : {"S3cr3tPassXYZ", "Pa55wordQ", "Hea1thPass", "ImageHealthPw1"}) {
    CAPTURE(secret);
    CHECK(text.find(secret) == std::string::npos);
    CHECK(reported.find(secret) == std::string::npos);
  }
  // The lines keep what checks read: sshd is still found, as live.
  CHECK(reported.find("container.sshd " + container.name) != std::string::npos);
  CHECK(reported.find("runs an SSH daemon: /usr/sbin/sshd -D") != std::string::npos);
  CHECK(reported.find("--password=Z0zz0zZzzzZZZ") != std::string::npos);
}

TEST_CASE("masked history keeps the build step and the kinds of secret in it") {
  const std::string line =
      "RUN curl https://bob:pa55word@example.com/x --password=topsecret && "
      "export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789 && apt-get update # buildkit";
  const auto masked = checks::mask_text(line);
  CHECK(masked.find("pa55word") == std::string::npos);
  CHECK(masked.find("topsecret") == std::string::npos);
  CHECK(masked.find("abcdefghijklmnopqrstuvwxyz") == std::string::npos);
  CHECK(masked.find("apt-get update # buildkit") != std::string::npos);
  const auto kinds = [](const std::vector<checks::SecretMatch>& matches) {
    std::vector<std::string> text;
    for (const auto& match : matches) text.push_back(match.kind + "/" + match.key);
    return text;
  };
  CHECK(kinds(checks::find_secrets(masked)) == kinds(checks::find_secrets(line)));
  CHECK(checks::mask_text(masked) == masked);
}

TEST_CASE("masked history hides the secret values of ENV and LABEL steps, spaces and all") {
  // As a classic builder and BuildKit record them: the quotes are gone.
  const std::string classic =
      "/bin/sh -c #(nop)  LABEL db.password=hunter2secret password.db=two words "
      "aws_key=AKIAIOSFODNN7EXAMPLE tier=db";
  CHECK(checks::mask_text(classic) ==
        "/bin/sh -c #(nop)  LABEL db.password=zzzzzz0zzzzzz password.db=zzz zzzzz "
        "aws_key=AKIAZZZZZZZZ0ZZZZZZZ tier=db");
  const std::string buildkit = "ENV DB_PASSWORD=with space GREETING=hello world";
  CHECK(checks::mask_text(buildkit) == "ENV DB_PASSWORD=zzzz zzzzz GREETING=hello world");
  const std::string command = "/bin/sh -c echo password.db=two words";
  CHECK(checks::mask_text(command) == command);

  const auto kinds = [](const std::string& line) {
    std::vector<std::string> text;
    for (const auto& match : checks::find_secrets(line)) {
      text.push_back(match.kind + "/" + match.key);
    }
    return text;
  };
  for (const auto& line : {classic, buildkit}) {
    CAPTURE(line);
    const auto masked = checks::mask_text(line);
    CHECK(kinds(masked) == kinds(line));
    CHECK(checks::mask_text(masked) == masked);
  }
}

TEST_CASE("a document that is not a snapshot of this format is refused, naming the place") {
  auto wrong_kind = saved_document();
  wrong_kind["kind"] = "dockaudit-report";
  CHECK(load_error(wrong_kind) ==
        "host.json: /kind: not a dockaudit snapshot: expected \"dockaudit-snapshot\", got "
        "\"dockaudit-report\"");

  auto report = saved_document();
  report["kind"] = "host";
  CHECK(load_error(report) ==
        "host.json: /kind: not a dockaudit snapshot: expected \"dockaudit-snapshot\", got "
        "\"host\"; that is a dockaudit JSON report, which dockaudit report convert renders");

  auto wrong_version = saved_document();
  wrong_version["format_version"] = "2";
  CHECK(load_error(wrong_version) ==
        "host.json: /format_version: this dockaudit reads snapshot format 2, the file has \"2\"");

  CHECK(load_error(nlohmann::json::array()) ==
        "host.json: /: expected a dockaudit snapshot object, got an array");
}

TEST_CASE("a snapshot of an older format asks to be collected again, a newer one names its tool") {
  // Format 1 saved container label values unmasked: such a file is refused
  // rather than read as if it were masked.
  auto older = saved_document();
  older["format_version"] = 1;
  CHECK(load_error(older) ==
        "host.json: /format_version: the file has snapshot format 1, older than the format 2 "
        "this dockaudit reads; collect the snapshot again with \"dockaudit snapshot\"");

  auto newer = saved_document();
  newer["format_version"] = 3;
  newer["tool_version"] = "9.0.0";
  CHECK(load_error(newer) ==
        "host.json: /format_version: the file has snapshot format 3, newer than the format 2 "
        "this dockaudit reads; audit it with the dockaudit that saved it (9.0.0) or a later one");
}

TEST_CASE("a mistyped, missing or unknown field is an error naming its JSON pointer") {
  auto mistyped = saved_document();
  mistyped["containers"]["value"][3]["memory"] = "abc";
  CHECK(load_error(mistyped) ==
        "host.json: /containers/value/3/memory: expected an integer, got \"abc\"");

  auto missing = saved_document();
  missing["daemon"]["effective"].erase("doubt");
  CHECK(load_error(missing) == "host.json: /daemon/effective: missing key \"doubt\"");

  auto unknown = saved_document();
  unknown["engine"]["value"]["colour"] = "blue";
  CHECK(load_error(unknown) == "host.json: /engine/value/colour: unknown key");

  auto bad_word = saved_document();
  bad_word["daemon_config"]["state"] = "fine";
  CHECK(load_error(bad_word).starts_with(
      "host.json: /daemon_config/state: \"fine\" is not one of absent, unreadable"));

  auto negative = saved_document();
  negative["swarm"]["cluster"]["value"]["external_ca_count"] = -1;
  CHECK(load_error(negative) ==
        "host.json: /swarm/cluster/value/external_ca_count: -1 is out of range");
}

TEST_CASE("a truncated or oversized snapshot file is refused before anything is audited") {
  testing::TempTree tree;
  const auto text = cli::snapshot_document(fixture_snapshot(), kOrigin);
  const auto path = tree.root() / "host.json";
  std::ofstream(path) << text.substr(0, text.size() / 2);
  try {
    snapshot::load_snapshot(path);
    FAIL("a truncated snapshot loaded");
  } catch (const snapshot::SnapshotError& error) {
    CHECK(std::string(error.what()).starts_with(path.string() + ":"));
    CHECK(std::string(error.what()).find(": not valid JSON: ") != std::string::npos);
  }

  std::ofstream(path) << text;
  CHECK(snapshot::load_snapshot(path).origin.hostname == "host-a");
  std::filesystem::resize_file(path, snapshot::kMaxSnapshotBytes + 1);
  CHECK_THROWS_WITH_AS(snapshot::load_snapshot(path), doctest::Contains("larger than"),
                       snapshot::SnapshotError);
}

TEST_CASE("a snapshot holds the deepest daemon.json dockerd accepts; deeper nesting is refused") {
  testing::TempTree tree;
  // "builder" takes any object; dockerd's decoder accepts 10000 levels in all.
  const auto levels = snapshot::kMaxDaemonConfigDepth - 2;
  std::string deepest = "{\"builder\": ";
  for (std::size_t level = 0; level < levels; ++level) deepest += "{\"a\": ";
  deepest += "{}" + std::string(levels, '}') + "}";
  tree.file("/daemon.json", deepest);
  auto fake = testing::engine_with({"c_priv"});
  collect::EngineClient client(fake);
  const auto collected = collect::collect(client, {tree.at("/daemon.json").string(),
                                                   testing::fixture_path("proc-two-daemons"),
                                                   "/var/run/docker.sock",
                                                   {}});
  REQUIRE(collected.daemon_config.state == snapshot::DaemonConfig::State::accepted);
  const auto path = tree.root() / "host.json";
  std::ofstream(path) << cli::snapshot_document(collected, kOrigin);
  CHECK(snapshot::load_snapshot(path).snapshot.daemon_config.settings ==
        collected.daemon_config.settings);

  const auto too_deep = std::string(snapshot::kMaxSnapshotDepth + 1, '[');
  std::ofstream(path) << "{\"kind\": \"dockaudit-snapshot\", \"daemon\": " + too_deep;
  CHECK_THROWS_WITH_AS(snapshot::load_snapshot(path),
                       fmt::format("{}:1:{}: nested deeper than {} levels", path.string(),
                                   41 + snapshot::kMaxSnapshotDepth, snapshot::kMaxSnapshotDepth)
                           .c_str(),
                       snapshot::SnapshotError);
}

TEST_CASE("dockaudit --snapshot FILE audits offline and says so; --host is refused with it") {
  testing::TempTree tree;
  const auto path = tree.root() / "host.json";
  std::ofstream(path) << cli::snapshot_document(fixture_snapshot(), kOrigin);

  std::ostringstream out, err;
  cli::Environment environment;
  environment.out = &out;
  environment.err = &err;
  const auto code = cli::run(
      {"--snapshot", path.string(), "--format", "json", "--level", "2,swarm"}, environment);
  CHECK(code == cli::kPolicyNotMet);
  const auto report = nlohmann::json::parse(out.str());
  CHECK(report["engine"]["snapshot"] == path.string());
  CHECK(report["engine"]["endpoint"] == "unix:///var/run/docker.sock");
  CHECK(report["engine"]["collected_at"].get<std::string>().ends_with("Z"));

  std::ostringstream refused_out, refused_err;
  environment.out = &refused_out;
  environment.err = &refused_err;
  CHECK(cli::run({"--snapshot", path.string(), "--host", "unix:///x.sock"}, environment) ==
        cli::kUsageError);
  CHECK(refused_err.str().find("--host does not apply to --snapshot") != std::string::npos);
  CHECK(refused_out.str().empty());

  std::ofstream(path) << "{\"kind\": \"dockaudit-snapshot\"";
  std::ostringstream broken_out, broken_err;
  environment.out = &broken_out;
  environment.err = &broken_err;
  CHECK(cli::run({"--snapshot", path.string()}, environment) == cli::kUsageError);
  CHECK(broken_err.str().find(path.string() + ":1:30: not valid JSON: syntax error") !=
        std::string::npos);
  CHECK(broken_out.str().empty());
}
