// Snapshots on the command line: `dockaudit snapshot` collects and saves what
// an audit would judge; `dockaudit --snapshot FILE` judges a saved one. Both
// share the step that yields the snapshot an audit runs on.
#pragma once

#include <string>

#include "src/cli/options.hpp"
#include "src/cli/run.hpp"
#include "src/snapshot/serialize.hpp"
#include "src/snapshot/snapshot.hpp"

namespace dockaudit::cli {

// The snapshot an audit judges, and where it came from for the report.
struct AuditSource {
  snapshot::Snapshot snapshot;
  std::string engine_url;     // the engine collected from, live or when saved
  std::string snapshot_file;  // "" for a live audit
  std::string hostname;       // where a saved snapshot was collected; "" live
};

// Loads --snapshot FILE, or else collects from the engine the options and
// $DOCKER_HOST name. Throws std::runtime_error (UsageError, SnapshotError)
// for input that makes an audit pointless: a bad endpoint, a malformed file.
AuditSource gather_audit_source(const Options& options, const Environment& environment);

// The document `dockaudit snapshot` writes: secrets masked, then serialised.
std::string snapshot_document(snapshot::Snapshot snapshot, const snapshot::SnapshotOrigin& origin);

// `dockaudit snapshot [--output FILE]`: exit 0 when saved, 2 when nothing
// could be saved, 3 when the engine could not be reached (the snapshot is
// saved all the same, recording why, and a warning says so).
int save_snapshot(const Options& options, const Environment& environment);

}  // namespace dockaudit::cli
