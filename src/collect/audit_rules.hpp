// The audit rules in force: the kernel's live list (auditctl -l) when it can
// be asked, else the rule files auditd loads at boot.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

inline constexpr const char* kAuditRulesFile = "/etc/audit/audit.rules";
inline constexpr const char* kAuditRulesDirectory = "/etc/audit/rules.d";

// The rules of `text` that make auditd record access to a path: -w watches
// and syscall rules (-a/-A, not "never") with -F path= or -F dir=. Comments,
// blank lines and other rules are skipped. `source` names the text; lines
// are numbered after it ("FILE:3") unless `number_lines` is false.
std::vector<snapshot::AuditRule> parse_audit_rules(const std::string& text,
                                                   const std::string& source,
                                                   bool number_lines = true);

// Asks auditctl only when `ask_kernel` (a real audit, root "/") and it is
// installed; when that fails the reason is kept and the files are read.
snapshot::Gathered<snapshot::AuditRules> read_audit_rules(const std::filesystem::path& root,
                                                          bool ask_kernel);

}  // namespace dockaudit::collect
