#include "checks/secret_patterns.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace dockaudit::checks {

namespace {

struct Pattern {
  const char* kind;
  std::regex expression;
};

const std::vector<Pattern>& value_patterns() {
  static const std::vector<Pattern> patterns = {
      {"private key", std::regex(R"(-----BEGIN [A-Z ]*PRIVATE KEY-----)")},
      {"AWS access key id", std::regex(R"(\b(AKIA|ASIA)[0-9A-Z]{16}\b)")},
      {"GitHub token", std::regex(R"(\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_\w{22,}))")},
      {"GitLab token", std::regex(R"(\bglpat-[A-Za-z0-9_-]{20,})")},
      {"Slack token", std::regex(R"(\bxox[abprs]-[A-Za-z0-9-]{10,})")},
      {"password in a URL", std::regex(R"([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@)")},
      {"password option", std::regex(R"(--password[= ][^\s$-]\S*)")},
  };
  return patterns;
}

// KEY=value pairs inside a command or an ENV/ARG line.
const std::regex& assignment() {
  static const std::regex pattern(R"(\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|]+))");
  return pattern;
}

constexpr std::array kSecretWords = {"PASSWORD",   "PASSWD",  "SECRET",     "TOKEN",
                                     "API_KEY",    "APIKEY",  "ACCESS_KEY", "PRIVATE_KEY",
                                     "CREDENTIAL", "AUTH_KEY"};
constexpr std::array kReferenceSuffixes = {"_FILE", "_PATH", "_DIR", "_URL", "_URI"};

std::string upper(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return result;
}

bool names_secret(std::string_view key) {
  const auto name = upper(key);
  if (std::any_of(kReferenceSuffixes.begin(), kReferenceSuffixes.end(),
                  [&](std::string_view suffix) { return name.ends_with(suffix); })) {
    return false;
  }
  return std::any_of(kSecretWords.begin(), kSecretWords.end(),
                     [&](std::string_view word) { return name.find(word) != std::string::npos; });
}

std::string_view unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

// A path, a variable reference or nothing at all says where the secret is
// kept, not what it is.
bool is_literal(std::string_view value) {
  value = unquote(value);
  return !value.empty() && value.front() != '/' && value.front() != '$';
}

void add_pattern_matches(std::string_view text, std::string_view key,
                         std::vector<SecretMatch>& matches) {
  for (const auto& pattern : value_patterns()) {
    if (std::regex_search(text.begin(), text.end(), pattern.expression)) {
      matches.push_back({pattern.kind, std::string(key)});
    }
  }
}

}  // namespace

std::vector<SecretMatch> find_secrets(std::string_view text) {
  std::vector<SecretMatch> matches;
  add_pattern_matches(text, "", matches);
  using Iterator = std::regex_iterator<std::string_view::const_iterator>;
  for (Iterator it(text.begin(), text.end(), assignment()), end; it != end; ++it) {
    const auto key = (*it)[1].str();
    if (names_secret(key) && is_literal((*it)[2].str())) {
      matches.push_back({"secret-named variable", key});
    }
  }
  return matches;
}

std::vector<SecretMatch> find_secrets(std::string_view key, std::string_view value) {
  std::vector<SecretMatch> matches;
  add_pattern_matches(value, key, matches);
  if (matches.empty() && names_secret(key) && is_literal(value)) {
    matches.push_back({"secret-named variable", std::string(key)});
  }
  return matches;
}

}  // namespace dockaudit::checks
