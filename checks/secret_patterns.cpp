#include "checks/secret_patterns.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <regex>

namespace dockaudit::checks {

namespace {

// Each expression captures the secret itself in its groups; the rest of a
// match (the prefix that names the kind, the user of a URL) is not secret.
struct Pattern {
  const char* kind;
  std::regex expression;
};

const std::vector<Pattern>& value_patterns() {
  static const std::vector<Pattern> patterns = {
      {"private key", std::regex(R"(-----BEGIN [A-Z ]*PRIVATE KEY-----)")},
      {"AWS access key id", std::regex(R"(\b(?:AKIA|ASIA)([0-9A-Z]{16})\b)")},
      {"GitHub token", std::regex(R"(\b(?:gh[pousr]_([A-Za-z0-9]{36})|github_pat_(\w{22,})))")},
      {"GitLab token", std::regex(R"(\bglpat-([A-Za-z0-9_-]{20,}))")},
      {"Slack token", std::regex(R"(\bxox[abprs]-([A-Za-z0-9-]{10,}))")},
      {"password in a URL", std::regex(R"([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:([^/\s@]+)@)")},
      {"password option", std::regex(R"(--password[= ]([^\s$-]\S*))")},
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

// The kinds a mask_value marker names; nullopt when `value` is no marker.
std::optional<std::vector<std::string>> masked_kinds(std::string_view value) {
  if (value == kMaskedValue) return std::vector<std::string>{};
  const std::string_view open = "<masked: ";
  if (!value.starts_with(open) || !value.ends_with('>')) return std::nullopt;
  value = value.substr(open.size(), value.size() - open.size() - 1);
  std::vector<std::string> kinds;
  for (std::size_t start = 0; start <= value.size();) {
    const auto comma = std::min(value.find(", ", start), value.size());
    kinds.emplace_back(value.substr(start, comma - start));
    start = comma + 2;
  }
  return kinds;
}

// Where one KEY=value pair of an ENV or LABEL step sits in its history line.
struct InstructionPair {
  std::string_view key;
  std::size_t value_at = 0;
  std::size_t value_length = 0;
};

constexpr std::string_view kBlanks = " \t\r\n";

// The pairs of an ENV or LABEL step as the builders record it in the image
// history: "/bin/sh -c #(nop)  LABEL a=b c=two words" (the classic builder)
// or "LABEL a=b c=two words" (BuildKit). The record has lost the quotes, so
// a value runs up to the next blank-separated word that holds an '='.
std::vector<InstructionPair> instruction_pairs(std::string_view text) {
  constexpr std::string_view nop = "#(nop)";
  std::size_t at = text.find(nop);
  at = at == std::string_view::npos ? 0 : at + nop.size();
  at = std::min(text.find_first_not_of(kBlanks, at), text.size());
  const auto instruction = text.substr(at);
  if (!instruction.starts_with("ENV ") && !instruction.starts_with("LABEL ")) return {};

  std::vector<InstructionPair> pairs;
  for (at += instruction.find(' '); at < text.size();) {
    const auto word = std::min(text.find_first_not_of(kBlanks, at), text.size());
    const auto end = std::min(text.find_first_of(kBlanks, word), text.size());
    const auto equals = text.substr(word, end - word).find('=');
    if (equals != std::string_view::npos && equals > 0) {
      pairs.push_back({text.substr(word, equals), word + equals + 1, end - word - equals - 1});
    } else if (!pairs.empty() && word < end) {
      pairs.back().value_length = end - pairs.back().value_at;
    }
    at = end;
  }
  return pairs;
}

// The characters of `text` mask_text overwrites: the captured secret of every
// pattern match, a private key's body up to its END line, the value of every
// secret-named assignment, and the value of every pair of an ENV or LABEL
// step that find_secrets(key, value) judges a secret; never the part of a
// match that names its kind, nor the name of a secret-named assignment, so
// the same patterns still match afterwards.
std::vector<bool> secret_characters(std::string_view text) {
  std::vector<bool> secret(text.size(), false), kept(text.size(), false);
  const auto mark = [](std::vector<bool>& marks, std::size_t from, std::size_t to) {
    for (auto i = from; i < to; ++i) marks[i] = true;
  };
  using Iterator = std::regex_iterator<std::string_view::const_iterator>;
  for (const auto& pattern : value_patterns()) {
    for (Iterator it(text.begin(), text.end(), pattern.expression), end; it != end; ++it) {
      const auto begin = static_cast<std::size_t>(it->position());
      const auto finish = begin + static_cast<std::size_t>(it->length());
      std::vector<bool> captured(finish - begin, false);
      for (std::size_t group = 1; group < it->size(); ++group) {
        if (!(*it)[group].matched) continue;
        const auto at = static_cast<std::size_t>(it->position(group));
        const auto length = static_cast<std::size_t>(it->length(group));
        mark(secret, at, at + length);
        mark(captured, at - begin, at - begin + length);
      }
      for (auto i = begin; i < finish; ++i) kept[i] = kept[i] || !captured[i - begin];
      if (it->size() == 1) {  // a private key: its body follows the BEGIN line
        mark(secret, finish, std::min(text.find("-----END", finish), text.size()));
      }
    }
  }
  for (Iterator it(text.begin(), text.end(), assignment()), end; it != end; ++it) {
    if (!names_secret((*it)[1].str()) || !is_literal((*it)[2].str())) continue;
    const auto key = static_cast<std::size_t>(it->position(1));
    mark(kept, key, key + static_cast<std::size_t>(it->length(1)));
    const auto at = static_cast<std::size_t>(it->position(2));
    mark(secret, at, at + static_cast<std::size_t>(it->length(2)));
  }
  for (const auto& pair : instruction_pairs(text)) {
    const auto value = text.substr(pair.value_at, pair.value_length);
    if (!find_secrets(pair.key, value).empty()) {
      mark(secret, pair.value_at, pair.value_at + pair.value_length);
    }
  }
  for (std::size_t i = 0; i < text.size(); ++i) secret[i] = secret[i] && !kept[i];
  return secret;
}

}  // namespace

std::string mask_value(std::string_view key, std::string_view value) {
  std::vector<std::string> kinds;
  for (const auto& match : find_secrets(key, value)) {
    if (std::find(kinds.begin(), kinds.end(), match.kind) == kinds.end()) {
      kinds.push_back(match.kind);
    }
  }
  if (kinds.empty()) return std::string(kMaskedValue);
  std::string marker = "<masked: ";
  for (std::size_t i = 0; i < kinds.size(); ++i) marker += (i ? ", " : "") + kinds[i];
  return marker + ">";
}

std::string mask_text(std::string_view text) {
  const auto secret = secret_characters(text);
  std::string masked(text);
  for (std::size_t i = 0; i < masked.size(); ++i) {
    if (!secret[i]) continue;
    const auto c = static_cast<unsigned char>(masked[i]);
    if (std::isupper(c)) masked[i] = 'Z';
    if (std::islower(c)) masked[i] = 'z';
    if (std::isdigit(c)) masked[i] = '0';
  }
  return masked;
}

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
  if (const auto kinds = masked_kinds(value)) {
    for (const auto& kind : *kinds) matches.push_back({kind, std::string(key)});
    return matches;
  }
  add_pattern_matches(value, key, matches);
  if (matches.empty() && names_secret(key) && is_literal(value)) {
    matches.push_back({"secret-named variable", std::string(key)});
  }
  return matches;
}

std::vector<std::string> mask_lines(const std::vector<std::string>& lines) {
  std::vector<std::string> masked;
  masked.reserve(lines.size());
  for (const auto& line : lines) masked.push_back(mask_text(line));
  return masked;
}

}  // namespace dockaudit::checks
