// Section 3 of the CIS Docker Benchmark as data: each recommendation is a row
// naming the object (a FileSet of the snapshot) and the owner or the mode
// bits it may have. One judge serves every row.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "checks/check.hpp"

namespace dockaudit::checks {

struct FileRule {
  enum class Aspect { owner, mode };
  enum class Owner {
    root_root,          // uid 0, gid 0
    root_socket_group,  // uid 0, gid of the group dockerd gives its sockets
  };

  std::string_view check_id;
  snapshot::FileSet snapshot::HostFiles::*files = nullptr;
  Aspect aspect = Aspect::owner;
  Owner owner = Owner::root_root;
  // Compliant ⇔ (mode & 07777 & ~allowed_mode) == 0: a mask, never a number
  // compared with a number (0606 is not within 0644 although 606 < 644).
  std::uint32_t allowed_mode = 0;
  bool must_be_socket = false;
};

// One result per file of the rule's set; not_applicable when the set is
// empty or the file absent, error when it could not be looked at.
std::vector<audit::Result> judge_file_rule(const snapshot::Snapshot& snapshot,
                                           const FileRule& rule);

template <const FileRule& rule>
std::vector<audit::Result> evaluate_file_rule(const snapshot::Snapshot& snapshot) {
  return judge_file_rule(snapshot, rule);
}

}  // namespace dockaudit::checks
