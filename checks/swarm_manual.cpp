// Swarm recommendations that need a person: the engine shows the facts, but
// whether they meet the site's policy (rotation periods, interfaces, where
// secrets belong) is not in the data.
#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/swarm_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

constexpr std::int64_t kNanosecondsPerHour = 3'600'000'000'000;
constexpr std::int64_t kHoursPerDay = 24;

audit::Result manual(const snapshot::Snapshot& snapshot, std::string_view id, std::string detail,
                     std::vector<audit::Evidence> evidence) {
  auto result = swarm_result(snapshot, id);
  result.status = Status::manual;
  result.detail = std::move(detail);
  result.evidence = std::move(evidence);
  return result;
}

std::vector<audit::Result> evaluate_listen_interface(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "swarm.listen-interface";
  if (auto done = swarm_premise(snapshot, id, SwarmReach::node)) return {*done};
  return {manual(snapshot, id,
                 "confirm dockerd listens on ports 2377 and 7946 on one interface, not all "
                 "(ss -ltnp | grep -E ':(2377|7946)'); the engine reports only the advertised "
                 "address",
                 {{"/info Swarm.NodeAddr", snapshot.engine.value->swarm_node_address}})};
}

std::vector<audit::Result> evaluate_secrets(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "swarm.secrets";
  if (auto done = swarm_premise(snapshot, id, SwarmReach::manager)) return {*done};
  const auto& part = snapshot.swarm.secrets;
  if (auto done = missing_part(snapshot, id, part, "GET /secrets")) return {*done};
  std::vector<std::string> names;
  for (const auto& secret : *part.value) names.push_back(secret.name);
  return {manual(snapshot, id,
                 fmt::format("{} swarm secret(s); confirm services take their credentials "
                             "from docker secrets, not environment variables or images",
                             names.size()),
                 {{"GET /secrets Spec.Name", names}})};
}

std::vector<audit::Result> evaluate_autolock_rotation(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "swarm.autolock-key-rotation";
  if (auto done = swarm_premise(snapshot, id, SwarmReach::manager)) return {*done};
  const auto& part = snapshot.swarm.cluster;
  if (auto done = missing_part(snapshot, id, part, "GET /swarm")) return {*done};
  const auto& autolock = part.value->autolock_managers;
  std::vector<audit::Evidence> evidence{
      {"GET /swarm Spec.EncryptionConfig.AutoLockManagers",
       autolock ? nlohmann::json(*autolock) : nlohmann::json(nullptr)}};
  if (autolock == false) {
    auto result = swarm_result(snapshot, id);
    result.status = Status::not_applicable;
    result.detail = "auto-lock is off, so there is no unlock key to rotate (see swarm.autolock)";
    result.evidence = std::move(evidence);
    return {result};
  }
  return {manual(snapshot, id,
                 "confirm the unlock key is rotated on schedule (docker swarm unlock-key "
                 "--rotate); the engine keeps no rotation history",
                 std::move(evidence))};
}

std::vector<audit::Result> evaluate_node_certificates(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "swarm.node-cert-rotation";
  if (auto done = swarm_premise(snapshot, id, SwarmReach::manager)) return {*done};
  const auto& part = snapshot.swarm.cluster;
  if (auto done = missing_part(snapshot, id, part, "GET /swarm")) return {*done};
  const auto& expiry = part.value->node_cert_expiry;
  std::vector<audit::Evidence> evidence{
      {"GET /swarm Spec.CAConfig.NodeCertExpiry (ns)",
       expiry ? nlohmann::json(*expiry) : nlohmann::json(nullptr)}};
  const auto period = expiry ? fmt::format("{} days", *expiry / kNanosecondsPerHour / kHoursPerDay)
                             : std::string("an unreported period");
  return {manual(snapshot, id,
                 fmt::format("node certificates are renewed every {}; confirm that meets the "
                             "site's policy (docker swarm update --cert-expiry)",
                             period),
                 std::move(evidence))};
}

std::vector<audit::Result> evaluate_ca_rotation(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "swarm.ca-rotation";
  if (auto done = swarm_premise(snapshot, id, SwarmReach::manager)) return {*done};
  const auto& part = snapshot.swarm.cluster;
  if (auto done = missing_part(snapshot, id, part, "GET /swarm")) return {*done};
  const auto& cluster = *part.value;
  return {manual(
      snapshot, id,
      fmt::format(
          "the swarm was created {}; confirm its root CA is rotated on schedule "
          "(docker swarm ca --rotate)",
          cluster.created_at.empty() ? std::string("at an unreported time") : cluster.created_at),
      {{"GET /swarm TLSInfo.CertIssuerSubject", cluster.cert_issuer_subject},
       {"GET /swarm Spec.CAConfig.ExternalCAs (count)", cluster.external_ca_count},
       {"GET /swarm RootRotationInProgress",
        cluster.root_rotation_in_progress ? nlohmann::json(*cluster.root_rotation_in_progress)
                                          : nlohmann::json(nullptr)},
       {"GET /swarm CreatedAt", cluster.created_at}})};
}

std::vector<audit::Result> evaluate_plane_separation(const snapshot::Snapshot& snapshot) {
  constexpr std::string_view id = "swarm.plane-separation";
  if (auto done = swarm_premise(snapshot, id, SwarmReach::manager)) return {*done};
  const auto& part = snapshot.swarm.nodes;
  if (auto done = missing_part(snapshot, id, part, "GET /nodes")) return {*done};
  std::vector<std::string> addresses;
  for (const auto& node : *part.value) {
    addresses.push_back(fmt::format("{}: Status.Addr {}, ManagerStatus.Addr {}", node.hostname,
                                    node.address,
                                    node.manager_address.empty() ? "-" : node.manager_address));
  }
  return {manual(snapshot, id,
                 "confirm management traffic (port 2377) and container traffic (--data-path-addr) "
                 "use separate interfaces; the engine does not report the data-path address",
                 {{"GET /nodes addresses", addresses}})};
}

}  // namespace

const Check swarm_listen_interface{
    .id = "swarm.listen-interface",
    .title = "Swarm services listen on a specific interface",
    .scope = audit::Scope::swarm,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = true,
    .cis = {"7.2", "7.2", "7.2"},
    .rationale =
        "The swarm control and gossip ports on every interface reach networks that "
        "have no business joining or probing the cluster.",
    .remediation = "Initialise or join with --listen-addr <interface address>:2377.",
    .reads =
        "/info Swarm.NodeAddr (the advertised address only); dockerd's listening sockets "
        "are not read yet, so a person checks them",
    .evaluate = &evaluate_listen_interface,
};

const Check swarm_secrets{
    .id = "swarm.secrets",
    .title = "Swarm services get credentials from docker secrets",
    .scope = audit::Scope::swarm,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = true,
    .cis = {"7.4", "7.4", "7.4"},
    .rationale =
        "Docker secrets are encrypted in the Raft log and mounted only into the tasks "
        "that need them; environment variables and images show them to anyone who can "
        "inspect.",
    .remediation = "docker secret create NAME FILE, and docker service update --secret-add NAME.",
    .reads = "GET /secrets names and count on an active manager",
    .evaluate = &evaluate_secrets,
};

const Check swarm_autolock_key_rotation{
    .id = "swarm.autolock-key-rotation",
    .title = "The swarm unlock key is rotated periodically",
    .scope = audit::Scope::swarm,
    .severity = audit::Severity::low,
    .level = 1,
    .manual = true,
    .cis = {"7.6", "7.6", "7.6"},
    .rationale =
        "A leaked unlock key decrypts every copy of a manager's Raft data until the "
        "key is changed.",
    .remediation = "docker swarm unlock-key --rotate on a schedule.",
    .reads =
        "GET /swarm Spec.EncryptionConfig.AutoLockManagers (not applicable when auto-lock "
        "is off); rotation history is not exposed",
    .evaluate = &evaluate_autolock_rotation,
};

const Check swarm_node_cert_rotation{
    .id = "swarm.node-cert-rotation",
    .title = "Swarm node certificates are rotated as the site requires",
    .scope = audit::Scope::swarm,
    .severity = audit::Severity::low,
    .level = 1,
    .manual = true,
    .cis = {"7.7", "7.7", "7.7"},
    .rationale = "Short-lived node certificates limit how long a stolen one stays useful.",
    .remediation = "docker swarm update --cert-expiry <duration> (default 2160h, 90 days).",
    .reads = "GET /swarm Spec.CAConfig.NodeCertExpiry on an active manager",
    .evaluate = &evaluate_node_certificates,
};

const Check swarm_ca_rotation{
    .id = "swarm.ca-rotation",
    .title = "The swarm root CA is rotated as the site requires",
    .scope = audit::Scope::swarm,
    .severity = audit::Severity::low,
    .level = 1,
    .manual = true,
    .cis = {"7.8", "7.8", "7.8"},
    .rationale =
        "Rotating the root CA revokes trust in every certificate it issued, which is "
        "the way out after a manager or its CA key is compromised.",
    .remediation = "docker swarm ca --rotate on a schedule and after any compromise.",
    .reads =
        "GET /swarm TLSInfo.CertIssuerSubject, Spec.CAConfig.ExternalCAs, "
        "RootRotationInProgress and CreatedAt on an active manager",
    .evaluate = &evaluate_ca_rotation,
};

const Check swarm_plane_separation{
    .id = "swarm.plane-separation",
    .title = "Swarm management and data traffic use separate interfaces",
    .scope = audit::Scope::swarm,
    .severity = audit::Severity::low,
    .level = 1,
    .manual = true,
    .cis = {"7.9", "7.9", "7.9"},
    .rationale =
        "On a shared interface a flood of container traffic can starve the Raft "
        "traffic that keeps the cluster consistent, and both are exposed together.",
    .remediation =
        "Join or initialise nodes with --advertise-addr on a management interface "
        "and --data-path-addr on another.",
    .reads = "GET /nodes Status.Addr and ManagerStatus.Addr on an active manager",
    .evaluate = &evaluate_plane_separation,
};

}  // namespace dockaudit::checks
