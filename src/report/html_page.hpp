// The pieces the host and fleet HTML reports share: escaping, the page frame
// with its inline style, and an inline SVG bar chart. Nothing is loaded from
// the network; the file is the whole report.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockaudit::report::html {

// Text escaped for element content and double-quoted attribute values.
std::string escape(std::string_view text);

// JSON that is safe inside <script type="application/json">: every "<" is
// written \u003c, so neither "</script>" nor "<!--" can end the element.
std::string script_json(const nlohmann::json& value);

struct Bar {
  std::string label;
  std::optional<double> percent;  // nullopt: nothing counted, drawn as "n/a"
};

// A horizontal bar chart of percentages, one bar a row, labelled.
std::string bar_chart(std::string_view title, const std::vector<Bar>& bars);

// A whole document: title, the shared style, `body` (already HTML) and an
// optional inline script placed last.
std::string page(std::string_view title, std::string_view body, std::string_view script = "");

// "72.5", or "n/a" for a null or missing score.
std::string percent_text(const nlohmann::json& value);

}  // namespace dockaudit::report::html
