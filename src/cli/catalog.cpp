#include "src/cli/catalog.hpp"

#include <algorithm>
#include <ostream>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks/check.hpp"
#include "src/profile/profile.hpp"

namespace dockaudit::cli {

namespace {

nlohmann::json describe(const checks::Check& check) {
  return {{"id", check.id},
          {"title", check.title},
          {"scope", audit::to_string(check.scope)},
          {"severity", audit::to_string(check.severity)},
          {"level", checks::level_name(check)},
          {"manual", check.manual},
          {"references", checks::references_json(check)}};
}

// "5.5" when every version numbers it alike, else "2.7/2.7/2.8" (1.6/1.7/1.8).
std::string cis_column(const checks::Check& check) {
  const auto& cis = check.cis;
  if (cis.v1_6.empty() && cis.v1_7.empty() && cis.v1_8.empty()) return "-";
  if (cis.v1_6 == cis.v1_7 && cis.v1_7 == cis.v1_8) return std::string(cis.v1_8);
  const auto shown = [](std::string_view number) { return number.empty() ? "-" : number; };
  return fmt::format("{}/{}/{}", shown(cis.v1_6), shown(cis.v1_7), shown(cis.v1_8));
}

}  // namespace

void list_checks(std::ostream& out, bool json) {
  if (json) {
    auto all = nlohmann::json::array();
    for (const auto* check : checks::registry()) all.push_back(describe(*check));
    out << all.dump(2) << '\n';
    return;
  }
  std::size_t width = 0;
  for (const auto* check : checks::registry()) width = std::max(width, check->id.size());
  out << fmt::format("{:<{}} {:<9} {:<8} {:<5} {:<14} {}\n", "ID", width, "SCOPE", "SEVERITY",
                     "LEVEL", "CIS 1.6/1.7/1.8", "TITLE");
  for (const auto* check : checks::registry()) {
    out << fmt::format("{:<{}} {:<9} {:<8} {:<5} {:<14} {}\n", check->id, width,
                       audit::to_string(check->scope), audit::to_string(check->severity),
                       checks::level_name(*check), cis_column(*check), check->title);
  }
}

bool explain_check(std::ostream& out, const std::string& id) {
  const auto* check = checks::find_check(id);
  if (!check) return false;
  const auto references = checks::describe_references(*check);
  out << fmt::format("{}: {}\n\n", check->id, check->title);
  out << fmt::format("scope:       {}\nseverity:    {} (default)\nlevel:       {}\n",
                     audit::to_string(check->scope), audit::to_string(check->severity),
                     checks::level_name(*check));
  out << fmt::format("benchmark:   {}\n", references.empty() ? "dockaudit's own" : references);
  out << fmt::format("\nWhy:\n  {}\n\nReads:\n  {}\n\nFix:\n  {}\n", check->rationale, check->reads,
                     check->remediation);
  if (!check->parameters.empty()) out << "\nParameters (set them in a profile):\n";
  for (const auto& parameter : check->parameters) {
    out << fmt::format("  {} ({}, default {}): {}\n", parameter.name,
                       checks::to_string(parameter.type), parameter.default_value,
                       parameter.description);
  }
  return true;
}

std::string unknown_check_message(const std::string& id) {
  std::vector<std::string> ids;
  for (const auto* check : checks::registry()) ids.emplace_back(check->id);
  const auto close = profile::nearest(id, ids);
  return fmt::format("unknown check '{}'{}; `dockaudit checks` lists them", id,
                     close.empty() ? "" : fmt::format(" (did you mean '{}'?)", close));
}

}  // namespace dockaudit::cli
