#include "src/collect/dockerd_flags.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "src/snapshot/security_opt.hpp"

namespace dockaudit::collect {

namespace {

using nlohmann::json;
using Kind = FlagKind;

// The 20.10 rows come from `dockerd --help` of 20.10.24 plus its hidden and
// deprecated flags (graph, cluster-*, restart, network-diagnostic-port), all
// confirmed by feeding every name to that dockerd as a daemon.json key. Later
// rows follow engine-facts §1.4 and §1.5; where the exact release is not
// known the earliest likely one is used, so a valid key is never reported
// as unknown.
constexpr int kV23 = 23;
constexpr int kV25 = 25;
constexpr int kV28 = 28;
constexpr int kV29 = 29;

const std::vector<FlagSpec> kFlags{
    {"add-runtime", 0, Kind::runtime, "runtimes"},
    {"allow-nondistributable-artifacts", 0, Kind::list, "allow-nondistributable-artifacts", 20,
     kV29},
    {"api-cors-header", 0, Kind::text, "api-cors-header", 20, kV28},
    {"authorization-plugin", 0, Kind::list, "authorization-plugins"},
    {"bip", 0, Kind::text, "bip"},
    {"bridge", 'b', Kind::text, "bridge"},
    {"cgroup-parent", 0, Kind::text, "cgroup-parent"},
    {"cluster-advertise", 0, Kind::text, "cluster-advertise", 20, kV23},
    {"cluster-store", 0, Kind::text, "cluster-store", 20, kV23},
    {"cluster-store-opt", 0, Kind::map, "cluster-store-opts", 20, kV23},
    {"config-file", 0, Kind::text, "config-file"},
    {"containerd", 0, Kind::text, "containerd"},
    {"containerd-namespace", 0, Kind::text, "containerd-namespace"},
    {"containerd-plugins-namespace", 0, Kind::text, "containerd-plugins-namespace"},
    {"cpu-rt-period", 0, Kind::integer, "cpu-rt-period"},
    {"cpu-rt-runtime", 0, Kind::integer, "cpu-rt-runtime"},
    {"cri-containerd", 0, Kind::boolean, "cri-containerd"},
    {"data-root", 0, Kind::text, "data-root"},
    {"debug", 'D', Kind::boolean, "debug"},
    {"default-address-pool", 0, Kind::list, "default-address-pools"},
    {"default-cgroupns-mode", 0, Kind::text, "default-cgroupns-mode"},
    {"default-gateway", 0, Kind::text, "default-gateway"},
    {"default-gateway-v6", 0, Kind::text, "default-gateway-v6"},
    {"default-ipc-mode", 0, Kind::text, "default-ipc-mode"},
    {"default-runtime", 0, Kind::text, "default-runtime"},
    {"default-shm-size", 0, Kind::text, "default-shm-size"},
    {"default-ulimit", 0, Kind::ulimit, "default-ulimits"},
    {"dns", 0, Kind::list, "dns"},
    {"dns-opt", 0, Kind::list, "dns-opts"},
    {"dns-search", 0, Kind::list, "dns-search"},
    {"exec-opt", 0, Kind::list, "exec-opts"},
    {"exec-root", 0, Kind::text, "exec-root"},
    {"experimental", 0, Kind::boolean, "experimental"},
    {"fixed-cidr", 0, Kind::text, "fixed-cidr"},
    {"fixed-cidr-v6", 0, Kind::text, "fixed-cidr-v6"},
    {"graph", 'g', Kind::text, "graph", 20, kV23},
    {"group", 'G', Kind::text, "group"},
    {"help", 0, Kind::boolean, "help"},
    {"host", 'H', Kind::list, "hosts"},
    {"host-gateway-ip", 0, Kind::list, "host-gateway-ips"},
    {"icc", 0, Kind::boolean, "icc"},
    {"init", 0, Kind::boolean, "init"},
    {"init-path", 0, Kind::text, "init-path"},
    {"insecure-registry", 0, Kind::list, "insecure-registries"},
    {"ip", 0, Kind::text, "ip"},
    {"ip-forward", 0, Kind::boolean, "ip-forward"},
    {"ip-masq", 0, Kind::boolean, "ip-masq"},
    {"ip6tables", 0, Kind::boolean, "ip6tables"},
    {"iptables", 0, Kind::boolean, "iptables"},
    {"ipv6", 0, Kind::boolean, "ipv6"},
    {"label", 0, Kind::list, "labels"},
    {"live-restore", 0, Kind::boolean, "live-restore"},
    {"log-driver", 0, Kind::text, "log-driver"},
    {"log-level", 'l', Kind::text, "log-level"},
    {"log-opt", 0, Kind::map, "log-opts"},
    {"max-concurrent-downloads", 0, Kind::integer, "max-concurrent-downloads"},
    {"max-concurrent-uploads", 0, Kind::integer, "max-concurrent-uploads"},
    {"max-download-attempts", 0, Kind::integer, "max-download-attempts"},
    {"metrics-addr", 0, Kind::text, "metrics-addr"},
    {"mtu", 0, Kind::integer, "mtu"},
    {"network-control-plane-mtu", 0, Kind::integer, "network-control-plane-mtu"},
    {"network-diagnostic-port", 0, Kind::integer, "network-diagnostic-port"},
    {"no-new-privileges", 0, Kind::boolean, "no-new-privileges"},
    {"node-generic-resource", 0, Kind::list, "node-generic-resources"},
    {"oom-score-adjust", 0, Kind::integer, "oom-score-adjust", 20, kV25},
    {"pidfile", 'p', Kind::text, "pidfile"},
    {"raw-logs", 0, Kind::boolean, "raw-logs"},
    {"registry-mirror", 0, Kind::list, "registry-mirrors"},
    {"restart", 'r', Kind::boolean, "restart"},
    {"rootless", 0, Kind::boolean, "rootless"},
    {"seccomp-profile", 0, Kind::text, "seccomp-profile"},
    {"selinux-enabled", 0, Kind::boolean, "selinux-enabled"},
    {"shutdown-timeout", 0, Kind::integer, "shutdown-timeout"},
    {"storage-driver", 's', Kind::text, "storage-driver"},
    {"storage-opt", 0, Kind::list, "storage-opts"},
    {"swarm-default-advertise-addr", 0, Kind::text, "swarm-default-advertise-addr"},
    {"tls", 0, Kind::boolean, "tls"},
    {"tlscacert", 0, Kind::text, "tlscacert"},
    {"tlscert", 0, Kind::text, "tlscert"},
    {"tlskey", 0, Kind::text, "tlskey"},
    {"tlsverify", 0, Kind::boolean, "tlsverify"},
    {"userland-proxy", 0, Kind::boolean, "userland-proxy"},
    {"userland-proxy-path", 0, Kind::text, "userland-proxy-path"},
    {"userns-remap", 0, Kind::text, "userns-remap"},
    {"version", 'v', Kind::boolean, "version"},
    // Later releases.
    {"http-proxy", 0, Kind::text, "http-proxy", kV23},
    {"https-proxy", 0, Kind::text, "https-proxy", kV23},
    {"no-proxy", 0, Kind::text, "no-proxy", kV23},
    {"validate", 0, Kind::boolean, "validate", kV23},
    {"default-network-opt", 0, Kind::map, "default-network-opts", kV23},
    {"cdi-spec-dir", 0, Kind::list, "cdi-spec-dirs", kV23},
    {"feature", 0, Kind::map, "features", kV23},
    {"log-format", 0, Kind::text, "log-format", kV23},
    {"bip6", 0, Kind::text, "bip6", kV28},
    {"firewall-backend", 0, Kind::text, "firewall-backend", kV28},
    {"ip-forward-no-drop", 0, Kind::boolean, "ip-forward-no-drop", kV28},
    {"allow-direct-routing", 0, Kind::boolean, "allow-direct-routing", kV28},
    {"bridge-accept-fwmark", 0, Kind::text, "bridge-accept-fwmark", kV28},
};

// Not checked against flag names (engine-facts §1.1.4).
const std::vector<std::string_view> kExemptKeys{"features", "builder", "deprecated-key-path"};
const std::vector<std::string_view> kExemptKeysSince29{"min-api-version",
                                                       "allow-nondistributable-artifacts"};

bool in_version(const FlagSpec& spec, int major) {
  if (major == 0) return true;
  return major >= spec.since && (spec.until == 0 || major < spec.until);
}

const FlagSpec* find_shorthand(char letter) {
  const auto found = std::find_if(kFlags.begin(), kFlags.end(),
                                  [&](const FlagSpec& spec) { return spec.shorthand == letter; });
  return found == kFlags.end() ? nullptr : &*found;
}

// One flag occurrence: which flag, its value, and how it was written.
struct Occurrence {
  const FlagSpec* spec = nullptr;
  std::optional<std::string> value;
  std::string spelling;
};

class Parser {
 public:
  explicit Parser(const std::vector<std::string>& arguments) : arguments_(arguments) {}

  DockerdFlags run() {
    while (next_ < arguments_.size()) {
      const auto& argument = arguments_[next_++];
      if (argument.starts_with("--") && argument.size() > 2) {
        long_flag(argument);
      } else if (argument.starts_with("-") && argument.size() > 1 && argument != "--") {
        shorthands(argument);
      } else {
        // dockerd takes no positional arguments; "--" ends the flags.
        flags_.unknown.push_back(argument);
      }
    }
    return std::move(flags_);
  }

 private:
  void long_flag(const std::string& argument) {
    const auto body = std::string_view(argument).substr(2);
    const auto equals = body.find('=');
    const auto name = body.substr(0, equals);
    Occurrence occurrence{find_flag(name), std::nullopt, argument};
    if (equals != std::string_view::npos) occurrence.value = std::string(body.substr(equals + 1));
    if (!occurrence.spec) return unknown(argument, occurrence.value.has_value());
    take_value(occurrence);
  }

  // "-D", "-Dl debug", "-Hfd://", "-H=fd://", "-H fd://": pflag's rules.
  void shorthands(const std::string& argument) {
    for (std::size_t at = 1; at < argument.size(); ++at) {
      const auto* spec = find_shorthand(argument[at]);
      if (!spec) return unknown(argument, false);
      Occurrence occurrence{spec, std::nullopt, argument};
      auto rest = argument.substr(at + 1);
      if (rest.starts_with("=")) {
        occurrence.value = rest.substr(1);
      } else if (spec->kind != Kind::boolean && !rest.empty()) {
        occurrence.value = rest;
      }
      const bool consumed_rest = occurrence.value || spec->kind != Kind::boolean;
      take_value(occurrence);
      if (consumed_rest) return;
    }
  }

  // An unknown flag may take a value; a following word that is not a flag is
  // taken as that value so it is not reported as a second unknown argument.
  void unknown(const std::string& argument, bool has_value) {
    std::string text = argument;
    if (!has_value && next_ < arguments_.size() && !arguments_[next_].starts_with("-")) {
      text += " " + arguments_[next_++];
    }
    flags_.unknown.push_back(std::move(text));
  }

  void take_value(Occurrence& occurrence) {
    if (occurrence.spec->kind == Kind::boolean) {
      if (!occurrence.value) occurrence.value = "true";
    } else if (!occurrence.value) {
      if (next_ >= arguments_.size()) {
        flags_.problems.push_back(fmt::format("{} needs a value", occurrence.spelling));
        return;
      }
      occurrence.value = arguments_[next_++];
      occurrence.spelling += " " + *occurrence.value;
    }
    record(occurrence);
  }

  void record(const Occurrence& occurrence) {
    const auto& spec = *occurrence.spec;
    if (spec.name == "config-file") {
      flags_.config_file = *occurrence.value;
      return;
    }
    auto converted = convert(spec, *occurrence.value, occurrence.spelling);
    if (!converted) return;
    auto& setting = flags_.settings[std::string(spec.key)];
    if (repeatable(spec.kind)) {
      merge_repeated(setting.value, *converted);
      setting.spellings.push_back(occurrence.spelling);
    } else {
      setting.value = std::move(*converted);
      setting.spellings = {occurrence.spelling};  // the last use wins
    }
  }

  static bool repeatable(Kind kind) {
    return kind == Kind::list || kind == Kind::map || kind == Kind::ulimit || kind == Kind::runtime;
  }

  static void merge_repeated(json& into, const json& item) {
    if (item.is_array()) {
      if (!into.is_array()) into = json::array();
      into.insert(into.end(), item.begin(), item.end());
    } else {
      if (!into.is_object()) into = json::object();
      into.update(item);
    }
  }

  std::optional<json> convert(const FlagSpec& spec, const std::string& value,
                              const std::string& spelling) {
    const auto [name, rest] = split_pair(value);
    switch (spec.kind) {
      case Kind::boolean:
        if (const auto parsed = snapshot::parse_go_bool(value)) return *parsed;
        return refuse(spelling, "is not a boolean (true or false)");
      case Kind::integer:
        if (const auto parsed = parse_integer(value)) return *parsed;
        return refuse(spelling, "is not an integer");
      case Kind::text:
        return value;
      case Kind::list:
        return json::array({value});
      case Kind::map:
        return json{{name, rest}};
      case Kind::runtime:
        if (rest.empty()) return refuse(spelling, "is not NAME=PATH");
        return json{{name, {{"path", rest}}}};
      case Kind::ulimit:
        return ulimit(name, rest, spelling);
    }
    return std::nullopt;
  }

  // "nofile=1024:2048" as daemon.json spells it; a single number is both limits.
  std::optional<json> ulimit(const std::string& name, const std::string& limits,
                             const std::string& spelling) {
    const auto colon = limits.find(':');
    const auto soft = parse_integer(limits.substr(0, colon));
    const auto hard = colon == std::string::npos ? soft : parse_integer(limits.substr(colon + 1));
    if (name.empty() || !soft || !hard) return refuse(spelling, "is not NAME=SOFT[:HARD]");
    return json{{name, {{"Name", name}, {"Hard", *hard}, {"Soft", *soft}}}};
  }

  std::optional<json> refuse(const std::string& spelling, std::string_view why) {
    flags_.problems.push_back(fmt::format("{}: the value {}", spelling, why));
    return std::nullopt;
  }

  static std::pair<std::string, std::string> split_pair(const std::string& text) {
    const auto equals = text.find('=');
    if (equals == std::string::npos) return {text, ""};
    return {text.substr(0, equals), text.substr(equals + 1)};
  }

  static std::optional<long long> parse_integer(std::string_view text) {
    long long number = 0;
    const auto* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, number);
    if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
    return number;
  }

  const std::vector<std::string>& arguments_;
  std::size_t next_ = 0;
  DockerdFlags flags_;
};

}  // namespace

const std::vector<FlagSpec>& dockerd_flag_specs() { return kFlags; }

const FlagSpec* find_flag(std::string_view name) {
  const auto found = std::find_if(kFlags.begin(), kFlags.end(),
                                  [&](const FlagSpec& spec) { return spec.name == name; });
  return found == kFlags.end() ? nullptr : &*found;
}

DockerdFlags parse_dockerd_flags(const std::vector<std::string>& arguments) {
  return Parser(arguments).run();
}

bool is_accepted_daemon_json_key(const std::string& key, int major) {
  const auto named = [&](const auto& names) {
    return std::find(names.begin(), names.end(), key) != names.end();
  };
  if (named(kExemptKeys)) return true;
  if ((major == 0 || major >= kV29) && named(kExemptKeysSince29)) return true;
  return std::any_of(kFlags.begin(), kFlags.end(), [&](const FlagSpec& spec) {
    return in_version(spec, major) && (spec.name == key || spec.key == key);
  });
}

std::vector<std::string> accepted_daemon_json_keys(int major) {
  std::vector<std::string> keys(kExemptKeys.begin(), kExemptKeys.end());
  for (const auto& spec : kFlags) {
    if (in_version(spec, major)) keys.emplace_back(spec.key);
  }
  return keys;
}

std::optional<std::string> replacement_for_ignored_key(const std::string& key) {
  // Observed on 20.10.24 (engine-facts §1.2): accepted, absent from /info.
  if (key == "containerd-plugins-namespace") return "";
  const auto* spec = find_flag(key);
  if (spec && spec->key != spec->name) return std::string(spec->key);
  return std::nullopt;
}

}  // namespace dockaudit::collect
