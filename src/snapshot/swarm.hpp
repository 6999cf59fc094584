// What a swarm manager tells about its cluster. Workers cannot answer these
// (the engine says 503), so on them every part stays not gathered.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/snapshot/gathered.hpp"

namespace dockaudit::snapshot {

// GET /swarm. The join tokens it also sends are never kept.
struct SwarmCluster {
  std::string id;
  std::optional<bool> autolock_managers;          // Spec.EncryptionConfig.AutoLockManagers
  std::optional<std::int64_t> node_cert_expiry;   // Spec.CAConfig.NodeCertExpiry, nanoseconds
  std::size_t external_ca_count = 0;              // Spec.CAConfig.ExternalCAs
  std::string cert_issuer_subject;                // TLSInfo.CertIssuerSubject, base64 DER
  std::optional<bool> root_rotation_in_progress;  // RootRotationInProgress
  std::string created_at;
  std::string updated_at;
};

// GET /nodes entries.
struct SwarmNode {
  std::string id;
  std::string hostname;         // Description.Hostname
  std::string role;             // Spec.Role: "manager" or "worker"
  std::string address;          // Status.Addr: where the node is seen from
  std::string manager_address;  // ManagerStatus.Addr: the control-plane listener
  bool leader = false;          // ManagerStatus.Leader
};

// A network with driver overlay from GET /networks.
struct OverlayNetwork {
  std::string id;
  std::string name;
  bool encrypted = false;  // Options has the "encrypted" key, whatever its value
  bool ingress = false;
};

// GET /secrets entries: names only; the engine never returns the payload.
struct SwarmSecret {
  std::string id;
  std::string name;
  std::string created_at;
};

struct Swarm {
  Gathered<SwarmCluster> cluster;
  Gathered<std::vector<SwarmNode>> nodes;
  Gathered<std::vector<OverlayNetwork>> overlay_networks;
  Gathered<std::vector<SwarmSecret>> secrets;
  // The engine's own words when it refused a manager-only request with 503
  // although /info called this node a manager (it was demoted meanwhile).
  std::string not_manager;
};

}  // namespace dockaudit::snapshot
