// Recognises values that look like credentials, so image checks can report
// where one sits without ever repeating it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dockaudit::checks {

// Shown in place of every secret-looking value.
inline constexpr std::string_view kSecretMask = "****";
// What a saved snapshot holds in place of an environment or label value that
// looks like no secret (see mask_value).
inline constexpr std::string_view kMaskedValue = "<masked>";

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
// A mask_value marker stands for the value it replaced and gives the same
// matches, so an image judged from a saved snapshot gets the live verdict.
std::vector<SecretMatch> find_secrets(std::string_view key, std::string_view value);

// What a saved snapshot keeps of an environment or label value: never the
// value, only what find_secrets(key, value) concluded about it. "<masked>"
// when it looks like no secret, else "<masked: KIND, KIND>" naming the kinds
// found; find_secrets reads such a marker back as those kinds. A live value
// spelt exactly like a marker is judged as that marker, online and offline
// alike.
std::string mask_value(std::string_view key, std::string_view value);

// Free text (a history line) with the secrets find_secrets(text) sees
// overwritten letter by letter: upper case becomes 'Z', lower case 'z', a
// digit '0'. So are the values of an ENV or LABEL step's KEY=value pairs
// that find_secrets(key, value) judges secrets, as it judges Config.Env and
// Config.Labels: the history has no quotes left to end a value ("LABEL
// a.password=two words"), and in "password.db=x" the assignment pattern sees
// only the name "db". The part of a match that
// names its kind ("ghp_", "-----BEGIN RSA PRIVATE KEY-----", "--password=",
// the TOKEN of "TOKEN=") and every other character stay. Each character
// keeps its class and no pattern's fixed prefix holds z, Z or 0, so the text
// gives the same find_secrets matches, no new ones, and reads as the same
// build step. A secret's length and punctuation remain visible.
std::string mask_text(std::string_view text);

// mask_text of each line: a command's arguments, a healthcheck's test.
std::vector<std::string> mask_lines(const std::vector<std::string>& lines);

}  // namespace dockaudit::checks
