#include "src/snapshot/image.hpp"

namespace dockaudit::snapshot {

namespace {

constexpr std::size_t kShortIdLength = 12;
constexpr std::string_view kDigestPrefix = "sha256:";

constexpr std::string_view kDefaultDomain = "docker.io/";
constexpr std::string_view kLegacyDomain = "index.docker.io/";
constexpr std::string_view kOfficialNamespace = "library/";

}  // namespace

std::string familiar_reference(std::string_view reference) {
  const auto at = reference.find('@');
  auto name = reference.substr(0, at);
  const auto digest = at == std::string_view::npos ? std::string_view() : reference.substr(at);
  // A tag's colon comes after the last slash; an earlier one is a registry port.
  const auto colon = name.rfind(':');
  const auto slash = name.rfind('/');
  std::string_view tag;
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    tag = name.substr(colon);
    name = name.substr(0, colon);
  }
  for (const auto domain : {kDefaultDomain, kLegacyDomain}) {
    if (name.starts_with(domain)) {
      name.remove_prefix(domain.size());
      if (name.starts_with(kOfficialNamespace) &&
          name.find('/', kOfficialNamespace.size()) == std::string_view::npos) {
        name.remove_prefix(kOfficialNamespace.size());
      }
      break;
    }
  }
  if (tag.empty() && digest.empty()) tag = ":latest";
  return std::string(name) + std::string(tag) + std::string(digest);
}

std::string display_name(const Image& image) {
  if (!image.repo_tags.empty()) return image.repo_tags.front();
  if (!image.repo_digests.empty()) return image.repo_digests.front();
  auto id = std::string_view(image.id);
  if (id.starts_with(kDigestPrefix)) id.remove_prefix(kDigestPrefix.size());
  return "<none> " + std::string(id.substr(0, kShortIdLength));
}

}  // namespace dockaudit::snapshot
