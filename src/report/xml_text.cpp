#include "src/report/xml_text.hpp"

#include <fmt/format.h>

namespace dockaudit::report {

namespace {

// U+FFFE and U+FFFF are valid UTF-8 but no XML character.
bool is_noncharacter(std::string_view text, std::size_t at) {
  return text.substr(at, 2) == "\xEF\xBF" && at + 2 < text.size() &&
         (text[at + 2] == '\xBE' || text[at + 2] == '\xBF');
}

}  // namespace

std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (is_noncharacter(text, at)) {
      out += "\\uFFFD";
      at += 2;
    } else if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += text[at];
    }
  }
  return out;
}

}  // namespace dockaudit::report
