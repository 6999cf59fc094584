// What a snapshot may hold once it leaves the host: the values checks judge
// as secrets are replaced, in a way those checks still read.
#pragma once

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::checks {

// Replaces, before a snapshot is saved:
//   - every image environment value by mask_value's marker, which records
//     only what the secret detector concluded about it;
//   - every container and image label value that find_secrets(key, value)
//     judges a secret by that same marker; other label values are kept,
//     because profile scopes and waivers select targets by them and an
//     offline audit must select what the live one did;
//   - the secrets inside image history lines, container processes, exec
//     commands and healthcheck commands by mask_text, which keeps the rest of
//     the line that checks parse (sshd, NONE); the checks show these lines
//     masked the same way live, so evidence is the same offline;
//   - every environment value of the systemd units by "<masked>": no check
//     reads them, and they may hold proxy credentials.
// Replacing the values, rather than storing the detector's verdict beside
// them, keeps the checks pure functions of the snapshot that cannot tell a
// live snapshot from a loaded one: image.secrets gives the same verdict and
// the same evidence offline as it gave live.
void mask_secrets(snapshot::Snapshot& snapshot);

}  // namespace dockaudit::checks
