#include "src/snapshot/security_opt.hpp"

#include <array>

namespace dockaudit::snapshot {

SecurityOption parse_security_option(std::string_view raw) {
  auto split = raw.find('=');
  if (split == std::string_view::npos) split = raw.find(':');
  if (split == std::string_view::npos) return {std::string(raw), "", std::string(raw)};
  return {std::string(raw.substr(0, split)), std::string(raw.substr(split + 1)), std::string(raw)};
}

std::vector<SecurityOption> parse_security_options(const std::vector<std::string>& raw) {
  std::vector<SecurityOption> options;
  options.reserve(raw.size());
  for (const auto& entry : raw) options.push_back(parse_security_option(entry));
  return options;
}

std::optional<bool> parse_go_bool(std::string_view text) {
  static constexpr std::array<std::string_view, 6> truthy{"1", "t", "T", "TRUE", "true", "True"};
  static constexpr std::array<std::string_view, 6> falsy{"0", "f", "F", "FALSE", "false", "False"};
  for (auto spelling : truthy) {
    if (text == spelling) return true;
  }
  for (auto spelling : falsy) {
    if (text == spelling) return false;
  }
  return std::nullopt;
}

}  // namespace dockaudit::snapshot
