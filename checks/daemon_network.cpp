// Daemon settings about the network: the API's TCP listeners, inter-container
// traffic, iptables, the userland proxy and insecure registries.
#include <algorithm>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/daemon_settings.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

std::vector<audit::Result> evaluate_tcp_tls(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.tcp-tls";
  std::vector<std::string> tcp;
  for (const auto& listener : snapshot.daemon.listeners) {
    if (listener.address.starts_with("tcp://")) {
      tcp.push_back(fmt::format("{} ({})", listener.address, listener.source));
    }
  }
  std::vector<audit::Evidence> evidence{{"TCP listeners", tcp},
                                        setting_evidence(snapshot, "tls"),
                                        setting_evidence(snapshot, "tlsverify"),
                                        setting_evidence(snapshot, "tlscacert")};
  // A TCP listener may hide in a flag or file dockaudit could not read.
  if (auto unknown = unknown_settings(snapshot, id, {"hosts"}, evidence)) return {*unknown};
  if (tcp.empty()) {
    return {
        daemon_result(id, Status::not_applicable, "the API listens on no TCP address", evidence)};
  }
  const auto* verify = snapshot.daemon.effective.find("tlsverify");
  const bool verify_set = verify && verify->origin != snapshot::Origin::built_in_default;
  const auto verify_on = setting_flag(snapshot, "tlsverify").value_or(false);
  const auto tls_on = setting_flag(snapshot, "tls").value_or(false);
  // --tls without --tlsverify still demands and verifies client certificates.
  if (verify_on || (tls_on && !verify_set)) {
    return {daemon_result(id, Status::pass, "TCP listeners require verified client certificates",
                          evidence)};
  }
  return {daemon_result(id, Status::fail,
                        tls_on ? "TLS is on but client verification is turned off: anyone who "
                                 "reaches the port controls the engine"
                               : "the API listens on TCP without TLS: anyone who reaches the "
                                 "port controls the engine",
                        evidence)};
}

std::vector<audit::Result> evaluate_icc(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.icc";
  std::vector<audit::Evidence> evidence{setting_evidence(snapshot, "icc")};
  const auto& bridge = snapshot.default_bridge;
  if (!bridge.ok() && bridge.error.empty()) {
    return {
        daemon_result(id, Status::not_applicable, "there is no default bridge network", evidence)};
  }
  if (!bridge.ok()) {
    return {daemon_result(id, Status::error,
                          "the default bridge could not be read: " + bridge.error, evidence)};
  }
  // The network's own option is what the running engine applies.
  const auto icc = bridge.value->icc ? bridge.value->icc : setting_flag(snapshot, "icc");
  evidence.push_back({"/networks/bridge Options com.docker.network.bridge.enable_icc",
                      bridge.value->icc ? nlohmann::json(*bridge.value->icc) : nullptr});
  if (!icc) return {daemon_result(id, Status::error, "icc could not be determined", evidence)};
  if (*icc) {
    return {daemon_result(id, Status::fail, "containers on the default bridge can reach each other",
                          evidence)};
  }
  return {daemon_result(id, Status::pass,
                        "traffic between containers on the default bridge is "
                        "blocked",
                        evidence)};
}

std::vector<audit::Result> evaluate_iptables(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.iptables";
  std::vector<audit::Evidence> evidence{setting_evidence(snapshot, "iptables")};
  if (auto unknown = unknown_settings(snapshot, id, {"iptables"}, evidence)) return {*unknown};
  const auto iptables = setting_flag(snapshot, "iptables");
  if (!iptables) return {daemon_result(id, Status::error, "iptables is not known", evidence)};
  if (*iptables) return {daemon_result(id, Status::pass, "Docker manages iptables", evidence)};
  return {daemon_result(id, Status::fail,
                        "Docker may not manage iptables, so its network isolation rules are "
                        "missing",
                        evidence)};
}

std::vector<audit::Result> evaluate_userland_proxy(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.userland-proxy";
  std::vector<audit::Evidence> evidence{setting_evidence(snapshot, "userland-proxy")};
  if (auto unknown = unknown_settings(snapshot, id, {"userland-proxy"}, evidence)) {
    return {*unknown};
  }
  const auto proxy = setting_flag(snapshot, "userland-proxy");
  if (!proxy) return {daemon_result(id, Status::error, "userland-proxy is not known", evidence)};
  if (*proxy) {
    return {daemon_result(id, Status::fail, "the userland proxy is on (the default)", evidence)};
  }
  return {daemon_result(id, Status::pass, "the userland proxy is off", evidence)};
}

std::vector<audit::Result> evaluate_insecure_registries(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "daemon.insecure-registries";
  if (!snapshot.engine.ok()) return {engine_unknown(id, snapshot)};
  const auto& engine = *snapshot.engine.value;
  // The engine always trusts loopback registries without TLS; that is not
  // a choice of the host's.
  std::vector<std::string> insecure;
  for (const auto& cidr : engine.insecure_registry_cidrs) {
    if (cidr != "127.0.0.0/8" && cidr != "::1/128") insecure.push_back(cidr);
  }
  for (const auto& name : engine.insecure_registries) insecure.push_back(name);
  std::vector<audit::Evidence> evidence{
      {"/info RegistryConfig.InsecureRegistryCIDRs", engine.insecure_registry_cidrs},
      {"/info RegistryConfig.IndexConfigs (Secure false)", engine.insecure_registries}};
  if (insecure.empty()) {
    return {daemon_result(id, Status::pass, "no insecure registry is configured", evidence)};
  }
  return {daemon_result(id, Status::fail,
                        fmt::format("images may be pulled without TLS verification from: {}",
                                    fmt::join(insecure, ", ")),
                        evidence)};
}

}  // namespace

const Check daemon_icc{
    .id = "daemon.icc",
    .title = "Traffic between containers on the default bridge is blocked",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"2.2", "2.2", "2.2"},
    .rationale =
        "By default every container on the default bridge can reach every other one on every "
        "port, so one compromised container can attack its neighbours.",
    .remediation =
        "Set \"icc\": false in daemon.json (needs iptables on) and link the containers that "
        "must talk through user-defined networks.",
    .reads = "GET /networks/bridge Options enable_icc; else the effective icc setting",
    .evaluate = &evaluate_icc,
};

const Check daemon_iptables{
    .id = "daemon.iptables",
    .title = "Docker is allowed to manage iptables",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"2.4", "2.4", "2.4"},
    .rationale =
        "Docker's iptables rules implement port publishing and network isolation; without "
        "them containers are exposed or isolated by hand-made rules nobody maintains.",
    .remediation = "Remove \"iptables\": false from daemon.json and --iptables=false from flags.",
    .reads = "the effective iptables setting (defaults, daemon.json, dockerd flags)",
    .evaluate = &evaluate_iptables,
};

const Check daemon_insecure_registries{
    .id = "daemon.insecure-registries",
    .title = "No insecure registries are configured",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"2.5", "2.5", "2.5"},
    .rationale =
        "An insecure registry is reached without TLS verification, so anyone on the path can "
        "serve the host a malicious image.",
    .remediation =
        "Remove insecure-registries entries; give the registry a certificate (or add its CA "
        "under /etc/docker/certs.d/<registry>/).",
    .reads = "/info RegistryConfig: InsecureRegistryCIDRs (less loopback) and IndexConfigs",
    .evaluate = &evaluate_insecure_registries,
};

const Check daemon_tcp_tls{
    .id = "daemon.tcp-tls",
    .title = "The API's TCP listeners require TLS client authentication",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::critical,
    .level = 1,
    .cis = {"2.7", "2.7", "2.8"},
    .rationale =
        "The Docker API is root on the host. On TCP without verified client certificates, "
        "anyone who can reach the port owns the machine.",
    .remediation =
        "Set tlsverify, tlscacert, tlscert and tlskey in daemon.json, or remove the TCP "
        "listener (hosts, -H, or a ListenStream in docker.socket).",
    .reads =
        "TCP listeners from effective hosts and, with -H fd://, the docker.socket unit's "
        "ListenStream lines; effective tls and tlsverify",
    .evaluate = &evaluate_tcp_tls,
};

const Check daemon_userland_proxy{
    .id = "daemon.userland-proxy",
    .title = "The userland proxy is disabled",
    .scope = audit::Scope::daemon,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"2.16", "2.16", "2.17"},
    .rationale =
        "docker-proxy is one more process per published port, and iptables hairpin NAT does "
        "the same job without it.",
    .remediation = "Set \"userland-proxy\": false in daemon.json.",
    .reads = "the effective userland-proxy setting (default true; not in /info)",
    .evaluate = &evaluate_userland_proxy,
};

}  // namespace dockaudit::checks
