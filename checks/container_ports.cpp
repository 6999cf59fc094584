// Published ports: where they listen on the host, and which numbers.
#include <charconv>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/container_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

// Every IPv4 and IPv6 spelling of "all addresses".
bool is_wildcard(const std::string& host_ip) {
  return host_ip.empty() || host_ip == "0.0.0.0" || host_ip == "::" || host_ip == "[::]";
}

std::string describe(const snapshot::PortBinding& port) {
  const auto ip = port.host_ip.empty() ? std::string("*") : port.host_ip;
  return fmt::format("{}:{}->{}", ip, port.host_port.empty() ? "?" : port.host_port,
                     port.container_port);
}

std::vector<audit::Evidence> port_evidence(const snapshot::Container& container) {
  std::vector<std::string> ports;
  for (const auto& port : container.ports) ports.push_back(describe(port));
  return {{"NetworkSettings.Ports (HostConfig.PortBindings when not running)", ports}};
}

Judgement judge_privileged_ports(const snapshot::Container& container) {
  std::vector<std::string> low;
  for (const auto& port : container.ports) {
    int number = 0;
    const auto& text = port.host_port;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && number > 0 && number < 1024) low.push_back(describe(port));
  }
  if (low.empty()) return {Status::pass, "no host port below 1024", port_evidence(container)};
  return {Status::fail, fmt::format("maps privileged host ports: {}", fmt::join(low, ", ")),
          port_evidence(container)};
}

Judgement judge_interface(const snapshot::Container& container) {
  std::vector<std::string> open;
  for (const auto& port : container.ports) {
    if (is_wildcard(port.host_ip)) open.push_back(describe(port));
  }
  if (container.ports.empty()) {
    return {Status::pass, "publishes no ports", port_evidence(container)};
  }
  if (open.empty()) {
    return {Status::pass, "every published port is bound to a specific address",
            port_evidence(container)};
  }
  return {Status::fail, fmt::format("listens on every host address: {}", fmt::join(open, ", ")),
          port_evidence(container)};
}

Judgement judge_review(const snapshot::Container& container) {
  auto evidence = port_evidence(container);
  evidence.push_back({"HostConfig.PublishAllPorts", container.publish_all_ports});
  if (container.ports.empty() && !container.publish_all_ports) {
    return {Status::pass, "publishes no ports", std::move(evidence)};
  }
  return {Status::manual, "confirm that each published port is needed", std::move(evidence)};
}

std::vector<audit::Result> evaluate_privileged_ports(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.privileged-ports", &judge_privileged_ports);
}

std::vector<audit::Result> evaluate_interface(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.port-interface", &judge_interface);
}

std::vector<audit::Result> evaluate_review(const snapshot::Snapshot& snapshot) {
  return judge_containers(snapshot, "container.ports-needed", &judge_review);
}

}  // namespace

const Check container_privileged_ports{
    .id = "container.privileged-ports",
    .title = "Containers do not map host ports below 1024",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.8", "5.8", "5.8"},
    .rationale =
        "Ports below 1024 are trusted as belonging to system services; a container mapping one "
        "can impersonate them (SSH, DNS, SMTP).",
    .remediation = "Publish the service on a host port of 1024 or above (-p 8080:80).",
    .reads = "published ports (NetworkSettings.Ports, or HostConfig.PortBindings when stopped)",
    .evaluate = &evaluate_privileged_ports,
};

const Check container_ports_needed{
    .id = "container.ports-needed",
    .title = "Containers publish only the ports they need",
    .scope = audit::Scope::container,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"5.9", "5.9", "5.9"},
    .rationale = "Every published port is attack surface; which ones are needed only you know.",
    .remediation = "Remove -p / -P for ports nobody outside the host must reach.",
    .reads = "published ports and HostConfig.PublishAllPorts; a person confirms the list",
    .evaluate = &evaluate_review,
};

const Check container_port_interface{
    .id = "container.port-interface",
    .title = "Published ports are bound to a specific host address",
    .scope = audit::Scope::container,
    .severity = audit::Severity::medium,
    .level = 1,
    .cis = {"5.14", "5.14", "5.14"},
    .rationale =
        "A port published without an address listens on every interface, IPv4 and IPv6, "
        "including public ones, and Docker's rules bypass most host firewalls.",
    .remediation = "Publish with an address: -p 127.0.0.1:8080:80, or the internal interface.",
    .reads = "HostIp of every published port: \"\", 0.0.0.0, :: and [::] all mean every address",
    .evaluate = &evaluate_interface,
};

}  // namespace dockaudit::checks
