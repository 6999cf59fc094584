// Section 1.2: the host's hardening, which no data can decide (its result
// carries what a person needs to look at), and the engine's age.
#include <charconv>
#include <chrono>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/host_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

std::vector<audit::Result> evaluate_hardened(const snapshot::Snapshot& snapshot) {
  auto result = engine_host_result(snapshot, "host.os-hardened");
  if (result.status == Status::error) return {result};
  const auto& engine = *snapshot.engine.value;
  result.evidence = {{"/info OperatingSystem", engine.operating_system},
                     {"/info KernelVersion", engine.kernel_version}};
  result.detail = fmt::format("{}, kernel {}: confirm the host follows a hardening guide",
                              engine.operating_system, engine.kernel_version);
  return {result};
}

constexpr Parameter kCurrentParameters[] = {
    {"max_age_days", ParameterType::integer, "365",
     "the oldest engine build, in days before the audit, that counts as current", 1, 36500},
};

constexpr std::int64_t kSecondsPerDay = 24 * 60 * 60;

// Days since the epoch of a BuildTime that starts "YYYY-MM-DD" (every engine
// since 17.x sends RFC 3339); nullopt for anything else.
std::optional<std::int64_t> build_day(const std::string& build_time) {
  if (build_time.size() < 10 || build_time[4] != '-' || build_time[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  const auto* text = build_time.data();
  if (std::from_chars(text, text + 4, year).ptr != text + 4 ||
      std::from_chars(text + 5, text + 7, month).ptr != text + 7 ||
      std::from_chars(text + 8, text + 10, day).ptr != text + 10) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                         std::chrono::day(day)};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date).time_since_epoch().count();
}

// The engine's own build date is the data: distributions rebuild their
// packaged engine for each security fix, so an old build is an engine that
// has missed the fixes released since.
std::vector<audit::Result> evaluate_current_with(const snapshot::Snapshot& snapshot,
                                                 const Parameters& parameters) {
  auto result = engine_host_result(snapshot, "host.engine-current");
  result.target = {audit::Scope::daemon, "dockerd", "", ""};
  if (result.status == Status::error) return {result};
  const auto& engine = *snapshot.engine.value;
  const auto max_age = parameters.integer("max_age_days").value_or(365);
  result.evidence = {{"/version Version", engine.server_version},
                     {"/version BuildTime", engine.build_time},
                     {"parameter max_age_days", max_age}};
  const auto built = build_day(engine.build_time);
  if (!built) {
    result.status = Status::manual;
    result.detail = fmt::format(
        "Docker Engine {} sent no build date dockaudit can read ('{}'): compare the version "
        "with the current releases and the distribution's updates",
        engine.server_version, engine.build_time);
    return {result};
  }
  const auto age = snapshot.collected_at / kSecondsPerDay - *built;
  result.evidence.push_back({"build age in days", age});
  result.status = age <= max_age ? Status::pass : Status::fail;
  result.detail = fmt::format("Docker Engine {} was built {} days before the audit ({} allowed)",
                              engine.server_version, age, max_age);
  return {result};
}

std::vector<audit::Result> evaluate_current(const snapshot::Snapshot& snapshot) {
  return evaluate_current_with(snapshot, resolve_parameters(kCurrentParameters, {}));
}

}  // namespace

const Check host_os_hardened{
    .id = "host.os-hardened",
    .title = "The host's operating system is hardened",
    .scope = audit::Scope::host,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = true,
    .cis = {"1.2.1", "1.2.1", "1.2.1"},
    .rationale =
        "Containers share the host's kernel; a weak host undoes every protection the daemon and "
        "the containers have.",
    .remediation =
        "Harden the host by a guide for its distribution (for example its CIS benchmark) and "
        "keep the kernel patched.",
    .reads = "/info OperatingSystem and KernelVersion, for a person to judge",
    .evaluate = &evaluate_hardened,
};

const Check host_engine_current{
    .id = "host.engine-current",
    .title = "Docker Engine is a current release",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = false,
    .cis = {"1.2.2", "1.2.2", "1.2.2"},
    .rationale =
        "Old engines miss security fixes in dockerd, containerd and runc; container escapes have "
        "been fixed by updates.",
    .remediation = "Update Docker Engine from the distribution or Docker's repositories.",
    .reads =
        "/version Version and BuildTime; the build's age on the day of the audit is compared "
        "with the max_age_days parameter",
    .evaluate = &evaluate_current,
    .parameters = kCurrentParameters,
    .evaluate_with = &evaluate_current_with,
};

}  // namespace dockaudit::checks
