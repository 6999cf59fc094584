#include "src/collect/systemd_units.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <system_error>

#include <fmt/format.h>

#include "src/collect/host_path.hpp"

namespace dockaudit::collect {

namespace {

namespace fs = std::filesystem;
using snapshot::SystemdUnit;
using snapshot::UnitValue;

constexpr const char* kMaskTarget = "/dev/null";
constexpr const char* kDropInSuffix = ".conf";

struct Entry {
  std::string section;
  std::string key;
  std::string value;
  std::string source;  // file:line, the file as the host names it
};

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// `name` is the path as the host sees it; `file` where to read it.
std::vector<Entry> read_entries(const fs::path& file, const std::string& name,
                                std::vector<std::string>& problems) {
  std::vector<Entry> entries;
  std::ifstream input(file);
  if (!input) {
    problems.push_back(fmt::format("cannot read {}: {}", name, std::strerror(errno)));
    return entries;
  }
  std::string section;
  std::string line;
  int number = 0;
  while (std::getline(input, line)) {
    const int first_line = ++number;
    // A trailing backslash continues the value on the next line.
    while (!line.empty() && line.back() == '\\') {
      std::string next;
      if (!std::getline(input, next)) break;
      ++number;
      line = line.substr(0, line.size() - 1) + " " + next;
    }
    line = trim(line);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      section = line.substr(1, line.find(']') - 1);
      continue;
    }
    const auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    entries.push_back({section, trim(line.substr(0, equals)), trim(line.substr(equals + 1)),
                       fmt::format("{}:{}", name, first_line)});
  }
  return entries;
}

// Words as systemd splits them: whitespace separates, quotes group, a
// backslash escapes. Each word keeps whether it was quoted, which decides
// how $VAR expands.
struct Word {
  std::string text;
  bool quoted = false;
};

std::vector<Word> split_words(const std::string& line) {
  std::vector<Word> words;
  std::optional<Word> word;
  char quote = 0;
  for (std::size_t at = 0; at < line.size(); ++at) {
    const char c = line[at];
    if (!quote && std::isspace(static_cast<unsigned char>(c))) {
      if (word) words.push_back(*word);
      word.reset();
      continue;
    }
    if (!word) word = Word{};
    if (c == '\\' && at + 1 < line.size()) {
      word->text += line[++at];
    } else if (quote && c == quote) {
      quote = 0;
    } else if (!quote && (c == '"' || c == '\'')) {
      quote = c;
      word->quoted = true;
    } else {
      word->text += c;
    }
  }
  if (word) words.push_back(*word);
  return words;
}

bool is_variable_name(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
  for (const char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string lookup(const std::map<std::string, std::string>& environment, const std::string& name) {
  const auto found = environment.find(name);
  return found == environment.end() ? "" : found->second;
}

// ${VAR} anywhere in a word; "$$" is a literal dollar.
std::string expand_braced(const std::string& text,
                          const std::map<std::string, std::string>& environment) {
  std::string out;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text.compare(at, 2, "$$") == 0) {
      out += '$';
      ++at;
    } else if (text.compare(at, 2, "${") == 0 && text.find('}', at) != std::string::npos) {
      const auto close = text.find('}', at);
      out += lookup(environment, text.substr(at + 2, close - at - 2));
      at = close;
    } else {
      out += text[at];
    }
  }
  return out;
}

void apply_environment_assignments(const std::string& value,
                                   std::map<std::string, std::string>& environment) {
  for (const auto& word : split_words(value)) {
    const auto equals = word.text.find('=');
    if (equals != std::string::npos) {
      environment[word.text.substr(0, equals)] = word.text.substr(equals + 1);
    }
  }
}

void read_environment_file(const fs::path& root, const UnitValue& setting, SystemdUnit& unit) {
  const bool optional = setting.value.starts_with("-");
  const auto path = optional ? setting.value.substr(1) : setting.value;
  std::ifstream file(host_path(root, path));
  if (!file) {
    if (!optional) {
      unit.problems.push_back(
          fmt::format("{}: EnvironmentFile={} does not exist; systemd will not start the unit",
                      setting.source, path));
    }
    return;
  }
  std::string line;
  while (std::getline(file, line)) {
    line = trim(line);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    const auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    auto value = trim(line.substr(equals + 1));
    const auto words = split_words(value);
    if (words.size() == 1 && words.front().quoted) value = words.front().text;
    unit.environment[trim(line.substr(0, equals))] = value;
  }
}

// What the unit files say, before environment files are read and commands
// expanded.
struct RawUnit {
  std::vector<UnitValue> exec_start;
  std::vector<UnitValue> environment_files;
};

void apply(const Entry& entry, SystemdUnit& unit, RawUnit& raw) {
  const UnitValue value{entry.value, entry.source};
  const auto reset_or_add = [&](std::vector<UnitValue>& list) {
    if (entry.value.empty()) {
      list.clear();  // an empty assignment resets the list
    } else {
      list.push_back(value);
    }
  };
  if (entry.section == "Service") {
    if (entry.key == "ExecStart") reset_or_add(raw.exec_start);
    if (entry.key == "EnvironmentFile") reset_or_add(raw.environment_files);
    if (entry.key == "Environment") {
      if (entry.value.empty()) unit.environment.clear();
      apply_environment_assignments(entry.value, unit.environment);
    }
  } else if (entry.section == "Socket") {
    if (entry.key == "ListenStream") reset_or_add(unit.listen_streams);
    if (entry.key == "SocketMode") unit.socket_mode = value;
    if (entry.key == "SocketUser") unit.socket_user = value;
    if (entry.key == "SocketGroup") unit.socket_group = value;
  }
}

std::optional<std::string> find_fragment(const fs::path& root, const std::string& name) {
  for (const auto& dir : unit_directories()) {
    const auto candidate = dir + "/" + name;
    std::error_code error;
    if (fs::is_symlink(host_path(root, candidate), error) ||
        fs::exists(host_path(root, candidate))) {
      return candidate;
    }
  }
  return std::nullopt;
}

// A file name in a higher-priority directory hides the same name below it;
// the survivors apply in file-name order whatever their directory.
std::vector<std::string> find_drop_ins(const fs::path& root, const std::string& name) {
  std::map<std::string, std::string> by_file_name;
  for (const auto& dir : unit_directories()) {
    const auto drop_in_dir = dir + "/" + name + ".d";
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(host_path(root, drop_in_dir), error)) {
      const auto file_name = entry.path().filename().string();
      if (!file_name.ends_with(kDropInSuffix)) continue;
      by_file_name.emplace(file_name, drop_in_dir + "/" + file_name);
    }
  }
  std::vector<std::string> paths;
  for (const auto& [file_name, path] : by_file_name) paths.push_back(path);
  return paths;
}

bool is_masked(const fs::path& root, const std::string& fragment) {
  std::error_code error;
  return fs::read_symlink(host_path(root, fragment), error) == kMaskTarget;
}

void finish(const fs::path& root, const RawUnit& raw, SystemdUnit& unit) {
  for (const auto& file : raw.environment_files) read_environment_file(root, file, unit);
  for (const auto& command : raw.exec_start) {
    unit.exec_start.push_back(expand_command_line(command.value, unit.environment));
  }
  if (unit.exec_start.size() > 1) {
    unit.problems.push_back(fmt::format(
        "{} has {} ExecStart= commands; a Type=notify service such as dockerd allows one",
        unit.name, unit.exec_start.size()));
  }
}

}  // namespace

const std::vector<std::string>& unit_directories() {
  static const std::vector<std::string> directories{
      "/etc/systemd/system", "/run/systemd/system",     "/usr/local/lib/systemd/system",
      "/lib/systemd/system", "/usr/lib/systemd/system",
  };
  return directories;
}

std::vector<std::string> expand_command_line(
    const std::string& line, const std::map<std::string, std::string>& environment) {
  auto text = line;
  // Prefixes that change how systemd runs the command, not what it runs.
  while (!text.empty() && std::string_view("-@+!:").find(text.front()) != std::string::npos) {
    text.erase(0, 1);
  }
  std::vector<std::string> words;
  for (const auto& word : split_words(text)) {
    if (!word.quoted && word.text.starts_with("$") && is_variable_name(word.text.substr(1))) {
      for (const auto& part : split_words(lookup(environment, word.text.substr(1)))) {
        words.push_back(part.text);
      }
      continue;
    }
    words.push_back(expand_braced(word.text, environment));
  }
  return words;
}

std::optional<SystemdUnit> read_unit(const fs::path& root, const std::string& name) {
  const auto fragment = find_fragment(root, name);
  if (!fragment) return std::nullopt;
  SystemdUnit unit;
  unit.name = name;
  unit.fragment_path = *fragment;
  if (is_masked(root, *fragment)) {
    unit.problems.push_back(
        fmt::format("{} is masked ({} links to {})", name, *fragment, kMaskTarget));
    return unit;
  }
  unit.drop_in_paths = find_drop_ins(root, name);
  RawUnit raw;
  std::vector<std::string> files{*fragment};
  files.insert(files.end(), unit.drop_in_paths.begin(), unit.drop_in_paths.end());
  for (const auto& file : files) {
    for (const auto& entry : read_entries(host_path(root, file), file, unit.problems)) {
      apply(entry, unit, raw);
    }
  }
  finish(root, raw, unit);
  return unit;
}

snapshot::SystemdUnits read_docker_units(const fs::path& root) {
  return {read_unit(root, kDockerService), read_unit(root, kDockerSocket)};
}

}  // namespace dockaudit::collect
