// Command-line options, parsed once and passed down; nothing reads them from
// globals.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace dockaudit::cli {

enum class Command { audit, list_checks, explain, coverage, help, version };
enum class Format { text, json };

struct Options {
  Command command = Command::audit;
  std::optional<std::string> host;
  std::optional<std::string> daemon_config;  // unset: the running dockerd's choice
  std::string profile;
  std::vector<std::string> levels;  // empty: the profile's default levels
  Format format = Format::text;
  std::optional<std::string> output;
  std::string explain_id;  // for Command::explain
  bool no_color = false;
  std::string help_text;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws UsageError naming the bad flag or value.
Options parse_options(const std::vector<std::string>& arguments);

}  // namespace dockaudit::cli
