#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "src/profile/profile.hpp"
#include "src/report/report.hpp"
#include "tests/unit/fixtures.hpp"
#include "tests/unit/report/sample_report.hpp"
#include "tests/unit/temp_tree.hpp"

using namespace dockaudit;

namespace {

report::Report make_report(const snapshot::Snapshot& snapshot,
                           const std::string& profile_name = "baseline") {
  const auto profile = profile::load_profile(
      profile::locate_profile(profile_name, {testing::source_profiles_dir()}));
  report::Report made;
  made.tool_version = "test";
  made.profile_name = profile.name;
  made.engine_url = "unix:///fake/docker.sock";
  made.snapshot = &snapshot;
  made.findings = audit::evaluate(snapshot, profile);
  made.score = score::compute(made.findings);
  return made;
}

// The text report, rendered from the JSON document as every format is.
std::string text_of(const report::Report& report, bool color) {
  return report::render_text(report::render_json(report), color);
}

}  // namespace

TEST_CASE("the JSON report has the score and one result per check and target") {
  const auto snapshot =
      testing::snapshot_with({testing::container("c_default"), testing::container("c_user1000")});
  const auto json = report::render_json(make_report(snapshot));
  CHECK(json["schema_version"] == report::kJsonSchemaVersion);
  CHECK(json["score"]["overall"].is_number());
  CHECK(json["results"].size() == 2 + 7 * 2);
  const auto& user = json["results"][2];
  CHECK(user["check"] == "container.user");
  CHECK(user["status"] == "fail");
  CHECK(user["severity"] == "high");
  CHECK(user["target"]["type"] == "container");
  CHECK(user["target"]["name"] == "c_default");
  CHECK(user["target"]["state"] == "running");
  CHECK(user["evidence"][0]["path"] == "Config.User");
  CHECK(user["evidence"][0]["value"] == "");
  CHECK(json["results"][0]["target"]["type"] == "daemon");
  CHECK(json["results"][0]["target"]["state"].is_null());
}

TEST_CASE("the text report groups by scope, explains failures, and colours only on request") {
  const auto snapshot = testing::snapshot_with({testing::container("c_priv")});
  const auto report = make_report(snapshot);
  const auto plain = text_of(report, false);
  CHECK(plain.find("Daemon\n") != std::string::npos);
  CHECK(plain.find("Containers (1)") != std::string::npos);
  CHECK(plain.find("c_priv (created,") != std::string::npos);
  CHECK(plain.find("FAIL   container.privileged [critical]") != std::string::npos);
  CHECK(plain.find("seen: HostConfig.Privileged = true") != std::string::npos);
  const auto fixes = plain.find("\nTo fix\n");
  REQUIRE(fixes != std::string::npos);
  CHECK(plain.find("  container.privileged (1 target): Remove --privileged", fixes) !=
        std::string::npos);
  CHECK(plain.find("\033[") == std::string::npos);
  CHECK(text_of(report, true).find("\033[") != std::string::npos);
}

TEST_CASE("reports are written whole or not at all") {
  const auto dir = std::filesystem::temp_directory_path() / "dockaudit-atomic-test";
  std::filesystem::create_directories(dir);
  report::write_atomically(dir / "out.json", "{}\n");
  std::ifstream file(dir / "out.json");
  std::stringstream content;
  content << file.rdbuf();
  CHECK(content.str() == "{}\n");
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
  CHECK_THROWS_WITH(report::write_atomically(dir / "missing" / "out.json", "{}"),
                    doctest::Contains("missing/out.json"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("the score breakdown lists the checks that count, aligned, and tallies the rest") {
  // No AppArmor or SELinux on the fixture host: those two checks count nothing.
  const auto snapshot = testing::snapshot_with({testing::container("c_priv")});
  const auto plain = text_of(make_report(snapshot), false);
  CHECK(plain.find("    container.privileged   4.00 x 0/1 = 0.00\n") != std::string::npos);
  CHECK(plain.find("    container.memory-limit 2.00 x 0/1 = 0.00\n") != std::string::npos);
  const auto breakdown = plain.find("each check: weight x passed / counted");
  REQUIRE(breakdown != std::string::npos);
  CHECK(plain.find("container.apparmor ", breakdown) == std::string::npos);
  CHECK(plain.find("and 2 checks with nothing to count (not applicable, manual or waived only)") !=
        std::string::npos);
}

TEST_CASE("a report never replaces a device, FIFO or directory, and follows symbolic links") {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "dockaudit-destination-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK_THROWS_WITH(report::write_atomically(dir / "fifo", "{}"),
                    doctest::Contains("fifo is a FIFO; dockaudit writes regular files only"));
  CHECK(fs::is_fifo(dir / "fifo"));
  CHECK_THROWS_WITH(report::write_atomically("/dev/null", "{}"),
                    doctest::Contains("/dev/null is a character device"));
  CHECK(fs::is_character_file("/dev/null"));
  CHECK_THROWS_WITH(report::write_atomically(dir / "sub", "{}"),
                    doctest::Contains("sub is a directory"));
  fs::create_symlink("/dev/null", dir / "to-null");
  CHECK_THROWS_WITH(report::write_atomically(dir / "to-null", "{}"),
                    doctest::Contains("/dev/null (the target of"));
  CHECK(fs::is_symlink(dir / "to-null"));

  std::ofstream(dir / "real.json") << "old";
  fs::create_symlink("real.json", dir / "link.json");
  report::write_atomically(dir / "link.json", "new");
  CHECK(fs::is_symlink(dir / "link.json"));
  std::ifstream real(dir / "real.json");
  std::string content;
  real >> content;
  CHECK(content == "new");
  CHECK_THROWS_WITH(report::write_atomically(dir / "real.json" / "x", "{}"),
                    doctest::Contains("real.json is not a directory"));
  fs::remove_all(dir);
}

TEST_CASE("a link that points nowhere gets its target written, never replaced itself") {
  namespace fs = std::filesystem;
  testing::TempTree tree;
  const auto& dir = tree.root();
  fs::create_directories(dir / "reports");
  fs::create_symlink("reports/today.json", dir / "latest.json");
  report::write_atomically(dir / "latest.json", "{}\n");
  CHECK(fs::is_symlink(dir / "latest.json"));
  CHECK(fs::is_regular_file(dir / "reports" / "today.json"));

  fs::create_symlink("gone/x.json", dir / "nowhere.json");
  CHECK_THROWS_WITH(report::write_atomically(dir / "nowhere.json", "{}"),
                    doctest::Contains("gone/x.json (the target of"));
  CHECK_THROWS_WITH(report::write_atomically(dir / "nowhere.json", "{}"),
                    doctest::Contains("does not exist"));
  CHECK(fs::is_symlink(dir / "nowhere.json"));

  fs::create_symlink("loop-b", dir / "loop-a");
  fs::create_symlink("loop-a", dir / "loop-b");
  CHECK_THROWS_WITH(report::write_atomically(dir / "loop-a", "{}"),
                    doctest::Contains("too many levels of symbolic links"));
  CHECK(fs::is_symlink(dir / "loop-a"));
}

TEST_CASE("several reports are all written before any replaces its file") {
  namespace fs = std::filesystem;
  testing::TempTree tree;
  const auto& dir = tree.root();
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "a.json") << "old";
  // The second destination is a directory: nothing at all may change.
  CHECK_THROWS_WITH(report::write_all_atomically({{dir / "a.json", "new"}, {dir / "sub", "x"}}),
                    doctest::Contains("sub is a directory"));
  std::ifstream before(dir / "a.json");
  std::string content;
  before >> content;
  CHECK(content == "old");
  CHECK(std::distance(fs::directory_iterator(dir), {}) == 2);  // a.json and sub, no temporaries

  report::write_all_atomically({{dir / "a.json", "new"}, {dir / "b.json", "b"}});
  std::ifstream after(dir / "a.json");
  after >> content;
  CHECK(content == "new");
  CHECK(fs::is_regular_file(dir / "b.json"));
  CHECK(std::distance(fs::directory_iterator(dir), {}) == 3);
}

TEST_CASE("a report that replaces a file keeps its mode") {
  namespace fs = std::filesystem;
  const auto path = fs::temp_directory_path() / "dockaudit-private-report.json";
  std::ofstream(path) << "old";
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
  report::write_atomically(path, "{}\n");
  CHECK(fs::status(path).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
  fs::remove(path);
  report::write_atomically(path, "{}\n");
  CHECK((fs::status(path).permissions() & fs::perms::others_read) == fs::perms::others_read);
  // A report is no program: setuid, setgid and sticky bits are not kept.
  fs::permissions(path, fs::perms::set_uid | fs::perms::set_gid | fs::perms::sticky_bit |
                            fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
  report::write_atomically(path, "{}\n");
  CHECK(fs::status(path).permissions() ==
        (fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read));
  fs::remove(path);
}

TEST_CASE("standard output in a pipe is refused as a FIFO, with a hint") {
  int ends[2];
  REQUIRE(::pipe(ends) == 0);
  const auto link = "/proc/self/fd/" + std::to_string(ends[1]);
  const auto expected = link + " is a FIFO; dockaudit writes regular files only (without "
                               "--output it writes to standard output)";
  CHECK_THROWS_WITH(report::report_destination(link), doctest::Contains(expected.c_str()));
  ::close(ends[0]);
  ::close(ends[1]);
}

TEST_CASE("a file written for its owner only is 0600, also where it replaces a readable one") {
  namespace fs = std::filesystem;
  const auto path = fs::temp_directory_path() / "dockaudit-owner-only.json";
  fs::remove(path);
  const auto owner_only = fs::perms::owner_read | fs::perms::owner_write;
  report::write_atomically(path, "{}\n", report::FileAccess::owner_only);
  CHECK(fs::status(path).permissions() == owner_only);
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::others_read);
  report::write_atomically(path, "{}\n", report::FileAccess::owner_only);
  CHECK(fs::status(path).permissions() == owner_only);
  fs::remove(path);
}

TEST_CASE("section headings count containers, not the rows about all of them") {
  auto snapshot =
      testing::snapshot_with({testing::container("c_priv"), testing::container("c_default")});
  snapshot.images = {std::vector<snapshot::Image>{}, ""};
  const auto text = text_of(make_report(snapshot, "cis-docker-1.8"), false);
  CHECK(text.find("Containers (2)") != std::string::npos);
  CHECK(text.find("(all containers)") != std::string::npos);

  // A profile without container checks says nothing about the containers.
  const auto baseline_free = make_report(snapshot);
  auto daemon_only = baseline_free;
  std::erase_if(daemon_only.findings, [](const auto& finding) {
    return finding.result.target.type == audit::Scope::container;
  });
  CHECK(text_of(daemon_only, false).find("no containers on this engine") ==
        std::string::npos);
  const auto empty = testing::snapshot_with({});
  CHECK(text_of(make_report(empty), false).find("no containers on this engine") !=
        std::string::npos);
}

TEST_CASE("a manual result shows its evidence: it is what the person looks at") {
  auto snapshot = testing::snapshot_with({testing::container("c_device")});
  const auto text = text_of(make_report(snapshot, "cis-docker-1.8"), false);
  const auto devices = text.find("CHECK  container.devices");
  REQUIRE(devices != std::string::npos);
  CHECK(text.find("seen: HostConfig.Devices = ", devices) != std::string::npos);
}

TEST_CASE("a waiver without its expired flag is shown as holding, in text and HTML alike") {
  auto report = testing::sample_report();
  for (auto& result : report["results"]) {
    if (result["status"] == "waived") result["waiver"].erase("expired");
  }
  const auto text = report::render_text(report, false);
  CHECK(text.find("waived: the build agent needs root (owner ci-team, expires 2099-01-01") !=
        std::string::npos);
  CHECK(text.find("expired waiver:") == std::string::npos);
  const auto html = report::render_html(report);
  CHECK(html.find("Waived: the build agent needs root") != std::string::npos);
  CHECK(html.find("Expired waiver:") == std::string::npos);
}
