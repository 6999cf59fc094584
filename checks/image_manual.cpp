// Image recommendations no engine data can decide. Each image gets a manual
// result with what a person needs to look it up: tags, digests, build date.
#include <fmt/format.h>

#include "checks/all_checks.hpp"
#include "checks/image_targets.hpp"

namespace dockaudit::checks {

namespace {

using audit::Status;

Judgement judge_base(const snapshot::Image& image) {
  const auto detail = image.repo_digests.empty()
                          ? std::string(
                                "built or imported here (no registry digest); confirm "
                                "its base image comes from a trusted source")
                          : fmt::format(
                                "pulled as {}; confirm the registry and publisher are "
                                "trusted",
                                image.repo_digests.front());
  return {Status::manual, detail, identity_evidence(image)};
}

Judgement judge_packages(const snapshot::Image& image) {
  return {Status::manual, "confirm the image holds only the packages its workload needs",
          identity_evidence(image)};
}

Judgement judge_patched(const snapshot::Image& image) {
  return {Status::manual,
          fmt::format("built {}; confirm it is scanned and rebuilt when its packages get fixes",
                      image.created.empty() ? std::string("at an unknown time") : image.created),
          identity_evidence(image)};
}

Judgement judge_setuid(const snapshot::Image& image) {
  // The engine API has no view of the files in the layers.
  return {Status::manual,
          "list setuid/setgid files in the image filesystem: docker run --rm --network none "
          "--entrypoint find IMAGE / -xdev -perm /6000 -type f",
          identity_evidence(image)};
}

Judgement judge_verified_packages(const snapshot::Image& image) {
  return {Status::manual,
          "confirm the build installs packages only from signed repositories, with signature "
          "checks left on",
          identity_evidence(image)};
}

Judgement judge_signed_artifacts(const snapshot::Image& image) {
  return {Status::manual,
          "confirm artifacts added during the build were checked against a signature or digest",
          identity_evidence(image)};
}

std::vector<audit::Result> evaluate_base(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.trusted-base", &judge_base);
}
std::vector<audit::Result> evaluate_packages(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.minimal-packages", &judge_packages);
}
std::vector<audit::Result> evaluate_patched(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.rebuilt", &judge_patched);
}
std::vector<audit::Result> evaluate_setuid(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.setuid", &judge_setuid);
}
std::vector<audit::Result> evaluate_verified_packages(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.verified-packages", &judge_verified_packages);
}
std::vector<audit::Result> evaluate_signed_artifacts(const snapshot::Snapshot& snapshot) {
  return judge_images(snapshot, "image.signed-artifacts", &judge_signed_artifacts);
}

}  // namespace

const Check image_trusted_base{
    .id = "image.trusted-base",
    .title = "Images are built only from trusted base images",
    .scope = audit::Scope::image,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = true,
    .cis = {"4.2", "4.2", "4.2"},
    .rationale =
        "A base image from an unknown publisher can carry malware or backdoors that "
        "every image built on it inherits.",
    .remediation =
        "Build FROM official or internally maintained images, pinned by digest, "
        "pulled from a registry you control or trust.",
    .reads = "RepoTags, RepoDigests (registry and digest) and Created of every image",
    .evaluate = &evaluate_base,
};

const Check image_minimal_packages{
    .id = "image.minimal-packages",
    .title = "Images hold no packages their workload does not need",
    .scope = audit::Scope::image,
    .severity = audit::Severity::low,
    .level = 1,
    .manual = true,
    .cis = {"4.3", "4.3", "4.3"},
    .rationale =
        "Every extra package is more code to patch and more tools for an attacker "
        "who gets in.",
    .remediation =
        "Start from a minimal or distroless base and install with "
        "--no-install-recommends; use multi-stage builds to leave build tools behind.",
    .reads =
        "RepoTags, RepoDigests and Created of every image (the package list is inside the "
        "layers)",
    .evaluate = &evaluate_packages,
};

const Check image_rebuilt{
    .id = "image.rebuilt",
    .title = "Images are scanned and rebuilt to pick up security fixes",
    .scope = audit::Scope::image,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = true,
    .cis = {"4.4", "4.4", "4.4"},
    .rationale =
        "An image is frozen at build time; fixes released since then reach it only "
        "when it is rebuilt, and a scanner says which ones matter.",
    .remediation =
        "Scan images in CI and on a schedule; rebuild with --pull --no-cache and "
        "redeploy when fixes are published.",
    .reads = "Created, RepoTags and RepoDigests of every image",
    .evaluate = &evaluate_patched,
};

const Check image_setuid{
    .id = "image.setuid",
    .title = "Images carry no unneeded setuid or setgid files",
    .scope = audit::Scope::image,
    .severity = audit::Severity::medium,
    .level = 2,
    .manual = true,
    .cis = {"4.8", "4.8", "4.8"},
    .rationale =
        "setuid and setgid programs are the usual way from a foothold to root inside "
        "a container.",
    .remediation =
        "In the Dockerfile: RUN find / -xdev -perm /6000 -type f -exec chmod a-s "
        "{} + (keeping those the workload needs).",
    .reads =
        "nothing that decides it: the file modes are inside the image layers, which the "
        "engine API does not expose; results name the image and a command to list them",
    .evaluate = &evaluate_setuid,
};

const Check image_verified_packages{
    .id = "image.verified-packages",
    .title = "Images install only verified packages",
    .scope = audit::Scope::image,
    .severity = audit::Severity::medium,
    .level = 2,
    .manual = true,
    .cis = {"4.11", "4.11", "4.11"},
    .rationale = "Packages installed without a signature check can be swapped on the way in.",
    .remediation =
        "Install from signed repositories only; never pass --allow-unauthenticated, "
        "--nogpgcheck or --allow-untrusted.",
    .reads = "RepoTags, RepoDigests and Created of every image",
    .evaluate = &evaluate_verified_packages,
};

const Check image_signed_artifacts{
    .id = "image.signed-artifacts",
    .title = "Signed artifacts are validated before they go into images",
    .scope = audit::Scope::image,
    .severity = audit::Severity::medium,
    .level = 1,
    .manual = true,
    .cis = {"4.12", "4.12", "4.12"},
    .rationale =
        "A downloaded binary or archive whose signature is not checked may not be the "
        "one its publisher released.",
    .remediation =
        "Verify signatures (cosign, gpg) or pinned checksums of every artifact the "
        "build fetches, and sign the images you publish.",
    .reads = "RepoTags, RepoDigests and Created of every image",
    .evaluate = &evaluate_signed_artifacts,
};

}  // namespace dockaudit::checks
