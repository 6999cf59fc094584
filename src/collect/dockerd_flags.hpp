// dockerd's command line read the way pflag reads it, each flag mapped to the
// daemon.json key it sets; and from the same table, the keys dockerd accepts
// in daemon.json.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockaudit::collect {

enum class FlagKind {
  boolean,  // --f or --f=true|false; never takes the next argument
  text,
  integer,
  list,     // repeatable; each use adds one string
  map,      // repeatable key=value (--log-opt)
  ulimit,   // repeatable name=soft[:hard]
  runtime,  // repeatable name=path (--add-runtime)
};

// A dockerd flag. Major versions count as dockerd numbers them: 20 stands for
// 20.10 and everything older.
struct FlagSpec {
  std::string_view name;  // long name, without dashes
  char shorthand = 0;
  FlagKind kind = FlagKind::text;
  std::string_view key;  // the daemon.json key: the name, or a repeatable flag's plural
  int since = 20;        // first major version that has the flag
  int until = 0;         // first major version without it; 0 when still there
};

// Every Linux dockerd flag of 20.10 (visible and hidden) and of later versions.
const std::vector<FlagSpec>& dockerd_flag_specs();

const FlagSpec* find_flag(std::string_view name);

struct FlagSetting {
  nlohmann::json value;  // as daemon.json would hold it
  // The arguments that produced the value, as written: "--icc=false",
  // "-H fd://". A repeated scalar keeps only the last one, which wins.
  std::vector<std::string> spellings;
};

struct DockerdFlags {
  std::map<std::string, FlagSetting> settings;  // by daemon.json key
  std::optional<std::string> config_file;       // --config-file, as written
  std::vector<std::string> unknown;             // arguments dockaudit does not know
  std::vector<std::string> problems;            // values pflag would refuse
};

// `arguments` excludes argv[0].
DockerdFlags parse_dockerd_flags(const std::vector<std::string>& arguments);

// Whether dockerd `major` (0: unknown, then any version's names count)
// accepts `key` at the top level of daemon.json: a long flag name, a
// repeatable flag's plural, or a key exempt from validation.
bool is_accepted_daemon_json_key(const std::string& key, int major);

// Every key accepted by dockerd `major`, for "did you mean" suggestions.
std::vector<std::string> accepted_daemon_json_keys(int major);

// Keys dockerd accepts but never reads into its configuration: the singular
// names of repeatable flags (the value belongs under the plural) and flags
// that have no daemon.json field. Returns the key to use instead, "" when the
// setting has no daemon.json form at all, or nullopt when `key` is read.
std::optional<std::string> replacement_for_ignored_key(const std::string& key);

}  // namespace dockaudit::collect
