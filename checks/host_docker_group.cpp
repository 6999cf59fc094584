#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

audit::Result judge_members(audit::Result result, const snapshot::DockerGroup& group,
                            const std::vector<std::string>& trusted) {
  result.evidence.push_back({"parameter trusted_users", trusted});
  std::vector<std::string> untrusted;
  for (const auto& member : group.member_names) {
    const bool listed = std::find(trusted.begin(), trusted.end(), member) != trusted.end();
    const bool seen = std::find(untrusted.begin(), untrusted.end(), member) != untrusted.end();
    if (!listed && !seen) untrusted.push_back(member);
  }
  if (untrusted.empty()) {
    result.status = Status::pass;
    result.detail = group.members.empty()
                        ? fmt::format("group {} has no members", group.name)
                        : fmt::format("every member of group {} is in trusted_users", group.name);
    return result;
  }
  result.status = Status::fail;
  result.detail = fmt::format("group {} has member{} not in trusted_users: {}", group.name,
                              untrusted.size() == 1 ? "" : "s", fmt::join(untrusted, ", "));
  return result;
}

constexpr Parameter kParameters[] = {
    {"trusted_users", ParameterType::string_list, "null",
     "accounts allowed in the socket's group; unset: a person reviews the members"},
};

// Which accounts are trusted is the site's decision: with a trusted_users
// parameter the members are compared with it, without one a person does it.
std::vector<audit::Result> evaluate_with(const snapshot::Snapshot& snapshot,
                                         const Parameters& parameters) {
  audit::Result result;
  result.check_id = "host.docker-group";
  const auto& group = snapshot.docker_host.docker_group;
  if (!group.ok()) {
    result.target = {audit::Scope::host, "(docker group)", "", ""};
    result.status = Status::error;
    result.detail = "the docker group's members could not be read: " + group.error;
    return {result};
  }
  const auto& found = *group.value;
  result.target = {audit::Scope::host, "group " + found.name, "", ""};
  if (!found.doubt.empty()) {
    result.status = Status::error;
    result.detail = "which group dockerd gives its socket is not known: " + found.doubt;
    return {result};
  }
  result.evidence = {{"group", found.name}, {"chosen by", found.chosen_by}};
  if (!found.gid) {
    result.status = Status::pass;
    result.detail = fmt::format("there is no group {}: only root may use the socket", found.name);
    return {result};
  }
  result.evidence.push_back({"gid", *found.gid});
  result.evidence.push_back({"members", found.members});
  if (const auto trusted = parameters.strings("trusted_users")) {
    return {judge_members(std::move(result), found, *trusted)};
  }
  if (found.members.empty()) {
    result.status = Status::pass;
    result.detail = fmt::format("group {} has no members", found.name);
    return {result};
  }
  result.status = Status::manual;
  result.detail = fmt::format(
      "group {} has {} member{}: {}; confirm each is trusted with root, or list the trusted "
      "accounts in the profile's trusted_users parameter",
      found.name, found.members.size(), found.members.size() == 1 ? "" : "s",
      fmt::join(found.members, ", "));
  return {result};
}

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  return evaluate_with(snapshot, resolve_parameters(kParameters, {}));
}

}  // namespace

const Check host_docker_group{
    .id = "host.docker-group",
    .title = "Only trusted accounts are in the group that may use the Docker socket",
    .scope = audit::Scope::host,
    .severity = audit::Severity::high,
    .level = 1,
    .manual = false,
    .cis = {"1.1.2", "1.1.2", "1.1.2"},
    .rationale =
        "Members of the socket's group drive the daemon, and through it can mount the host's "
        "root filesystem into a container: membership is root on the host.",
    .remediation =
        "Remove accounts that do not need the daemon: gpasswd -d USER docker (and change the "
        "primary group of users whose primary group it is).",
    .reads =
        "the socket's group (SocketGroup= of docker.socket under socket activation, else the "
        "effective 'group', default docker), its members in /etc/group and the users whose "
        "primary group it is in /etc/passwd",
    .evaluate = &evaluate,
    .parameters = kParameters,
    .evaluate_with = &evaluate_with,
};

}  // namespace dockaudit::checks
