// Image checks read from the build history: ADD where COPY would do, and a
// package index refreshed in a step of its own.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/build_steps.hpp"
#include "checks/image_targets.hpp"
#include "checks/secret_patterns.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

// Steps whose only effect is a fresh package index.
constexpr std::array kIndexRefreshes = {
    std::pair{"apt-get", "update"}, std::pair{"apt", "update"},
    std::pair{"apk", "update"},     std::pair{"yum", "makecache"},
    std::pair{"dnf", "makecache"},  std::pair{"microdnf", "makecache"},
    std::pair{"zypper", "refresh"}, std::pair{"zypper", "ref"}};

// Actions that install or upgrade packages and so use the index they follow.
constexpr std::array kInstallActions = {"install", "upgrade", "dist-upgrade", "full-upgrade",
                                        "add",     "update",  "reinstall",    "groupinstall",
                                        "in",      "up",      "dup",          "build-dep"};

std::string history_path(std::size_t index) { return fmt::format("history[{}].CreatedBy", index); }

// History text shown as evidence, with anything secret-looking withheld.
nlohmann::json shown(const snapshot::HistoryStep& step) {
  if (!find_secrets(step.created_by).empty()) {
    return fmt::format("{} (withheld: it looks like it holds a secret; see image.secrets)",
                       kSecretMask);
  }
  return step.created_by;
}

// The base image's root filesystem arrives as the oldest step, an ADD of a
// tarball into / ("ADD file:<hash> in /"): that is how every official base
// image is made, and ADD's unpacking is exactly what it needs.
bool is_base_layer(const std::vector<snapshot::HistoryStep>& history, std::size_t index,
                   const BuildStep& step) {
  return index + 1 == history.size() && add_destination(step) == "/";
}

Judgement judge_add(const snapshot::Image& image) {
  const auto& history = *image.history.value;
  std::vector<audit::Evidence> evidence;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const auto step = parse_build_step(history[i].created_by);
    if (step.instruction != "ADD" || is_base_layer(history, i, step)) continue;
    evidence.push_back({history_path(i), shown(history[i])});
  }
  if (evidence.empty()) {
    return {Status::pass,
            fmt::format("no ADD step among {} history entries, apart from the base "
                        "image's root filesystem",
                        history.size()),
            {}};
  }
  return {Status::fail,
          fmt::format("{} ADD step(s); COPY does the same without fetching URLs "
                      "or unpacking archives",
                      evidence.size()),
          std::move(evidence)};
}

bool is_index_refresh(const PackageCommand& run) {
  return std::any_of(kIndexRefreshes.begin(), kIndexRefreshes.end(), [&](const auto& pair) {
    return run.manager == pair.first && run.action == pair.second;
  });
}

bool is_install(const PackageCommand& run) {
  return !is_index_refresh(run) && std::find(kInstallActions.begin(), kInstallActions.end(),
                                             run.action) != kInstallActions.end();
}

bool refreshes_index_alone(const std::string& command) {
  const auto runs = package_commands(command);
  return std::any_of(runs.begin(), runs.end(), &is_index_refresh) &&
         std::none_of(runs.begin(), runs.end(), &is_install);
}

Judgement judge_update_alone(const snapshot::Image& image) {
  const auto& history = *image.history.value;
  std::vector<audit::Evidence> evidence;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const auto step = parse_build_step(history[i].created_by);
    if (step.instruction == "RUN" && refreshes_index_alone(step.arguments)) {
      evidence.push_back({history_path(i), shown(history[i])});
    }
  }
  if (evidence.empty()) {
    return {Status::pass, "no RUN step refreshes a package index without installing", {}};
  }
  return {Status::fail,
          fmt::format("{} RUN step(s) refresh a package index without installing "
                      "anything; a cached copy of that layer goes stale",
                      evidence.size()),
          std::move(evidence)};
}

std::vector<audit::Result> evaluate_add(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.add-instruction", &judge_add, ImageData::history);
}

std::vector<audit::Result> evaluate_update_alone(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.update-alone", &judge_update_alone, ImageData::history);
}

}  // namespace

const Check image_update_alone{
    .id = "image.update-alone",
    .title = "No build step refreshes a package index on its own",
    .scope = audit::Scope::image,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"4.7", "4.7", "4.7"},
    .rationale =
        "The builder caches each step. A step that only runs apt-get update is reused from "
        "cache on later builds, so the install in the next step reads an old index and misses "
        "security updates.",
    .remediation =
        "Refresh and install in one RUN: RUN apt-get update && apt-get install -y "
        "<packages> (or apk add --no-cache <packages>).",
    .reads =
        "history CreatedBy of every image, RUN steps only (legacy and BuildKit records). A step "
        "fails when it runs apt-get/apt/apk update, yum/dnf/microdnf makecache or zypper "
        "refresh and no install, add, upgrade or update action of any package manager. yum/dnf "
        "update is not an index refresh: it upgrades packages itself, in the same step.",
    .evaluate = &evaluate_update_alone,
};

const Check image_add_instruction{
    .id = "image.add-instruction",
    .title = "Images are built with COPY, not ADD",
    .scope = audit::Scope::image,
    .severity = audit::Severity::low,
    .level = 1,
    .cis = {"4.9", "4.9", "4.9"},
    .rationale =
        "ADD also fetches URLs and unpacks archives, so a build can pull in content that was "
        "never reviewed, or unpack a crafted archive. COPY only copies files from the context.",
    .remediation =
        "Replace ADD with COPY; download with a checked RUN curl ... && sha256sum -c "
        "where a remote file is needed.",
    .reads =
        "history CreatedBy of every image: steps whose instruction is ADD, as the legacy "
        "builder (\"#(nop) ADD file:<hash> in <dst>\", also dir: and multi:) or BuildKit (\"ADD "
        "<src> <dst> # buildkit\") records it. The oldest step is exempt when it ADDs into /: "
        "that is the root filesystem of a base image such as debian or alpine.",
    .evaluate = &evaluate_add,
};

}  // namespace dockaudit::checks
