// Recognises values that look like credentials, so image checks can report
// where one sits without ever repeating it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dockaudit::checks {

// Shown in place of every secret-looking value.
inline constexpr std::string_view kSecretMask = "****";

struct SecretMatch {
  std::string kind;  // "AWS access key id", "private key", "password in a URL", ...
  std::string key;   // the variable or label name, when a KEY=value pair matched
};

// Secrets inside free text (a value, a history line): private key blocks,
// AWS access key ids, GitHub/GitLab/Slack tokens, user:password@ in URLs,
// --password options, and KEY=value pairs whose key names a secret.
std::vector<SecretMatch> find_secrets(std::string_view text);

// A KEY and its value, as in Config.Env or Config.Labels: the value's own
// patterns, or a non-empty literal value under a key that names a secret
// (PASSWORD, TOKEN, SECRET, API_KEY, ...). Values that point elsewhere, a
// path or a $VARIABLE, and keys ending in _FILE, _PATH, _DIR, _URL or _URI
// are not secrets.
std::vector<SecretMatch> find_secrets(std::string_view key, std::string_view value);

}  // namespace dockaudit::checks
