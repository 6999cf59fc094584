#include "src/collect/daemon_config.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace dockaudit::collect {

namespace {

using nlohmann::json;
using snapshot::DaemonConfig;

enum class KeyType { boolean, text, text_list, object, integer };

// Keys whose Go type decides whether dockerd starts. Keys not listed here are
// not type-checked yet.
const std::map<std::string, KeyType>& known_key_types() {
  static const std::map<std::string, KeyType> types{
      {"api-cors-header", KeyType::text},
      {"authorization-plugins", KeyType::text_list},
      {"bip", KeyType::text},
      {"bridge", KeyType::text},
      {"builder", KeyType::object},
      {"cgroup-parent", KeyType::text},
      {"containerd", KeyType::text},
      {"data-root", KeyType::text},
      {"debug", KeyType::boolean},
      {"default-cgroupns-mode", KeyType::text},
      {"default-gateway", KeyType::text},
      {"default-gateway-v6", KeyType::text},
      {"default-ipc-mode", KeyType::text},
      {"default-runtime", KeyType::text},
      {"default-shm-size", KeyType::text},
      {"default-ulimits", KeyType::object},
      {"dns", KeyType::text_list},
      {"dns-opts", KeyType::text_list},
      {"dns-search", KeyType::text_list},
      {"exec-opts", KeyType::text_list},
      {"exec-root", KeyType::text},
      {"experimental", KeyType::boolean},
      {"features", KeyType::object},
      {"fixed-cidr", KeyType::text},
      {"fixed-cidr-v6", KeyType::text},
      {"group", KeyType::text},
      {"hosts", KeyType::text_list},
      {"icc", KeyType::boolean},
      {"init", KeyType::boolean},
      {"init-path", KeyType::text},
      {"insecure-registries", KeyType::text_list},
      {"ip", KeyType::text},
      {"ip-forward", KeyType::boolean},
      {"ip-masq", KeyType::boolean},
      {"ip6tables", KeyType::boolean},
      {"iptables", KeyType::boolean},
      {"ipv6", KeyType::boolean},
      {"labels", KeyType::text_list},
      {"live-restore", KeyType::boolean},
      {"log-driver", KeyType::text},
      {"log-level", KeyType::text},
      {"log-opts", KeyType::object},
      {"max-concurrent-downloads", KeyType::integer},
      {"max-concurrent-uploads", KeyType::integer},
      {"max-download-attempts", KeyType::integer},
      {"metrics-addr", KeyType::text},
      {"mtu", KeyType::integer},
      {"no-new-privileges", KeyType::boolean},
      {"pidfile", KeyType::text},
      {"raw-logs", KeyType::boolean},
      {"registry-mirrors", KeyType::text_list},
      {"runtimes", KeyType::object},
      {"seccomp-profile", KeyType::text},
      {"selinux-enabled", KeyType::boolean},
      {"shutdown-timeout", KeyType::integer},
      {"storage-driver", KeyType::text},
      {"storage-opts", KeyType::text_list},
      {"tls", KeyType::boolean},
      {"tlscacert", KeyType::text},
      {"tlscert", KeyType::text},
      {"tlskey", KeyType::text},
      {"tlsverify", KeyType::boolean},
      {"userland-proxy", KeyType::boolean},
      {"userns-remap", KeyType::text},
  };
  return types;
}

std::string_view describe(KeyType type) {
  switch (type) {
    case KeyType::boolean:
      return "a boolean (true or false, unquoted)";
    case KeyType::text:
      return "a string";
    case KeyType::text_list:
      return "an array of strings";
    case KeyType::object:
      return "an object";
    case KeyType::integer:
      return "an integer";
  }
  return "a value";
}

bool has_type(const json& value, KeyType type) {
  switch (type) {
    case KeyType::boolean:
      return value.is_boolean();
    case KeyType::text:
      return value.is_string();
    case KeyType::integer:
      return value.is_number_integer();
    case KeyType::object:
      return value.is_object();
    case KeyType::text_list:
      if (!value.is_array()) return false;
      for (const auto& item : value) {
        if (!item.is_string()) return false;
      }
      return true;
  }
  return false;
}

// Walks the input one character at a time and reports how far the parser
// has read, so SAX events can be given a place in the file.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* at, const char** furthest) : at_(at), furthest_(furthest) {}
  reference operator*() const { return *at_; }
  TrackingIterator& operator++() {
    ++at_;
    if (at_ > *furthest_) *furthest_ = at_;
    return *this;
  }
  bool operator==(const TrackingIterator& other) const { return at_ == other.at_; }
  bool operator!=(const TrackingIterator& other) const { return at_ != other.at_; }

 private:
  const char* at_;
  const char** furthest_;
};

// Records where each top-level key ends; nothing else.
class KeyLocator : public json::json_sax_t {
 public:
  KeyLocator(std::string_view text, const char** furthest) : text_(text), furthest_(furthest) {}

  std::map<std::string, snapshot::Position> positions;

  bool key(string_t& name) override {
    if (depth_ == 1) {
      const auto end = static_cast<std::size_t>(*furthest_ - text_.data());
      // The parser has read the closing quote; step back to the opening one.
      const auto start = end >= name.size() + 2 ? end - name.size() - 2 : 0;
      positions[name] = position_of(text_, start);
    }
    return true;
  }
  bool start_object(std::size_t) override { return ++depth_, true; }
  bool end_object() override { return --depth_, true; }
  bool start_array(std::size_t) override { return ++depth_, true; }
  bool end_array() override { return --depth_, true; }
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  std::string_view text_;
  const char** furthest_;
  int depth_ = 0;
};

std::map<std::string, snapshot::Position> locate_keys(std::string_view text) {
  const char* furthest = text.data();
  KeyLocator locator(text, &furthest);
  TrackingIterator first(text.data(), &furthest);
  TrackingIterator last(text.data() + text.size(), &furthest);
  json::sax_parse(first, last, &locator);
  return std::move(locator.positions);
}

// nlohmann's message after its "[json.exception...] parse error at ...: " prefix.
std::string plain_parse_message(const std::string& what) {
  const auto colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

DaemonConfig reject(DaemonConfig config, std::string problem, snapshot::Position where) {
  config.state = DaemonConfig::State::rejected;
  config.problem = std::move(problem);
  config.position = where;
  config.settings = json::object();
  return config;
}

std::string type_name(const json& value) {
  return value.is_number_float() ? "a fractional number" : std::string(value.type_name());
}

}  // namespace

snapshot::Position position_of(std::string_view text, std::size_t offset) {
  snapshot::Position position{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else {
      ++position.column;
    }
  }
  return position;
}

DaemonConfig parse_daemon_config(const std::string& path, std::string_view bytes) {
  DaemonConfig config;
  config.path = path;
  json document;
  try {
    document = json::parse(bytes.begin(), bytes.end());
  } catch (const json::parse_error& error) {
    // error.byte is 1-based and points at the character that stopped the parse.
    const auto offset = error.byte > 0 ? error.byte - 1 : 0;
    return reject(std::move(config), plain_parse_message(error.what()), position_of(bytes, offset));
  }
  if (!document.is_object()) {
    return reject(
        std::move(config),
        fmt::format("the top level is {}, but dockerd needs a JSON object", document.type_name()),
        {1, 1});
  }

  config.key_positions = locate_keys(bytes);
  for (const auto& [key, value] : document.items()) {
    const auto known = known_key_types().find(key);
    if (known == known_key_types().end() || value.is_null()) continue;
    if (!has_type(value, known->second)) {
      return reject(std::move(config),
                    fmt::format("'{}' must be {}, but it is {} ({})", key, describe(known->second),
                                type_name(value), value.dump()),
                    config.key_positions[key]);
    }
  }
  config.state = DaemonConfig::State::accepted;
  config.settings = std::move(document);
  return config;
}

DaemonConfig read_daemon_config(const std::string& path) {
  DaemonConfig config;
  config.path = path;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return config;  // absent: daemon defaults
    config.state = DaemonConfig::State::unreadable;
    config.problem = std::strerror(errno);
    return config;
  }
  if (!S_ISREG(info.st_mode)) {
    config.state = DaemonConfig::State::unreadable;
    config.problem = "not a regular file";
    return config;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    config.state = DaemonConfig::State::unreadable;
    config.problem = std::strerror(errno);
    return config;
  }
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return parse_daemon_config(path, bytes.str());
}

}  // namespace dockaudit::collect
