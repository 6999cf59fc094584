#include "checks/audit_rules.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace dockaudit::checks {

namespace {

using audit::Status;
using snapshot::AuditRule;
using snapshot::AuditTarget;

audit::Result result_for(const AuditRuleItem& item, const std::string& path, Status status,
                         std::string detail) {
  audit::Result result;
  result.check_id = std::string(item.check_id);
  result.status = status;
  result.target = {audit::Scope::host, path.empty() ? std::string("(not located)") : path, "", ""};
  result.detail = std::move(detail);
  return result;
}

bool below(const std::string& directory, const std::string& path) {
  if (directory == "/") return true;
  return path.starts_with(directory + "/");
}

audit::Result judge_target(const snapshot::AuditRules& rules, const AuditRuleItem& item,
                           const AuditTarget& target) {
  if (!target.doubt.empty()) {
    return result_for(item, target.path, Status::error,
                      "which object dockerd uses is not known: " + target.doubt);
  }
  if (target.path.empty()) {
    if (!target.error.empty()) {
      return result_for(item, "", Status::error, "could not be located: " + target.error);
    }
    return result_for(item, "", Status::not_applicable, target.chosen_by);
  }
  if (!target.error.empty()) {
    return result_for(item, target.path, Status::error, "could not be looked at: " + target.error);
  }
  if (!target.exists) {
    return result_for(item, target.path, Status::not_applicable,
                      fmt::format("{} does not exist ({})", target.path, target.chosen_by));
  }
  const auto covering = std::find_if(rules.rules.begin(), rules.rules.end(), [&](const auto& rule) {
    return audit_rule_covers(rule, target.path) || audit_rule_covers(rule, target.real_path);
  });
  auto result = result_for(item, target.path, Status::pass, "");
  result.evidence.push_back({"audited object", target.path});
  if (target.real_path != target.path) {
    result.evidence.push_back({"audited object, links resolved", target.real_path});
  }
  result.evidence.push_back({"chosen by", target.chosen_by});
  result.evidence.push_back({"audit rules read from", rules.source});
  if (!rules.live_rules_problem.empty()) {
    result.evidence.push_back({"live rules not used", rules.live_rules_problem});
  }
  if (covering != rules.rules.end()) {
    result.evidence.push_back({covering->source, covering->text});
    result.detail = fmt::format("audited by {}", covering->text);
    return result;
  }
  result.status = Status::fail;
  result.detail = fmt::format("no audit rule covers {} ({} rules with a path read from {})",
                              target.path, rules.rules.size(), rules.source);
  return result;
}

std::vector<const AuditTarget*> targets_of(const snapshot::AuditTargets& targets,
                                           const AuditRuleItem& item) {
  if (item.target) return {&(targets.*item.target)};
  std::vector<const AuditTarget*> sockets;
  for (const auto& socket : targets.docker_sockets) sockets.push_back(&socket);
  return sockets;
}

}  // namespace

bool audit_rule_covers(const AuditRule& rule, const std::string& path) {
  if (path.empty()) return false;
  switch (rule.kind) {
    case AuditRule::Kind::path_field:
      return rule.path == path;
    case AuditRule::Kind::watch:
    case AuditRule::Kind::dir_field:
      return rule.path == path || below(rule.path, path);
  }
  return false;
}

std::vector<audit::Result> judge_audit_rule(const snapshot::Snapshot& snapshot,
                                            const AuditRuleItem& item) {
  const auto targets = targets_of(snapshot.docker_host.audit_targets, item);
  const auto& rules = snapshot.docker_host.audit_rules;
  if (!rules.ok()) {
    return {result_for(item, targets.empty() ? "" : targets.front()->path, Status::error,
                       "the audit rules could not be read: " + rules.error)};
  }
  std::vector<audit::Result> results;
  for (const auto* target : targets) results.push_back(judge_target(*rules.value, item, *target));
  if (results.empty()) {
    results.push_back(result_for(item, "", Status::not_applicable,
                                 "the daemon serves no unix socket known to dockaudit"));
  }
  return results;
}

}  // namespace dockaudit::checks
