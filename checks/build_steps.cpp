#include "checks/build_steps.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace dockaudit::checks {

namespace {

constexpr std::string_view kShell = "/bin/sh -c ";
constexpr std::string_view kNoOperation = "#(nop)";
constexpr std::string_view kBuildKitMark = "# buildkit";

constexpr std::array kInstructions = {"ADD",     "ARG",       "CMD",         "COPY",  "ENTRYPOINT",
                                      "ENV",     "EXPOSE",    "HEALTHCHECK", "LABEL", "ONBUILD",
                                      "RUN",     "SHELL",     "STOPSIGNAL",  "USER",  "VOLUME",
                                      "WORKDIR", "MAINTAINER"};

constexpr std::array kPackageManagers = {"apt-get", "apt",      "apk",   "yum",
                                         "dnf",     "microdnf", "zypper"};

// Options whose value is the next word: "apt-get -o Acquire::Retries=3 install".
constexpr std::array kOptionsWithValue = {
    "-o",           "-c",    "-t", "-X", "-p", "--option", "--config-file", "--target-release",
    "--repository", "--root"};

bool takes_value(std::string_view option) {
  return std::find(kOptionsWithValue.begin(), kOptionsWithValue.end(), option) !=
         kOptionsWithValue.end();
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string_view first_word(std::string_view text) {
  return text.substr(0, text.find_first_of(" \t"));
}

bool is_instruction(std::string_view word) {
  return std::find(kInstructions.begin(), kInstructions.end(), word) != kInstructions.end();
}

// "|2 A=1 B=2 /bin/sh -c cmd" (build arguments before the shell) and
// "/bin/sh -c cmd" both become "cmd".
std::string_view shell_command_of(std::string_view text) {
  if (text.starts_with('|')) {
    const auto shell = text.find(kShell);
    if (shell != std::string_view::npos) text = text.substr(shell);
  }
  if (text.starts_with(kShell)) text.remove_prefix(kShell.size());
  return trim(text);
}

BuildStep split_instruction(std::string_view text) {
  const auto word = first_word(text);
  auto arguments = trim(text.substr(word.size()));
  if (word == "RUN") arguments = shell_command_of(arguments);
  return {std::string(word), std::string(arguments)};
}

// Splits on whitespace and shell separators; quotes are dropped, as the
// words matter here, not how they were grouped.
std::vector<std::string> shell_words(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (const char c : command) {
    if (c == '"' || c == '\'' || c == '\\') continue;
    if (std::isspace(static_cast<unsigned char>(c))) {
      flush();
    } else if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
      flush();
      words.emplace_back(1, ';');  // every separator ends a command alike
    } else {
      word += c;
    }
  }
  flush();
  return words;
}

std::string_view base_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

BuildStep parse_build_step(std::string_view created_by) {
  auto text = trim(created_by);
  if (text.ends_with(kBuildKitMark))
    text = trim(text.substr(0, text.size() - kBuildKitMark.size()));
  if (is_instruction(first_word(text))) return split_instruction(text);

  const bool legacy = text.starts_with(kShell) ||
                      (text.starts_with('|') && text.find(kShell) != std::string_view::npos);
  if (!legacy) return {};
  const auto command = shell_command_of(text);
  if (command.starts_with(kNoOperation)) {
    return split_instruction(trim(command.substr(kNoOperation.size())));
  }
  return {"RUN", std::string(command)};
}

std::string add_destination(const BuildStep& step) {
  const std::string_view arguments = step.arguments;
  constexpr std::string_view in = " in ";
  if (const auto at = arguments.rfind(in); at != std::string_view::npos) {
    return std::string(trim(arguments.substr(at + in.size())));
  }
  const auto last_space = arguments.find_last_of(" \t");
  return std::string(last_space == std::string_view::npos ? arguments
                                                          : arguments.substr(last_space + 1));
}

std::vector<PackageCommand> package_commands(std::string_view shell_command) {
  const auto words = shell_words(shell_command);
  std::vector<PackageCommand> commands;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto name = base_name(words[i]);
    if (std::find(kPackageManagers.begin(), kPackageManagers.end(), name) ==
        kPackageManagers.end()) {
      continue;
    }
    auto next = i + 1;
    while (next < words.size() && words[next].starts_with('-')) {
      next += takes_value(words[next]) ? 2 : 1;
    }
    if (next < words.size() && words[next] != ";") {
      commands.push_back({std::string(name), words[next]});
    }
  }
  return commands;
}

}  // namespace dockaudit::checks
