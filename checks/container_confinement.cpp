// Kernel-level confinement of each container: its seccomp filter and the
// no-new-privileges flag.
#include <algorithm>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

const snapshot::SecurityOption* last_option(const snapshot::Container& container,
                                            std::string_view key) {
  const auto& options = container.security_options;
  const auto found = std::find_if(options.rbegin(), options.rend(),
                                  [&](const auto& option) { return option.key == key; });
  return found == options.rend() ? nullptr : &*found;
}

std::vector<std::string> raw_options(const snapshot::Container& container) {
  std::vector<std::string> raw;
  for (const auto& option : container.security_options) raw.push_back(option.raw);
  return raw;
}

// The daemon's profile from /info: "name=seccomp,profile=default".
std::string daemon_seccomp_profile(const snapshot::Engine& engine) {
  for (const auto& option : engine.security_options) {
    if (!option.starts_with("name=seccomp")) continue;
    const auto at = option.find("profile=");
    return at == std::string::npos ? std::string("default") : option.substr(at + 8);
  }
  return "";
}

Judgement judge_seccomp(const snapshot::Engine& engine, const snapshot::Container& container) {
  const auto daemon_profile = daemon_seccomp_profile(engine);
  std::vector<audit::Evidence> evidence{{"HostConfig.SecurityOpt", raw_options(container)},
                                        {"/info SecurityOptions", engine.security_options},
                                        {"HostConfig.Privileged", container.privileged}};
  if (container.privileged) {
    return {Status::fail, "privileged containers run without a seccomp filter", evidence};
  }
  if (const auto* option = last_option(container, "seccomp")) {
    if (option->value == "unconfined") {
      return {Status::fail, "seccomp disabled (seccomp=unconfined)", evidence};
    }
    if (option->value.starts_with("{")) {
      return {Status::pass, "runs with a custom inline seccomp profile", evidence};
    }
    return {Status::pass, fmt::format("runs with seccomp profile {}", option->value), evidence};
  }
  if (daemon_profile.empty()) {
    return {Status::fail, "the engine reports no seccomp support, so nothing is filtered",
            evidence};
  }
  if (daemon_profile == "unconfined") {
    return {Status::fail, "the daemon's default seccomp profile is unconfined", evidence};
  }
  return {Status::pass, fmt::format("runs with the daemon's seccomp profile ({})", daemon_profile),
          evidence};
}

std::vector<audit::Result> evaluate_seccomp(const snapshot::Snapshot& snapshot) {
  if (!snapshot.engine.ok()) {
    return judge_containers(snapshot, "container.seccomp", [&](const auto&) {
      return Judgement{
          Status::error, "the daemon's seccomp profile is unknown: " + snapshot.engine.error, {}};
    });
  }
  const auto& engine = *snapshot.engine.value;
  return judge_containers(snapshot, "container.seccomp",
                          [&](const auto& container) { return judge_seccomp(engine, container); });
}

nlohmann::json gathered_json(const snapshot::Gathered<bool>& gathered) {
  if (gathered.ok()) return *gathered.value;
  if (!gathered.error.empty()) return "unreadable: " + gathered.error;
  return nullptr;
}

// The explicit option beats the daemon default; the running process is the
// truth for what it runs with; the stored config records the default the
// daemon applied at creation, which inspect does not show.
Judgement judge_no_new_privileges(const snapshot::Container& container) {
  std::vector<audit::Evidence> evidence{
      {"HostConfig.SecurityOpt", raw_options(container)},
      {"/proc/<State.Pid>/status NoNewPrivs", gathered_json(container.no_new_privs_process)},
      {"config.v2.json NoNewPrivileges", gathered_json(container.no_new_privs_stored)}};
  std::optional<bool> explicit_choice;
  if (const auto* option = last_option(container, "no-new-privileges")) {
    explicit_choice =
        option->value.empty() ? std::optional<bool>(true) : snapshot::parse_go_bool(option->value);
    if (!explicit_choice) {
      return {Status::error,
              fmt::format("no-new-privileges value '{}' is not a boolean", option->value),
              evidence};
    }
  }
  if (explicit_choice == false) {
    return {Status::fail, "no-new-privileges is explicitly turned off", evidence};
  }
  if (container.no_new_privs_process.ok()) {
    if (*container.no_new_privs_process.value) {
      return {Status::pass, "the running process has no_new_privs set", evidence};
    }
    return {Status::fail, "the running process can gain privileges (NoNewPrivs 0)", evidence};
  }
  if (explicit_choice == true) {
    return {Status::pass, "no-new-privileges is set on the container", evidence};
  }
  if (container.no_new_privs_stored.ok()) {
    if (*container.no_new_privs_stored.value) {
      return {Status::pass, "created under the daemon's no-new-privileges default", evidence};
    }
    return {Status::fail, "neither the container nor the daemon at its creation set it", evidence};
  }
  return {Status::error,
          "not set on the container, and the daemon default it was created with could not be "
          "read (needs root on the engine's host)",
          evidence};
}

std::vector<audit::Result> evaluate_no_new_privileges(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.no-new-privileges", &judge_no_new_privileges);
}

}  // namespace

const Check container_seccomp{
    .id = "container.seccomp",
    .title = "Containers keep a seccomp filter",
    .scope = audit::Scope::container,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"5.22", "5.22", "5.22"},
    .rationale =
        "The default seccomp profile blocks dozens of system calls used in kernel exploits and "
        "container escapes; turning it off widens the attack surface to the whole kernel.",
    .remediation =
        "Drop --security-opt seccomp=unconfined and --privileged; if a call is missing, use a "
        "custom profile that allows just that call.",
    .reads =
        "HostConfig.SecurityOpt seccomp entries (= and : forms, inline JSON) and Privileged of "
        "every container; the daemon's profile from /info SecurityOptions",
    .evaluate = &evaluate_seccomp,
};

const Check container_no_new_privileges{
    .id = "container.no-new-privileges",
    .title = "Containers cannot gain new privileges",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.26", "5.26", "5.26"},
    .rationale =
        "no_new_privs stops setuid binaries and file capabilities from raising a process's "
        "privileges, closing a common path from a foothold to root.",
    .remediation =
        "Run with --security-opt no-new-privileges (or set \"no-new-privileges\": true in "
        "daemon.json, which applies to containers created afterwards).",
    .reads =
        "HostConfig.SecurityOpt (bare, = and : forms, Go booleans); /proc/<pid>/status "
        "NoNewPrivs of running containers; <DockerRootDir>/containers/<id>/config.v2.json",
    .evaluate = &evaluate_no_new_privileges,
};

}  // namespace dockaudit::checks
