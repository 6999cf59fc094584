#include "checks/cis_catalog.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace dockaudit::checks {

namespace {

// From the benchmarks' own lists (see the team's reference notes); titles are
// short paraphrases, not the benchmark's wording.
// clang-format off
constexpr Recommendation kRecommendations[] = {
    {{"1.1.1", "1.1.1", "1.1.1"}, "1", "Data root (/var/lib/docker) on its own partition"},
    {{"1.1.2", "1.1.2", "1.1.2"}, "1", "Only trusted accounts in the docker group"},
    {{"1.1.3", "1.1.3", "1.1.3"}, "1", "auditd rule covering the Docker daemon (dockerd)"},
    {{"1.1.4", "1.1.4", "1.1.4"}, "1", "auditd rule covering /run/containerd"},
    {{"1.1.5", "1.1.5", "1.1.5"}, "1", "auditd rule covering /var/lib/docker (data root)"},
    {{"1.1.6", "1.1.6", "1.1.6"}, "1", "auditd rule covering /etc/docker"},
    {{"1.1.7", "1.1.7", "1.1.7"}, "2", "auditd rule covering the docker.service unit"},
    {{"1.1.8", "1.1.8", "1.1.8"}, "2", "auditd rule covering containerd.sock"},
    {{"1.1.9", "1.1.9", "1.1.9"}, "2", "auditd rule on the Docker socket (1.6.0: the socket unit)"},
    {{"1.1.10", "1.1.10", "1.1.10"}, "2", "auditd rule covering /etc/default/docker"},
    {{"1.1.11", "1.1.11", "1.1.11"}, "2", "auditd rule covering /etc/docker/daemon.json"},
    {{"1.1.12", "1.1.12", "1.1.12"}, "2", "auditd rule covering /etc/containerd/config.toml"},
    {{"1.1.13", "1.1.13", "1.1.13"}, "2", "auditd rule covering /etc/sysconfig/docker"},
    {{"1.1.14", "1.1.14", "1.1.14"}, "2", "auditd rule covering /usr/bin/containerd"},
    {{"1.1.15", "1.1.15", "1.1.15"}, "2", "auditd rule covering /usr/bin/containerd-shim"},
    {{"1.1.16", "1.1.16", "1.1.16"}, "2", "auditd rule covering /usr/bin/containerd-shim-runc-v1"},
    {{"1.1.17", "1.1.17", "1.1.17"}, "2", "auditd rule covering /usr/bin/containerd-shim-runc-v2"},
    {{"1.1.18", "1.1.18", "1.1.18"}, "2", "auditd rule covering /usr/bin/runc"},
    {{"1.2.1", "1.2.1", "1.2.1"}, "1", "Underlying host OS is hardened"},
    {{"1.2.2", "1.2.2", "1.2.2"}, "1", "Docker engine kept at a current release"},
    {{"2.1", "2.1", "2.1"}, "1", "Daemon runs without root (rootless) where feasible"},
    {{"2.2", "2.2", "2.2"}, "1", "Inter-container traffic blocked on the default bridge (icc off)"},
    {{"2.3", "2.3", "2.3"}, "1", "Daemon log level is info"},
    {{"2.4", "2.4", "2.4"}, "1", "Docker is permitted to manage iptables"},
    {{"2.5", "2.5", "2.5"}, "1", "No insecure (plain-HTTP/unverified) registries configured"},
    {{"2.6", "2.6", "2.6"}, "1", "aufs storage driver not in use"},
    {{"", "", "2.7"}, "1", "devicemapper storage driver not in use (removed from Engine 25.0)"},
    {{"2.7", "2.7", "2.8"}, "1", "Daemon remote (TCP) endpoint requires TLS client auth"},
    {{"2.8", "2.8", "2.9"}, "1", "Daemon-wide default ulimits set sensibly"},
    {{"2.9", "2.9", "2.10"}, "2", "User-namespace remapping turned on"},
    {{"2.10", "2.10", "2.11"}, "2", "Default cgroup parent reviewed/confirmed"},
    {{"2.11", "2.11", "2.12"}, "2", "Base device size (dm.basesize) left at default unless needed"},
    {{"2.12", "2.12", "2.13"}, "2", "Authorization plugin for client commands enabled"},
    {{"2.13", "2.13", "2.14"}, "2", "Logs shipped to a central/remote destination"},
    {{"2.14", "2.14", "2.15"}, "1", "Daemon-wide no-new-privileges default on"},
    {{"2.15", "2.15", "2.16"}, "1", "live-restore enabled"},
    {{"2.16", "2.16", "2.17"}, "1", "userland-proxy disabled"},
    {{"2.17", "2.17", "2.18"}, "2", "Daemon-wide custom seccomp profile, if appropriate"},
    {{"2.18", "2.18", "2.19"}, "1", "Experimental features off in production"},
    {{"3.1", "3.1", "3.1"}, "1", "docker.service owned by root:root"},
    {{"3.2", "3.2", "3.2"}, "1", "docker.service mode appropriately restrictive (644 or tighter)"},
    {{"3.3", "3.3", "3.3"}, "1", "docker.socket unit owned by root:root"},
    {{"3.4", "3.4", "3.4"}, "1", "docker.socket unit mode 644 or tighter"},
    {{"3.5", "3.5", "3.5"}, "1", "/etc/docker directory owned by root:root"},
    {{"3.6", "3.6", "3.6"}, "1", "/etc/docker directory mode 755 or tighter"},
    {{"3.7", "3.7", "3.7"}, "1", "Registry certificate files owned by root:root"},
    {{"3.8", "3.8", "3.8"}, "1", "Registry certificate files mode 444 or tighter"},
    {{"3.9", "3.9", "3.9"}, "1", "TLS CA certificate owned by root:root"},
    {{"3.10", "3.10", "3.10"}, "1", "TLS CA certificate mode 444 or tighter"},
    {{"3.11", "3.11", "3.11"}, "1", "Daemon server certificate owned by root:root"},
    {{"3.12", "3.12", "3.12"}, "1", "Daemon server certificate mode 444 or tighter"},
    {{"3.13", "3.13", "3.13"}, "1", "Daemon server private key owned by root:root"},
    {{"3.14", "3.14", "3.14"}, "1", "Daemon server private key mode 400"},
    {{"3.15", "3.15", "3.15"}, "1", "Docker socket owned by root:docker"},
    {{"3.16", "3.16", "3.16"}, "1", "Docker socket mode 660 or tighter"},
    {{"3.17", "3.17", "3.17"}, "2", "daemon.json owned by root:root"},
    {{"3.18", "3.18", "3.18"}, "2", "daemon.json mode 644 or tighter"},
    {{"3.19", "3.19", "3.19"}, "2", "/etc/default/docker owned by root:root"},
    {{"3.20", "3.20", "3.20"}, "2", "/etc/default/docker mode 644 or tighter"},
    {{"3.21", "3.21", "3.21"}, "2", "/etc/sysconfig/docker mode 644 or tighter"},
    {{"3.22", "3.22", "3.22"}, "2", "/etc/sysconfig/docker owned by root:root"},
    {{"3.23", "3.23", "3.23"}, "1", "containerd socket owned by root:root"},
    {{"3.24", "3.24", "3.24"}, "1", "containerd socket mode 660 or tighter"},
    {{"4.1", "4.1", "4.1"}, "1", "Image defines a non-root user for the workload"},
    {{"4.2", "4.2", "4.2"}, "1", "Only trusted base images are used"},
    {{"4.3", "4.3", "4.3"}, "1", "Images carry no unneeded packages"},
    {{"4.4", "4.4", "4.4"}, "1", "Images are scanned and rebuilt to pick up patches"},
    {{"4.5", "4.5", "4.5"}, "2", "Docker Content Trust turned on"},
    {{"4.6", "4.6", "4.6"}, "1", "Images declare a HEALTHCHECK"},
    {{"4.7", "4.7", "4.7"}, "1", "Package-index update never in a RUN step by itself"},
    {{"4.8", "4.8", "4.8"}, "2", "setuid/setgid bits stripped inside images"},
    {{"4.9", "4.9", "4.9"}, "1", "Dockerfiles use COPY rather than ADD"},
    {{"4.10", "4.10", "4.10"}, "1", "No secrets baked into Dockerfiles"},
    {{"4.11", "4.11", "4.11"}, "2", "Only verified/authenticated packages installed"},
    {{"4.12", "4.12", "4.12"}, "1", "Signed artifacts are validated before use"},
    {{"5.1", "5.1", "5.1"}, "1", "Swarm mode off unless actually needed"},
    {{"5.2", "5.2", "5.2"}, "1", "AppArmor profile applied, where applicable"},
    {{"5.3", "5.3", "5.3"}, "2", "SELinux security options set, where applicable"},
    {{"5.4", "5.4", "5.4"}, "1", "Container kernel capabilities restricted"},
    {{"5.5", "5.5", "5.5"}, "1", "No privileged containers"},
    {{"5.6", "5.6", "5.6"}, "1", "Sensitive host directories not mounted into containers"},
    {{"5.7", "5.7", "5.7"}, "1", "No sshd running inside containers"},
    {{"5.8", "5.8", "5.8"}, "1", "Privileged host ports (<1024) not mapped"},
    {{"5.9", "5.9", "5.9"}, "1", "Only required ports opened on containers"},
    {{"5.10", "5.10", "5.10"}, "1", "Host network namespace not shared"},
    {{"5.11", "5.11", "5.11"}, "1", "Container memory capped"},
    {{"5.12", "5.12", "5.12"}, "1", "Container CPU shares/priority set appropriately"},
    {{"5.13", "5.13", "5.13"}, "1", "Container root filesystem mounted read-only"},
    {{"5.14", "5.14", "5.14"}, "1", "Published ports bound to a specific host interface"},
    {{"5.15", "5.15", "5.15"}, "1", "on-failure restart policy capped at 5 retries"},
    {{"5.16", "5.16", "5.16"}, "1", "Host PID namespace not shared"},
    {{"5.17", "5.17", "5.17"}, "1", "Host IPC namespace not shared"},
    {{"5.18", "5.18", "5.18"}, "1", "Host devices not passed straight into containers"},
    {{"5.19", "5.19", "5.19"}, "1", "Per-container ulimit override only when needed"},
    {{"5.20", "5.20", "5.20"}, "1", "Mount propagation not set to shared"},
    {{"5.21", "5.21", "5.21"}, "1", "Host UTS namespace not shared"},
    {{"5.22", "5.22", "5.22"}, "1", "Default seccomp profile not disabled"},
    {{"5.23", "5.23", "5.23"}, "2", "docker exec never used with --privileged"},
    {{"5.24", "5.24", "5.24"}, "2", "docker exec never used as the root user"},
    {{"5.25", "5.25", "5.25"}, "1", "Container cgroup placement confirmed"},
    {{"5.26", "5.26", "5.26"}, "1", "Containers cannot gain extra privileges (no-new-privileges)"},
    {{"5.27", "5.27", "5.27"}, "1", "Container health checked at run time"},
    {{"5.28", "5.28", "5.28"}, "1", "Containers run the current image, not a stale cached one"},
    {{"5.29", "5.29", "5.29"}, "1", "PIDs cgroup limit applied"},
    {{"5.30", "5.30", "5.30"}, "2", "Default docker0 bridge not used"},
    {{"5.31", "5.31", "5.31"}, "1", "Host user namespace not shared"},
    {{"5.32", "5.32", "5.32"}, "1", "Docker socket not mounted inside containers"},
    {{"6.1", "6.1", "6.1"}, "1", "Image sprawl avoided"},
    {{"6.2", "6.2", "6.2"}, "1", "Container sprawl avoided"},
    {{"7.1", "7.1", "7.1"}, "swarm", "Swarm has the minimum sensible number of managers"},
    {{"7.2", "7.2", "7.2"}, "swarm", "Swarm services bound to a specific host interface"},
    {{"7.3", "7.3", "7.3"}, "swarm", "Swarm overlay networks encrypted"},
    {{"7.4", "7.4", "7.4"}, "swarm", "Swarm secrets handled via Docker secret management"},
    {{"7.5", "7.5", "7.5"}, "swarm", "Swarm managers run in auto-lock mode"},
    {{"7.6", "7.6", "7.6"}, "swarm", "Swarm auto-lock key rotated periodically"},
    {{"7.7", "7.7", "7.7"}, "swarm", "Swarm node certificates rotated as appropriate"},
    {{"7.8", "7.8", "7.8"}, "swarm", "Swarm CA certificates rotated as appropriate"},
    {{"7.9", "7.9", "7.9"}, "swarm", "Management-plane traffic separated from data-plane traffic"},
};
// clang-format on

constexpr BenchmarkVersion kVersions[] = {
    {"cis-docker-1.6", "1.6.0", &CisNumbers::v1_6},
    {"cis-docker-1.7", "1.7.0", &CisNumbers::v1_7},
    {"cis-docker-1.8", "1.8.0", &CisNumbers::v1_8},
};

std::string describe_checks(const std::vector<const Check*>& found) {
  if (found.empty()) return "**not covered**";
  std::vector<std::string> parts;
  for (const auto* check : found) {
    parts.push_back(fmt::format("`{}`{}", check->id, check->manual ? " (manual)" : ""));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

void render_version(std::string& out, const BenchmarkVersion& version) {
  std::size_t total = 0;
  std::size_t decided = 0;
  std::string rows;
  for (const auto& recommendation : kRecommendations) {
    const auto number = recommendation.numbers.*version.number;
    if (number.empty()) continue;
    const auto found = checks_for(version, number);
    ++total;
    bool manual_only = !found.empty();
    for (const auto* check : found) manual_only = manual_only && check->manual;
    if (!found.empty() && !manual_only) ++decided;
    rows += fmt::format("| {} | {} | {} | {} |\n", number, recommendation.title,
                        recommendation.level, describe_checks(found));
  }
  out += fmt::format("\n## CIS Docker Benchmark {} (profile `{}`)\n\n", version.version,
                     version.profile);
  out += fmt::format(
      "{} recommendations: {} decided from data, {} manual (the result says what to look at).\n\n",
      total, decided, total - decided);
  out += "| number | recommendation (paraphrased) | level | checks |\n|---|---|---|---|\n";
  out += rows;
}

}  // namespace

std::span<const Recommendation> cis_recommendations() { return kRecommendations; }

std::span<const BenchmarkVersion> cis_versions() { return kVersions; }

std::vector<const Check*> checks_for(const BenchmarkVersion& version, std::string_view number) {
  std::vector<const Check*> found;
  for (const auto* check : registry()) {
    if (check->cis.*version.number == number) found.push_back(check);
  }
  return found;
}

std::string render_coverage() {
  std::string out =
      "# CIS Docker Benchmark coverage\n\n"
      "Every recommendation of CIS Docker Benchmark 1.6.0, 1.7.0 and 1.8.0 and the dockaudit\n"
      "checks that decide it. A check marked manual needs a person; its result still carries\n"
      "the evidence to look at. `dockaudit explain ID` tells what a check reads.\n\n"
      "Generated by `dockaudit coverage` from the check registry; a unit test fails when\n"
      "this file and the registry differ.\n";
  for (const auto& version : kVersions) render_version(out, version);
  return out;
}

}  // namespace dockaudit::checks
