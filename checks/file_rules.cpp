#include "checks/file_rules.hpp"

#include <fmt/format.h>

namespace dockaudit::checks {

namespace {

using audit::Status;
using snapshot::FileStatus;

constexpr std::uint32_t kPermissionBits = 07777;

audit::Result result_for(const FileRule& rule, const std::string& path, Status status,
                         std::string detail) {
  audit::Result result;
  result.check_id = std::string(rule.check_id);
  result.status = status;
  result.target = {audit::Scope::host, path.empty() ? std::string("(none)") : path, "", ""};
  result.detail = std::move(detail);
  return result;
}

std::string octal(std::uint32_t mode) { return fmt::format("{:04o}", mode); }

// The gid the socket rule wants, or why it cannot be told.
snapshot::Gathered<std::uint32_t> expected_gid(const snapshot::Snapshot& snapshot,
                                               const FileRule& rule, std::string& group_label) {
  if (rule.owner == FileRule::Owner::root_root) {
    group_label = "root";
    return {0u, ""};
  }
  const auto& group = snapshot.docker_host.docker_group;
  if (!group.ok()) return snapshot::Gathered<std::uint32_t>::failure(group.error);
  if (!group.value->doubt.empty()) {
    return snapshot::Gathered<std::uint32_t>::failure("dockerd's group setting is not known: " +
                                                      group.value->doubt);
  }
  // dockerd falls back to the root group when its group does not exist.
  group_label = group.value->gid ? fmt::format("{} ({})", group.value->name, group.value->chosen_by)
                                 : fmt::format("root, as there is no group {}", group.value->name);
  return {group.value->gid.value_or(0), ""};
}

audit::Result judge_owner(const snapshot::Snapshot& snapshot, const FileRule& rule,
                          const FileStatus& file) {
  std::string group_label;
  const auto gid = expected_gid(snapshot, rule, group_label);
  if (!gid.ok()) {
    return result_for(rule, file.path, Status::error,
                      "the socket's group could not be determined: " + gid.error);
  }
  auto result = result_for(rule, file.path, Status::pass, "");
  result.evidence.push_back({file.path + " uid:gid", fmt::format("{}:{}", file.uid, file.gid)});
  result.evidence.push_back(
      {"expected uid:gid", fmt::format("0:{} ({})", *gid.value, group_label)});
  if (file.uid == 0 && file.gid == *gid.value) {
    result.detail = fmt::format("owned by uid 0 and gid {}", file.gid);
    return result;
  }
  result.status = Status::fail;
  result.detail = fmt::format("owned by uid {} gid {}; it should be uid 0 gid {} ({})", file.uid,
                              file.gid, *gid.value, group_label);
  return result;
}

audit::Result judge_mode(const FileRule& rule, const FileStatus& file) {
  const auto extra = file.mode & kPermissionBits & ~rule.allowed_mode;
  auto result = result_for(rule, file.path, Status::pass, "");
  result.evidence.push_back({file.path + " mode", octal(file.mode)});
  result.evidence.push_back({"allowed bits", octal(rule.allowed_mode)});
  if (extra == 0) {
    result.detail = fmt::format("mode {} is within {}", octal(file.mode), octal(rule.allowed_mode));
    return result;
  }
  result.status = Status::fail;
  result.detail = fmt::format("mode {} has bits {} beyond the allowed {}", octal(file.mode),
                              octal(extra), octal(rule.allowed_mode));
  return result;
}

audit::Result judge_file(const snapshot::Snapshot& snapshot, const FileRule& rule,
                         const FileStatus& file) {
  switch (file.state) {
    case FileStatus::State::absent:
      return result_for(rule, file.path, Status::not_applicable,
                        fmt::format("{} does not exist ({})", file.path, file.chosen_by));
    case FileStatus::State::unreadable:
      return result_for(rule, file.path, Status::error,
                        fmt::format("could not be looked at: {}", file.error));
    case FileStatus::State::present:
      break;
  }
  if (rule.must_be_socket && file.type != FileStatus::Type::socket) {
    return result_for(rule, file.path, Status::error,
                      fmt::format("{} is a {}, not a socket: it cannot be the one the daemon "
                                  "serves",
                                  file.path, snapshot::to_string(file.type)));
  }
  auto result = rule.aspect == FileRule::Aspect::owner ? judge_owner(snapshot, rule, file)
                                                       : judge_mode(rule, file);
  result.evidence.push_back({file.path + " chosen by", file.chosen_by});
  return result;
}

}  // namespace

std::vector<audit::Result> judge_file_rule(const snapshot::Snapshot& snapshot,
                                           const FileRule& rule) {
  const auto& set = snapshot.docker_host.files.*rule.files;
  if (!set.doubt.empty()) {
    const auto path = set.files.empty() ? std::string() : set.files.front().path;
    return {result_for(rule, path, Status::error,
                       "which file dockerd uses is not known: " + set.doubt)};
  }
  if (set.files.empty()) {
    if (!set.error.empty()) {
      return {result_for(rule, "", Status::error, "could not be looked at: " + set.error)};
    }
    return {result_for(rule, "", Status::not_applicable, set.not_present)};
  }
  std::vector<audit::Result> results;
  for (const auto& file : set.files) results.push_back(judge_file(snapshot, rule, file));
  return results;
}

}  // namespace dockaudit::checks
