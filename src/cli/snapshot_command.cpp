#include "src/cli/snapshot_command.hpp"

#include <unistd.h>

#include <climits>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "checks/secret_masking.hpp"
#include "src/audit/json_text.hpp"
#include "src/cli/diagnostics.hpp"
#include "src/collect/collector.hpp"
#include "src/collect/curl_transport.hpp"
#include "src/collect/endpoint.hpp"
#include "src/report/report.hpp"

namespace dockaudit::cli {

namespace {

AuditSource collect_live(const Options& options, const Environment& environment) {
  const auto endpoint =
      collect::parse_endpoint(collect::choose_engine_url(options.host, environment.docker_host));
  collect::CurlTransport transport(endpoint);
  collect::EngineClient engine(transport);
  collect::CollectOptions collect_options{options.daemon_config, "/", endpoint.socket_path, {}};
  if (environment.docker_content_trust) {
    collect_options.docker_content_trust = environment.docker_content_trust;
  }
  return {collect::collect(engine, collect_options), endpoint.url, "", ""};
}

AuditSource load_saved(const std::string& path) {
  auto loaded = snapshot::load_snapshot(path);
  return {std::move(loaded.snapshot), loaded.origin.engine_endpoint, path, loaded.origin.hostname};
}

std::string hostname() {
  char name[HOST_NAME_MAX + 1] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

// The same refusals an audit makes before it starts, for the same reasons.
void check_snapshot_inputs(const Options& options) {
  std::error_code error;
  if (options.daemon_config && !std::filesystem::exists(*options.daemon_config, error)) {
    throw UsageError(fmt::format("--daemon-config {}: no such file", *options.daemon_config));
  }
  if (!options.output) return;
  try {
    report::report_destination(*options.output);
  } catch (const std::runtime_error& problem) {
    throw UsageError(fmt::format("--output {}", problem.what()));
  }
}

}  // namespace

AuditSource gather_audit_source(const Options& options, const Environment& environment) {
  if (options.snapshot_file) return load_saved(*options.snapshot_file);
  return collect_live(options, environment);
}

std::string snapshot_document(snapshot::Snapshot snapshot, const snapshot::SnapshotOrigin& origin) {
  checks::mask_secrets(snapshot);
  return audit::to_text(snapshot::to_json(snapshot, origin), 2) + "\n";
}

int save_snapshot(const Options& options, const Environment& environment) {
  auto& err = *environment.err;
  AuditSource source;
  try {
    check_snapshot_inputs(options);
    source = collect_live(options, environment);
  } catch (const std::exception& error) {
    print_error(err, error.what());
    return kUsageError;
  }
  // Saved all the same: an audit of it says, check by check, what could not
  // be judged, as a live audit would.
  const int saved = source.snapshot.engine.ok() ? kPolicyMet : kAuditIncomplete;
  if (!source.snapshot.engine.ok()) print_warning(err, source.snapshot.engine.error);

  const auto text = snapshot_document(std::move(source.snapshot),
                                      {DOCKAUDIT_VERSION, hostname(), source.engine_url});
  if (!options.output) {
    *environment.out << text << std::flush;
    if (*environment.out) return saved;
    print_error(err, "cannot write the snapshot to standard output");
    return kUsageError;
  }
  try {
    report::write_atomically(*options.output, text, report::FileAccess::owner_only);
  } catch (const std::exception& error) {
    print_error(err, error.what());
    return kUsageError;
  }
  return saved;
}

}  // namespace dockaudit::cli
