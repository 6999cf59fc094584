// dockaudit's exit codes, defined once; the README documents them.
#pragma once

namespace dockaudit::cli {

enum ExitCode : int {
  kPolicyMet = 0,        // the audit is complete and the policy is met
  kPolicyNotMet = 1,     // some check failed
  kUsageError = 2,       // bad flag or unusable input: nothing was audited
  kAuditIncomplete = 3,  // some checks ended in error; the rest met the policy
};

}  // namespace dockaudit::cli
