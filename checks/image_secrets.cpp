// Secret-looking values in what an image tells anyone who can pull it: its
// environment, its labels and the record of its build steps.
#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/image_targets.hpp"
#include "checks/secret_patterns.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

// Evidence names where a secret sits and what it looks like; the value
// itself is never repeated.
void add_matches(const std::vector<SecretMatch>& matches, const std::string& path,
                 std::vector<audit::Evidence>& evidence) {
  for (const auto& match : matches) {
    const auto shown =
        match.key.empty() ? std::string(kSecretMask) : fmt::format("{}={}", match.key, kSecretMask);
    evidence.push_back({path, fmt::format("{} ({})", shown, match.kind)});
  }
}

std::vector<audit::Evidence> configuration_secrets(const snapshot::Image& image) {
  std::vector<audit::Evidence> evidence;
  for (const auto& variable : image.env) {
    const auto equals = variable.find('=');
    const auto key = variable.substr(0, equals);
    const auto value = equals == std::string::npos ? std::string() : variable.substr(equals + 1);
    add_matches(find_secrets(key, value), fmt::format("Config.Env[{}]", key), evidence);
  }
  for (const auto& [key, value] : image.labels) {
    add_matches(find_secrets(key, value), fmt::format("Config.Labels[{}]", key), evidence);
  }
  return evidence;
}

Judgement judge(const snapshot::Image& image) {
  auto evidence = configuration_secrets(image);
  if (image.history.ok()) {
    const auto& history = *image.history.value;
    for (std::size_t i = 0; i < history.size(); ++i) {
      add_matches(find_secrets(history[i].created_by), fmt::format("history[{}].CreatedBy", i),
                  evidence);
    }
  }
  if (!evidence.empty()) {
    return {Status::fail,
            fmt::format("{} secret-looking value(s); anyone who can pull the image can read them",
                        evidence.size()),
            std::move(evidence)};
  }
  if (!image.history.ok()) {
    return {Status::error,
            "no secret in Config.Env or Config.Labels, but the history could not be read: " +
                image.history.error,
            {}};
  }
  return {Status::pass, "no secret-looking value in Config.Env, Config.Labels or the history", {}};
}

std::vector<audit::Result> evaluate(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.secrets", &judge);
}

}  // namespace

const Check image_secrets{
    .id = "image.secrets",
    .title = "Images carry no secrets in their environment, labels or build history",
    .scope = audit::Scope::image,
    .severity = audit::Severity::high,
    .level = 1,
    .cis = {"4.10", "4.10", "4.10"},
    .rationale =
        "ENV, LABEL, ARG values and RUN command lines are stored in the image and shown by "
        "docker inspect and docker history to anyone who can pull it, long after the secret "
        "was meant to be gone.",
    .remediation =
        "Rotate the exposed credential, then pass secrets at build time with RUN "
        "--mount=type=secret and at run time with docker secrets or a mounted file; rebuild "
        "and remove the old image from every registry.",
    .reads =
        "Config.Env, Config.Labels and history CreatedBy of every image, matched against "
        "private key blocks, AWS access key ids, GitHub/GitLab/Slack tokens, user:password@ "
        "in URLs, --password options and literal values of keys naming PASSWORD, SECRET, "
        "TOKEN, API_KEY and the like (not *_FILE, *_PATH, *_DIR, *_URL, *_URI, paths or "
        "$VARIABLES). Evidence shows "
        "the key and a mask, never the value. Files inside the layers are not searched.",
    .evaluate = &evaluate,
};

}  // namespace dockaudit::checks
