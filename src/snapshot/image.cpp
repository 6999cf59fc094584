#include "src/snapshot/image.hpp"

namespace dockaudit::snapshot {

namespace {

constexpr std::size_t kShortIdLength = 12;
constexpr std::string_view kDigestPrefix = "sha256:";

}  // namespace

std::string display_name(const Image& image) {
  if (!image.repo_tags.empty()) return image.repo_tags.front();
  if (!image.repo_digests.empty()) return image.repo_digests.front();
  auto id = std::string_view(image.id);
  if (id.starts_with(kDigestPrefix)) id.remove_prefix(kDigestPrefix.size());
  return "<none> " + std::string(id.substr(0, kShortIdLength));
}

}  // namespace dockaudit::snapshot
