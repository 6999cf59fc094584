#include "src/collect/audit_rules.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "src/collect/host_path.hpp"
#include "src/collect/run_program.hpp"

namespace dockaudit::collect {

namespace {

namespace fs = std::filesystem;
using snapshot::AuditRule;
using snapshot::AuditRules;
using snapshot::Gathered;

// auditctl answers at once; a hang means the audit netlink socket is stuck.
constexpr std::chrono::milliseconds kAuditctlTimeout{5000};
const char* const kAuditctlPaths[] = {"/sbin/auditctl", "/usr/sbin/auditctl"};

std::vector<std::string> words_of(const std::string& line) {
  std::istringstream stream(line);
  std::vector<std::string> words;
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

std::string normal_path(const std::string& path) {
  auto normal = fs::path(path).lexically_normal().string();
  if (normal.size() > 1 && normal.ends_with('/')) normal.pop_back();
  return normal;
}

// "-a always,exit", "-A exit,always", "-aalways,exit": the action list.
std::string action_of(const std::vector<std::string>& words, std::size_t index) {
  const auto& word = words[index];
  if (word.size() > 2) return word.substr(2);
  return index + 1 < words.size() ? words[index + 1] : "";
}

// The path fields of a syscall rule; -F takes "path=X" as its next word.
void add_field_rules(const std::vector<std::string>& words, const AuditRule& base,
                     std::vector<AuditRule>& rules) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string field;
    if (words[i] == "-F" && i + 1 < words.size())
      field = words[i + 1];
    else if (words[i].starts_with("-F") && words[i].size() > 2)
      field = words[i].substr(2);
    auto rule = base;
    if (field.starts_with("path=")) {
      rule.kind = AuditRule::Kind::path_field;
      rule.path = normal_path(field.substr(5));
    } else if (field.starts_with("dir=")) {
      rule.kind = AuditRule::Kind::dir_field;
      rule.path = normal_path(field.substr(4));
    } else {
      continue;
    }
    rules.push_back(std::move(rule));
  }
}

void add_line_rules(const std::string& line, AuditRule base, std::vector<AuditRule>& rules) {
  const auto words = words_of(line);
  if (words.empty() || words.front().starts_with("#")) return;
  base.text = line;
  if (words.front() == "-w" && words.size() > 1) {
    base.kind = AuditRule::Kind::watch;
    base.path = normal_path(words[1]);
    rules.push_back(std::move(base));
    return;
  }
  if (!words.front().starts_with("-a") && !words.front().starts_with("-A")) return;
  // "never" rules suppress auditing of what they match.
  if (action_of(words, 0).find("never") != std::string::npos) return;
  add_field_rules(words, base, rules);
}

std::optional<std::string> read_text(const fs::path& path, std::string& problem) {
  std::ifstream file(path);
  if (!file) {
    problem = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The live rules, or why they could not be had.
std::optional<std::vector<AuditRule>> ask_auditctl(std::string& problem) {
  const auto found = std::find_if(std::begin(kAuditctlPaths), std::end(kAuditctlPaths),
                                  [](const char* path) { return ::access(path, X_OK) == 0; });
  if (found == std::end(kAuditctlPaths)) {
    problem = "auditctl is not installed";
    return std::nullopt;
  }
  const auto run = run_program({*found, "-l"}, kAuditctlTimeout);
  if (!run.ok()) {
    problem = run.error;
    return std::nullopt;
  }
  if (run.value->exit_status != 0) {
    auto message = run.value->err.substr(0, run.value->err.find('\n'));
    problem = fmt::format("{} -l exited with status {}: {}", *found, run.value->exit_status,
                          message.empty() ? "no message" : message);
    return std::nullopt;
  }
  return parse_audit_rules(run.value->out, fmt::format("{} -l", *found), false);
}

// audit.rules, then rules.d/*.rules in name order as augenrules joins them.
Gathered<AuditRules> read_rule_files(const fs::path& root) {
  AuditRules found;
  std::vector<std::string> names{kAuditRulesFile};
  std::error_code error;
  const auto directory = host_path(root, kAuditRulesDirectory);
  std::vector<std::string> extra;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".rules") {
      extra.push_back(std::string(kAuditRulesDirectory) + "/" + it->path().filename().string());
    }
  }
  if (error && error != std::errc::no_such_file_or_directory) {
    return Gathered<AuditRules>::failure(
        fmt::format("{} could not be listed: {}", kAuditRulesDirectory, error.message()));
  }
  std::sort(extra.begin(), extra.end());
  names.insert(names.end(), extra.begin(), extra.end());

  std::vector<std::string> read;
  for (const auto& name : names) {
    std::string problem;
    const auto text = read_text(host_path(root, name), problem);
    if (!text) {
      if (fs::exists(host_path(root, name), error) || error) {
        return Gathered<AuditRules>::failure(
            fmt::format("{} could not be read: {}", name, problem));
      }
      continue;
    }
    read.push_back(name);
    auto rules = parse_audit_rules(*text, name);
    found.rules.insert(found.rules.end(), rules.begin(), rules.end());
  }
  found.source = read.empty() ? fmt::format("no rule files ({} and {}/*.rules are absent)",
                                            kAuditRulesFile, kAuditRulesDirectory)
                              : fmt::format("{}", fmt::join(read, ", "));
  return {std::move(found), ""};
}

}  // namespace

std::vector<AuditRule> parse_audit_rules(const std::string& text, const std::string& source,
                                         bool number_lines) {
  std::vector<AuditRule> rules;
  std::istringstream lines(text);
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    AuditRule base;
    base.source = number_lines ? fmt::format("{}:{}", source, number) : source;
    add_line_rules(line, std::move(base), rules);
  }
  return rules;
}

Gathered<AuditRules> read_audit_rules(const fs::path& root, bool ask_kernel) {
  std::string live_problem = "not asked: the host is read below a root other than /";
  if (ask_kernel) {
    if (auto live = ask_auditctl(live_problem)) {
      return {AuditRules{"auditctl -l (the rules loaded in the kernel)", "", std::move(*live)}, ""};
    }
  }
  auto from_files = read_rule_files(root);
  if (from_files.ok()) from_files.value->live_rules_problem = live_problem;
  return from_files;
}

}  // namespace dockaudit::collect
