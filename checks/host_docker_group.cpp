#include <fmt/format.h>

#include "checks/all_checks.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

// Which accounts are trusted is the site's decision; until profiles can pass
// a list of them, a person compares the members with it.
std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
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
  result.evidence = {{"group", found.name}, {"chosen by", found.chosen_by}};
  if (!found.gid) {
    result.status = Status::pass;
    result.detail = fmt::format("there is no group {}: only root may use the socket", found.name);
    return {result};
  }
  result.evidence.push_back({"gid", *found.gid});
  result.evidence.push_back({"members", found.members});
  result.status = Status::manual;
  result.detail =
      found.members.empty()
          ? fmt::format("group {} has no members", found.name)
          : fmt::format("group {} has {} member{}: {}; confirm each is trusted with root",
                        found.name, found.members.size(), found.members.size() == 1 ? "" : "s",
                        fmt::join(found.members, ", "));
  return {result};
}

}  // namespace

const Check host_docker_group{
    .id = "host.docker-group",
    .title = "Only trusted accounts are in the group that may use the Docker socket",
    .scope = audit::Scope::host,
    .severity = audit::Severity::high,
    .level = 1,
    .manual = true,
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
};

}  // namespace dockaudit::checks
