#include "src/collect/daemon_config.hpp"

#include "src/audit/json_input.hpp"
#include "src/audit/json_text.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace dockaudit::collect {

namespace {

using nlohmann::json;
using snapshot::DaemonConfig;

enum class KeyType { boolean, text, text_list, text_map, object, integer };

// dockerd accepts a byte-order mark and an empty file from this major on.
constexpr int kFirstTolerantMajor = 23;

// Larger files are not read: no daemon.json is anywhere near this.
constexpr std::uintmax_t kMaxConfigBytes = 16 * 1024 * 1024;

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
      {"log-opts", KeyType::text_map},
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
    case KeyType::text_map:
      return "an object whose values are strings";
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
    case KeyType::text_map:
      if (type == KeyType::text_list ? !value.is_array() : !value.is_object()) return false;
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

std::string replace_invalid_utf8(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80                    ? 1
                               : lead >= 0xC2 && lead <= 0xDF ? 2
                               : lead >= 0xE0 && lead <= 0xEF ? 3
                               : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                              : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (valid && length == 3) {
      const auto second = static_cast<unsigned char>(text[i + 1]);
      valid = !(lead == 0xE0 && second < 0xA0) && !(lead == 0xED && second >= 0xA0);
    }
    if (valid && length == 4) {
      const auto second = static_cast<unsigned char>(text[i + 1]);
      valid = !(lead == 0xF0 && second < 0x90) && !(lead == 0xF4 && second >= 0x90);
    }
    if (valid) {
      clean.append(text.substr(i, length));
      i += length;
    } else {
      clean += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  return clean;
}

std::optional<int> major_version(const std::string& version) {
  int major = 0;
  const auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), major);
  if (error != std::errc() || end == version.data()) return std::nullopt;
  return major;
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
  const auto position = audit::position_in(text, offset);
  return {position.line, position.column};
}

DaemonConfig parse_daemon_config(const std::string& path, std::string_view raw) {
  DaemonConfig config;
  config.path = path;
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (raw.starts_with(bom)) {
    config.quirks.push_back(DaemonConfig::Quirk::byte_order_mark);
    raw.remove_prefix(bom.size());
  }
  // Go's decoder turns invalid UTF-8 inside strings into U+FFFD; doing the
  // same keeps such a file valid, and a stray byte outside strings invalid.
  const auto text = replace_invalid_utf8(raw);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    config.quirks.push_back(DaemonConfig::Quirk::empty);
    config.state = DaemonConfig::State::accepted;
    return config;
  }
  if (const auto too_deep = audit::find_excess_depth(text, snapshot::kMaxDaemonConfigDepth)) {
    return reject(std::move(config),
                  fmt::format("nesting deeper than {} levels; dockerd's decoder refuses it",
                              snapshot::kMaxDaemonConfigDepth),
                  position_of(text, *too_deep));
  }

  auto parsed_text = std::string_view(text);
  if (const auto problem = audit::find_syntax_problem(text)) {
    if (problem->message.find("expected end of input") == std::string::npos) {
      return reject(std::move(config), problem->message, position_of(text, problem->offset));
    }
    config.quirks.push_back(DaemonConfig::Quirk::several_documents);
    config.second_document = position_of(text, problem->offset);
    parsed_text = parsed_text.substr(0, problem->offset);
  }
  auto document = json::parse(parsed_text, nullptr, false);
  if (!document.is_object()) {
    return reject(
        std::move(config),
        fmt::format("the top level is {}, but dockerd needs a JSON object", document.type_name()),
        {1, 1});
  }

  config.key_positions = locate_keys(text);
  for (const auto& [key, value] : document.items()) {
    const auto known = known_key_types().find(key);
    if (known == known_key_types().end() || value.is_null()) continue;
    if (!has_type(value, known->second)) {
      return reject(std::move(config),
                    fmt::format("'{}' must be {}, but it is {} ({})", key, describe(known->second),
                                type_name(value), audit::excerpt(value)),
                    config.key_positions[key]);
    }
  }
  config.state = DaemonConfig::State::accepted;
  config.settings = std::move(document);
  return config;
}

void settle_for_engine_version(DaemonConfig& config, const std::string& engine_version) {
  if (config.state != DaemonConfig::State::accepted || config.quirks.empty()) return;
  const auto major = major_version(engine_version);
  const auto known = major.has_value();
  const bool modern = known && *major >= kFirstTolerantMajor;
  const auto version_text = known ? fmt::format("Docker {}", engine_version)
                                  : std::string("an engine of unknown version");
  for (const auto quirk : config.quirks) {
    const bool rejected =
        quirk == DaemonConfig::Quirk::several_documents ? !known || modern : !modern;
    if (!rejected) continue;
    switch (quirk) {
      case DaemonConfig::Quirk::byte_order_mark:
        config = reject(std::move(config),
                        fmt::format("the file starts with a UTF-8 byte-order mark, which {} "
                                    "refuses (Docker 23.0 and later accept it)",
                                    version_text),
                        {1, 1});
        return;
      case DaemonConfig::Quirk::empty:
        config = reject(std::move(config),
                        fmt::format("the file is empty, which {} refuses (EOF); Docker 23.0 "
                                    "and later read it as {{}}",
                                    version_text),
                        {1, 1});
        return;
      case DaemonConfig::Quirk::several_documents:
        config = reject(std::move(config),
                        fmt::format("a second JSON document starts here; {} refuses it "
                                    "(Docker 20.10 used only the first)",
                                    version_text),
                        config.second_document);
        return;
    }
  }
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
  if (static_cast<std::uintmax_t>(info.st_size) > kMaxConfigBytes) {
    config.state = DaemonConfig::State::unreadable;
    config.problem = fmt::format("{} bytes, more than the {} MiB dockaudit reads", info.st_size,
                                 kMaxConfigBytes / (1024 * 1024));
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
