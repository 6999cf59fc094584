// Sections 1.1.3 to 1.1.18 of the CIS Docker Benchmark as data: each row
// names the object auditd should watch; one judge serves every row.
#pragma once

#include <string_view>
#include <vector>

#include "checks/check.hpp"

namespace dockaudit::checks {

struct AuditRuleItem {
  std::string_view check_id;
  // The object the row wants audited; nullptr for every Docker socket.
  snapshot::AuditTarget snapshot::AuditTargets::*target = nullptr;
};

// Whether `rule` makes auditd record access to `path`: a watch or dir= on
// it or on a directory above it, or path= naming it.
bool audit_rule_covers(const snapshot::AuditRule& rule, const std::string& path);

// One result per target: pass when a rule covers it (by its path or its
// resolved path), fail when none does, not_applicable when the object is
// absent, error when the rules or the object could not be read.
std::vector<audit::Result> judge_audit_rule(const snapshot::Snapshot& snapshot,
                                            const AuditRuleItem& item);

template <const AuditRuleItem& item>
std::vector<audit::Result> evaluate_audit_rule(const snapshot::Snapshot& snapshot) {
  return judge_audit_rule(snapshot, item);
}

}  // namespace dockaudit::checks
