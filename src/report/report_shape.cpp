// The shape of a host report read back from a file, checked in one pass
// before anything renders or merges it, so a hand-edited or damaged report is
// refused with its file and JSON pointer instead of being rendered wrongly.
// docs/report-json.md is the reference. A key it lists is checked whenever it
// is present; keys it does not list are ignored, as newer reports of the same
// schema version may add some. Without the few required here (each result's
// id, check and status) no format can be rendered faithfully.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "src/audit/json_text.hpp"
#include "src/report/report.hpp"
#include "src/snapshot/serialize.hpp"

namespace dockaudit::report {

namespace {

using nlohmann::json;

// A value's place, for messages: "run.json: /results/3/status: ...".
class Place {
 public:
  Place(const std::string& file, std::string pointer) : file_(file), pointer_(std::move(pointer)) {}

  // RFC 6901 escapes "~" and "/" inside a key.
  Place child(std::string_view key) const {
    std::string escaped;
    for (const char c : key) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return {file_, pointer_ + "/" + escaped};
  }
  Place child(std::size_t index) const { return {file_, fmt::format("{}/{}", pointer_, index)}; }

  // Keys come from the file: control characters in them are shown escaped.
  [[noreturn]] void fail(std::string_view problem) const {
    throw std::runtime_error(fmt::format(
        "{}: {}: {}", file_, pointer_.empty() ? "/" : audit::printable(pointer_), problem));
  }
  [[noreturn]] void expected(std::string_view wanted, const json& value) const {
    fail(fmt::format("expected {}, got {}", wanted, audit::excerpt(value)));
  }

 private:
  const std::string& file_;
  std::string pointer_;
};

using Check = void (*)(const json& value, const Place& place);

// optional: may be absent; nullable: may be absent or null; required: must
// be there, and not null.
enum class Presence { optional, nullable, required };

struct Member {
  const char* key;
  Check check;
  Presence presence = Presence::optional;
};

void check_members(const json& value, const Place& place, std::initializer_list<Member> members) {
  if (!value.is_object()) place.expected("an object", value);
  for (const auto& member : members) {
    const auto found = value.find(member.key);
    if (found == value.end()) {
      if (member.presence == Presence::required) place.child(member.key).fail("missing");
      continue;
    }
    if (found->is_null() && member.presence == Presence::nullable) continue;
    member.check(*found, place.child(member.key));
  }
}

template <Check item>
void array_of(const json& value, const Place& place) {
  if (!value.is_array()) place.expected("an array", value);
  for (std::size_t index = 0; index < value.size(); ++index) item(value[index], place.child(index));
}

template <Check item>
void object_of(const json& value, const Place& place) {
  if (!value.is_object()) place.expected("an object", value);
  for (const auto& [key, member] : value.items()) item(member, place.child(key));
}

void one_of(const json& value, const Place& place, std::initializer_list<std::string_view> words) {
  if (!value.is_string() ||
      std::find(words.begin(), words.end(), value.get<std::string>()) == words.end()) {
    place.expected(fmt::format("one of {}", fmt::join(words, ", ")), value);
  }
}

void any(const json&, const Place&) {}

void text(const json& value, const Place& place) {
  if (!value.is_string()) place.expected("a string", value);
}

void flag(const json& value, const Place& place) {
  if (!value.is_boolean()) place.expected("true or false", value);
}

// Renderers print counts as int.
void count(const json& value, const Place& place) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
      value.get<std::int64_t>() > INT_MAX) {
    place.expected("a whole number from 0", value);
  }
}

void exit_code(const json& value, const Place& place) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
      value.get<std::int64_t>() > 255) {
    place.expected("an exit code from 0 to 255", value);
  }
}

// Durations, weights and earned weight: never negative.
void amount(const json& value, const Place& place) {
  if (!value.is_number() || value.get<double>() < 0) {
    place.expected("a number from 0", value);
  }
}

void percent(const json& value, const Place& place) {
  if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 100) {
    place.expected("a number from 0 to 100", value);
  }
}

// SARIF's startTimeUtc and JUnit's timestamp are copied from it.
void utc_date_time(const json& value, const Place& place) {
  if (!value.is_string() || !is_utc_time(value.get<std::string>())) {
    place.expected("a UTC time such as \"2024-05-01T12:00:00Z\"", value);
  }
}

void status(const json& value, const Place& place) {
  one_of(value, place, {"pass", "fail", "error", "not_applicable", "manual", "waived"});
}

void severity(const json& value, const Place& place) {
  one_of(value, place, {"low", "medium", "high", "critical"});
}

void target_type(const json& value, const Place& place) {
  one_of(value, place, {"daemon", "host", "container", "image", "swarm"});
}

void drift_label(const json& value, const Place& place) {
  one_of(value, place, {"new", "unchanged", "resolved"});
}

void waiver_state(const json& value, const Place& place) {
  one_of(value, place, {"active", "unused", "expired"});
}

void named(const json& value, const Place& place) {
  check_members(value, place, {{"name", text}, {"version", text}});
}

void host(const json& value, const Place& place) { check_members(value, place, {{"name", text}}); }

void profile(const json& value, const Place& place) {
  check_members(value, place,
                {{"name", text},
                 {"path", text},
                 {"benchmark", named, Presence::nullable},
                 {"levels", array_of<text>}});
}

void engine(const json& value, const Place& place) {
  check_members(value, place,
                {{"endpoint", text},
                 {"error", text, Presence::nullable},
                 {"api_version", text, Presence::nullable},
                 {"server_version", text, Presence::nullable},
                 {"operating_system", text, Presence::nullable},
                 {"containers", count, Presence::nullable},
                 {"snapshot", text, Presence::nullable},
                 {"collected_at", utc_date_time, Presence::nullable}});
}

void policy(const json& value, const Place& place) {
  check_members(value, place,
                {{"fail_under", percent, Presence::nullable},
                 {"fail_on", severity, Presence::nullable},
                 {"met", flag},
                 {"reasons", array_of<text>},
                 {"incomplete", flag}});
}

void score_section(const json& value, const Place& place) {
  check_members(value, place,
                {{"score", percent, Presence::nullable}, {"weight", amount}, {"earned", amount}});
}

void score_check(const json& value, const Place& place) {
  check_members(value, place,
                {{"check", text},
                 {"section", text},
                 {"weight", amount},
                 {"counted", count},
                 {"passed", count},
                 {"earned", amount}});
}

void score(const json& value, const Place& place) {
  check_members(value, place,
                {{"overall", percent, Presence::nullable},
                 {"sections", object_of<score_section>},
                 {"checks", array_of<score_check>}});
}

void target(const json& value, const Place& place) {
  check_members(value, place,
                {{"type", target_type},
                 {"name", text},
                 {"id", text},
                 {"key", text},
                 {"state", text, Presence::nullable}});
}

void evidence(const json& value, const Place& place) {
  check_members(value, place, {{"path", text}, {"value", any}});
}

void result_waiver(const json& value, const Place& place) {
  check_members(value, place,
                {{"place", text},
                 {"justification", text},
                 {"owner", text},
                 {"expires", text},
                 {"expired", flag}});
}

void result(const json& value, const Place& place) {
  check_members(value, place,
                {{"id", text, Presence::required},
                 {"check", text, Presence::required},
                 {"title", text},
                 {"section", text},
                 {"status", status, Presence::required},
                 {"severity", severity},
                 {"target", target},
                 {"detail", text},
                 {"evidence", array_of<evidence>},
                 {"remediation", text},
                 {"references", object_of<text>},
                 {"waiver", result_waiver, Presence::nullable},
                 {"drift", drift_label, Presence::nullable}});
}

void waiver_entry(const json& value, const Place& place) {
  check_members(value, place,
                {{"place", text},
                 {"check", text},
                 {"containers", array_of<text>},
                 {"images", array_of<text>},
                 {"labels", array_of<text>},
                 {"justification", text},
                 {"owner", text},
                 {"expires", text},
                 {"state", waiver_state},
                 {"matched", count}});
}

void waivers(const json& value, const Place& place) {
  check_members(value, place, {{"file", text}, {"entries", array_of<waiver_entry>}});
}

void drift(const json& value, const Place& place) {
  check_members(value, place,
                {{"baseline", text},
                 {"baseline_started_at", text},
                 {"new", count},
                 {"unchanged", count},
                 {"resolved", count},
                 {"resolved_results", array_of<result>}});
}

// A fleet report or a snapshot is named as such, with what to do instead; an
// old report (which may have no kind) is named by its version.
void check_identity(const json& report, const std::string& path, const Place& top) {
  const auto kind = report.find("kind");
  if (kind != report.end() && *kind == "fleet") {
    throw std::runtime_error(fmt::format(
        "{}: a fleet report (report merge), not a host report; use the host reports it was "
        "made from (report merge renders a fleet in text, json or html)",
        path));
  }
  if (kind != report.end() && *kind == snapshot::kSnapshotKind) {
    throw std::runtime_error(fmt::format(
        "{}: a dockaudit snapshot, not a report; audit it with: dockaudit --snapshot {}", path,
        path));
  }
  const auto version = report.find("schema_version");
  if (version == report.end()) {
    top.child("schema_version").fail("missing; not a dockaudit JSON report");
  }
  if (!version->is_number_integer()) top.child("schema_version").expected("an integer", *version);
  if (*version != kJsonSchemaVersion) {
    top.child("schema_version")
        .fail(fmt::format("report schema version {} is not the one this dockaudit reads ({}); "
                          "re-run the audit with this version",
                          audit::excerpt(*version), kJsonSchemaVersion));
  }
  if (kind == report.end()) top.child("kind").fail("missing; a host report has \"kind\": \"host\"");
  if (*kind != "host") top.child("kind").expected("\"host\"", *kind);
}

}  // namespace

void check_report_shape(const json& report, const std::string& path) {
  const Place top(path, "");
  if (!report.is_object()) {
    top.fail("not a dockaudit JSON report: expected an object, got " + audit::excerpt(report));
  }
  check_identity(report, path, top);
  check_members(report, top,
                {{"tool", named},
                 {"started_at", utc_date_time},
                 {"duration_seconds", amount},
                 {"host", host},
                 {"profile", profile},
                 {"engine", engine},
                 {"daemon_config", text},
                 {"policy", policy},
                 {"exit_code", exit_code},
                 {"score", score},
                 {"summary", object_of<count>},
                 {"failures_by_severity", object_of<count>},
                 {"waivers", waivers, Presence::nullable},
                 {"drift", drift, Presence::nullable},
                 {"results", array_of<result>, Presence::required}});
}

}  // namespace dockaudit::report
