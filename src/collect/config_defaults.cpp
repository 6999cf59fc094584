#include "src/collect/config_defaults.hpp"

#include <charconv>

#include <fmt/format.h>

namespace dockaudit::collect {

namespace {

using nlohmann::json;
using snapshot::Origin;
using snapshot::Setting;

// Releases in which a default changed.
constexpr int kIp6tablesOnSince = 27;  // ip6tables on by default (27.0 release notes)
constexpr int kAssumedMajor = 20;      // when the engine cannot be asked

std::string describe_version(const std::string& version) {
  if (version.empty()) return "default for Docker 20.10 (engine version unknown)";
  const auto first_dot = version.find('.');
  const auto second_dot = version.find_first_of(".+-~", first_dot + 1);
  return fmt::format("default for Docker {}", version.substr(0, second_dot));
}

std::string environment_value(const DefaultsContext& context, const std::string& name) {
  const auto found = context.dockerd_environment.find(name);
  return found == context.dockerd_environment.end() ? "" : found->second;
}

// dockerd's --tlsverify and certificate defaults come from its environment.
void add_tls_defaults(const DefaultsContext& context, const std::string& label,
                      std::map<std::string, Setting>& defaults) {
  const auto verify = environment_value(context, "DOCKER_TLS_VERIFY");
  defaults["tlsverify"] = verify.empty()
                              ? Setting{false, Origin::built_in_default, label}
                              : Setting{true, Origin::built_in_default,
                                        "default from DOCKER_TLS_VERIFY in dockerd's environment"};
  defaults["tls"] = {false, Origin::built_in_default, label};

  auto directory = environment_value(context, "DOCKER_CERT_PATH");
  auto source = "default from DOCKER_CERT_PATH in dockerd's environment";
  if (directory.empty()) {
    directory = context.dockerd_uid == 0 ? "/root/.docker" : "~/.docker";
    source = "default: the .docker directory in dockerd's home";
  }
  for (const auto& [key, file] :
       {std::pair{"tlscacert", "ca.pem"}, {"tlscert", "cert.pem"}, {"tlskey", "key.pem"}}) {
    defaults[key] = {directory + "/" + file, Origin::built_in_default, source};
  }
}

}  // namespace

int major_version(const std::string& version) {
  int major = 0;
  const auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), major);
  return error == std::errc() && end != version.data() ? major : 0;
}

std::map<std::string, Setting> built_in_defaults(const DefaultsContext& context) {
  const auto label = describe_version(context.engine_version);
  auto major = major_version(context.engine_version);
  if (major == 0) major = kAssumedMajor;

  const std::map<std::string, json> values{
      {"authorization-plugins", json::array()},
      {"cgroup-parent", ""},
      {"containerd", ""},  // "": /run/containerd/containerd.sock if present, else its own
      {"data-root", "/var/lib/docker"},
      {"debug", false},
      {"default-runtime", "runc"},
      {"default-ulimits", json::object()},
      {"exec-root", "/var/run/docker"},
      {"experimental", false},
      {"group", "docker"},
      {"hosts", json::array({"unix:///var/run/docker.sock"})},
      {"icc", true},
      {"insecure-registries", json::array()},  // 127.0.0.0/8 is insecure implicitly
      {"ip", "0.0.0.0"},
      {"ip6tables", major >= kIp6tablesOnSince},
      {"iptables", true},
      {"labels", json::array()},
      {"live-restore", false},
      {"log-driver", "json-file"},
      {"log-level", "info"},
      {"log-opts", json::object()},
      {"no-new-privileges", false},
      {"pidfile", "/var/run/docker.pid"},
      {"registry-mirrors", json::array()},
      {"runtimes", json::object()},
      {"seccomp-profile", major >= kSeccompBuiltinSince ? "builtin" : ""},
      {"selinux-enabled", false},
      {"storage-driver", ""},  // "": chosen at start; /info Driver tells which
      {"storage-opts", json::array()},
      {"userland-proxy", true},
      {"userns-remap", ""},
  };
  std::map<std::string, Setting> defaults;
  for (const auto& [key, value] : values) {
    defaults[key] = {value, Origin::built_in_default, label};
  }
  add_tls_defaults(context, label, defaults);
  return defaults;
}

}  // namespace dockaudit::collect
