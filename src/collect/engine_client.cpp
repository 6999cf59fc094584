#include "src/collect/engine_client.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <utility>

#include <fmt/format.h>

namespace dockaudit::collect {

namespace {

std::optional<std::pair<int, int>> parse_api_version(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  int major = 0;
  int minor = 0;
  const auto major_text = text.substr(0, dot);
  const auto minor_text = text.substr(dot + 1);
  auto [major_end, major_error] =
      std::from_chars(major_text.data(), major_text.data() + major_text.size(), major);
  auto [minor_end, minor_error] =
      std::from_chars(minor_text.data(), minor_text.data() + minor_text.size(), minor);
  if (major_error != std::errc() || minor_error != std::errc() ||
      major_end != major_text.data() + major_text.size() ||
      minor_end != minor_text.data() + minor_text.size()) {
    return std::nullopt;
  }
  return std::pair{major, minor};
}

// The engine's {"message": ...} error body, or the raw text when it is not JSON.
std::string error_message(const std::string& body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.contains("message") && parsed["message"].is_string()) {
    return parsed["message"].get<std::string>();
  }
  constexpr std::size_t kMaxQuoted = 200;
  return body.size() > kMaxQuoted ? body.substr(0, kMaxQuoted) + "…" : body;
}

}  // namespace

bool api_version_less(std::string_view left, std::string_view right) {
  const auto a = parse_api_version(left);
  const auto b = parse_api_version(right);
  return a && b && *a < *b;
}

snapshot::Gathered<std::string> EngineClient::negotiate() {
  auto ping = transport_.get("/_ping");
  if (!ping.ok()) return snapshot::Gathered<std::string>::failure(ping.error);
  if (ping.value->status != 200) {
    return snapshot::Gathered<std::string>::failure(
        fmt::format("GET /_ping on {} answered HTTP {}: {}", describe(), ping.value->status,
                    error_message(ping.value->body)));
  }
  const auto header = ping.value->headers.find("api-version");
  if (header == ping.value->headers.end() || !parse_api_version(header->second)) {
    // Unversioned paths are served at the engine's own newest version.
    version_prefix_.clear();
    return {std::string("engine default"), ""};
  }
  std::string chosen = header->second;
  if (api_version_less(kNewestApiVersion, chosen)) chosen = kNewestApiVersion;
  version_prefix_ = "/v" + chosen;
  return {chosen, ""};
}

bool is_valid_engine_id(const std::string& id) {
  return !id.empty() && id.find("..") == std::string::npos &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':';
         });
}

EngineAnswer EngineClient::get_json(const std::string& path) {
  const auto full_path = version_prefix_ + path;
  auto reply = transport_.get(full_path);
  if (!reply.ok()) return {nullptr, 0, reply.error};

  EngineAnswer answer;
  answer.http_status = reply.value->status;
  if (answer.http_status < 200 || answer.http_status > 299) {
    answer.error = fmt::format("GET {} answered HTTP {}: {}", full_path, answer.http_status,
                               error_message(reply.value->body));
    return answer;
  }
  answer.body = nlohmann::json::parse(reply.value->body, nullptr, false);
  if (answer.body.is_discarded()) {
    answer.body = nullptr;
    answer.error = fmt::format("GET {} answered with invalid JSON ({} bytes)", full_path,
                               reply.value->body.size());
  }
  return answer;
}

}  // namespace dockaudit::collect
