#include "src/waiver/waiver.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <regex>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "checks/check.hpp"
#include "src/profile/profile.hpp"

namespace dockaudit::waiver {

namespace {

namespace fs = std::filesystem;

// A site keeps tens or hundreds of waivers; anything far larger is a mistake,
// and yaml-cpp would hold all of it in memory.
constexpr std::uintmax_t kMaxWaiverBytes = 4 * 1024 * 1024;

const std::vector<std::string> kTopLevelKeys{"waivers"};
const std::vector<std::string> kEntryKeys{"check",         "containers", "images", "labels",
                                          "justification", "owner",      "expires"};
const std::vector<std::string> kRequiredKeys{"check", "justification", "owner", "expires"};

std::vector<std::string> check_ids() {
  std::vector<std::string> ids;
  for (const auto* check : checks::registry()) ids.emplace_back(check->id);
  return ids;
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == text.npos; }

// Why `text` is no expiry date, or nothing: it must be written YYYY-MM-DD
// and name a day the calendar has (no 2027-02-29).
std::optional<std::string> date_problem(const std::string& text) {
  static const std::regex shape(R"(\d{4}-\d{2}-\d{2})");
  if (!std::regex_match(text, shape)) {
    return fmt::format("expires '{}' is not a date written YYYY-MM-DD (2026-12-31)", text);
  }
  const std::chrono::year_month_day day{std::chrono::year(std::stoi(text.substr(0, 4))),
                                        std::chrono::month(std::stoul(text.substr(5, 2))),
                                        std::chrono::day(std::stoul(text.substr(8, 2)))};
  if (!day.month().ok()) {
    return fmt::format("expires '{}' has no month {}", text, text.substr(5, 2));
  }
  if (!day.ok()) {
    return fmt::format("expires '{}' is no day of the calendar: that month has no day {}", text,
                       text.substr(8, 2));
  }
  return std::nullopt;
}

class Reader {
 public:
  explicit Reader(fs::path path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    // yaml-cpp counts lines and columns from 0, and marks an empty document -1:-1.
    throw WaiverError(fmt::format("{}:{}:{}: {}", path_.string(), std::max(mark.line, 0) + 1,
                                  std::max(mark.column, 0) + 1, message));
  }

  WaiverFile read(const YAML::Node& root) const {
    if (!root.IsMap()) {
      fail(root.Mark(), root.IsNull() || !root.IsDefined()
                            ? "the waiver file is empty; it must be a mapping with a 'waivers' list"
                            : "a waiver file must be a mapping with a 'waivers' list");
    }
    require_known_keys(root, kTopLevelKeys, "the waiver file");
    const auto list = root["waivers"];
    if (!list) fail(root.Mark(), "the waiver file needs a 'waivers' list");
    // An empty list is a site with no exceptions left, which is fine; null
    // ("waivers:" and nothing under it) is more likely a mistake.
    if (list.IsNull()) fail(key_mark(root, "waivers"), "'waivers' has no value; give a list");
    if (!list.IsSequence()) fail(list.Mark(), "'waivers' must be a list of waivers");
    WaiverFile file;
    file.path = path_.string();
    for (const auto& entry : list) file.waivers.push_back(waiver(entry));
    return file;
  }

 private:
  // A null value has no place of its own in yaml-cpp (it is marked where the
  // next token starts), so errors about it point at its key.
  static YAML::Mark key_mark(const YAML::Node& map, const std::string& key) {
    for (const auto& item : map) {
      if (item.first.as<std::string>() == key) return item.first.Mark();
    }
    return map.Mark();
  }

  void require_known_keys(const YAML::Node& map, const std::vector<std::string>& valid,
                          const std::string& where) const {
    std::map<std::string, YAML::Mark> seen;
    for (const auto& item : map) {
      const auto key = item.first.as<std::string>();
      if (std::find(valid.begin(), valid.end(), key) == valid.end()) {
        const auto close = profile::nearest(key, valid);
        fail(item.first.Mark(),
             fmt::format("unknown key '{}' in {}{}", key, where,
                         close.empty() ? "" : fmt::format("; did you mean '{}'?", close)));
      }
      // yaml-cpp keeps the first of two equal keys; say so rather than choose.
      const auto [first, added] = seen.emplace(key, item.first.Mark());
      if (!added) {
        fail(item.first.Mark(), fmt::format("key '{}' is given twice in {} (first at line {})", key,
                                            where, first->second.line + 1));
      }
    }
  }

  std::string text(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node.Mark(), fmt::format("'{}' must be a string", key));
    const auto value = node.as<std::string>();
    if (blank(value)) fail(node.Mark(), fmt::format("'{}' must not be empty", key));
    return value;
  }

  // A list of non-empty strings; an empty list would select everything while
  // looking like it selects nothing, so it is refused.
  std::vector<std::string> texts(const YAML::Node& node, const std::string& key,
                                 const std::string& what) const {
    if (!node.IsSequence() || node.size() == 0) {
      fail(node.Mark(), fmt::format("'{}' must be a non-empty list of {}; leave it out to "
                                    "cover every target",
                                    key, what));
    }
    std::vector<std::string> values;
    for (const auto& item : node) {
      if (!item.IsScalar() || blank(item.as<std::string>())) {
        fail(item.Mark(), fmt::format("each entry of '{}' must be one of {}", key, what));
      }
      values.push_back(item.as<std::string>());
    }
    return values;
  }

  std::vector<std::string> labels(const YAML::Node& node) const {
    auto values = texts(node, "labels", "\"key=value\" or \"key\"");
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i].front() == '=') {
        fail(node[i].Mark(),
             fmt::format("label '{}' has no key; write \"key=value\" or \"key\"", values[i]));
      }
    }
    return values;
  }

  std::string check(const YAML::Node& node) const {
    const auto id = text(node, "check");
    if (!checks::find_check(id)) {
      const auto close = profile::nearest(id, check_ids());
      fail(node.Mark(), fmt::format("unknown check '{}'{}", id,
                                    close.empty() ? "; dockaudit checks lists them"
                                                  : fmt::format("; did you mean '{}'?", close)));
    }
    return id;
  }

  Waiver waiver(const YAML::Node& node) const {
    if (!node.IsMap()) fail(node.Mark(), "each entry under 'waivers' must be a mapping");
    require_known_keys(node, kEntryKeys, "a waiver");
    for (const auto& key : kRequiredKeys) {
      if (!node[key]) fail(node.Mark(), fmt::format("a waiver needs '{}'", key));
    }
    for (const auto& item : node) {
      if (item.second.IsNull()) {
        fail(item.first.Mark(), fmt::format("'{}' has no value", item.first.as<std::string>()));
      }
    }
    Waiver made;
    made.place = fmt::format("{}:{}", path_.string(), node.Mark().line + 1);
    made.check = check(node["check"]);
    if (node["containers"]) made.containers = texts(node["containers"], "containers", "name globs");
    if (node["images"]) made.images = texts(node["images"], "images", "image globs");
    if (node["labels"]) made.labels = labels(node["labels"]);
    made.justification = text(node["justification"], "justification");
    made.owner = text(node["owner"], "owner");
    made.expires = text(node["expires"], "expires");
    if (const auto problem = date_problem(made.expires)) fail(node["expires"].Mark(), *problem);
    return made;
  }

  fs::path path_;
};

}  // namespace

std::string_view to_string(Waiver::State state) {
  switch (state) {
    case Waiver::State::active:
      return "active";
    case Waiver::State::expired:
      return "expired";
    case Waiver::State::unused:
      return "unused";
  }
  return "unused";
}

WaiverFile load_waivers(const fs::path& path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error) {
    throw WaiverError(
        fmt::format("{}: cannot read the waiver file: {}", path.string(), error.message()));
  }
  if (!fs::is_regular_file(status)) {
    throw WaiverError(fmt::format("{}: the waiver file is not a regular file", path.string()));
  }
  if (fs::file_size(path, error) > kMaxWaiverBytes) {
    throw WaiverError(fmt::format("{}: larger than a waiver file can be ({} bytes at most)",
                                  path.string(), kMaxWaiverBytes));
  }
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAllFromFile(path.string());
  } catch (const YAML::BadFile&) {
    throw WaiverError(fmt::format("{}: cannot read the waiver file", path.string()));
  } catch (const YAML::ParserException& problem) {
    throw WaiverError(fmt::format("{}:{}:{}: {}", path.string(), problem.mark.line + 1,
                                  problem.mark.column + 1, problem.msg));
  }
  const Reader reader(path);
  if (documents.size() > 1) {
    reader.fail(documents[1].Mark(), "a waiver file is one YAML document; this is a second one");
  }
  try {
    return reader.read(documents.empty() ? YAML::Node() : documents.front());
  } catch (const YAML::Exception& problem) {
    // A key that is itself a list or map, and other shapes yaml-cpp cannot convert.
    reader.fail(problem.mark, "unexpected YAML here (a key must be plain text): " + problem.msg);
  }
}

}  // namespace dockaudit::waiver
