// Command-line options, parsed once and passed down; nothing reads them from
// globals.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "src/audit/result.hpp"
#include "src/report/report.hpp"

namespace dockaudit::cli {

enum class Command {
  audit,
  snapshot,  // dockaudit snapshot: collect and save, audit nothing
  list_checks,
  explain,
  coverage,
  profiles,  // dockaudit profiles list|show|validate|schema
  report_merge,    // dockaudit report merge A.json B.json ...
  report_convert,  // dockaudit report convert RUN.json --format F
  help,
  version
};

struct Options {
  Command command = Command::audit;
  std::optional<std::string> host;
  std::optional<std::string> daemon_config;  // unset: the running dockerd's choice
  std::string profile;
  std::vector<std::string> levels;  // empty: the profile's default levels
  std::vector<report::Format> formats{report::Format::text};
  std::optional<std::string> output;      // one format, to this file
  std::optional<std::string> output_dir;  // every format, as dockaudit.<format> there
  std::optional<std::string> waivers;
  std::optional<std::string> baseline;
  std::optional<double> fail_under;
  std::optional<audit::Severity> fail_on;
  std::vector<std::string> report_files;  // for report merge and report convert
  std::optional<std::string> snapshot_file;  // --snapshot: audit this saved snapshot offline
  std::string explain_id;  // for Command::explain
  std::vector<std::string> profiles_arguments;  // for Command::profiles: "show", "baseline"
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
