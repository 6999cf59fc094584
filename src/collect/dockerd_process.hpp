// Finds the dockerd that serves the audited unix socket and reads what it was
// started with from /proc. Several daemons may run on one host: the one
// holding the socket is audited, never "the newest dockerd".
#pragma once

#include <filesystem>
#include <string>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

inline constexpr const char* kDefaultDockerdPidfile = "/var/run/docker.pid";

// Paths are as the audited host sees them; `root` ("/" in a real audit, a
// fixture tree in tests) is prepended to every file read, /proc included.
struct ProcessSearch {
  std::filesystem::path root = "/";
  std::string socket_path;                       // the audited unix socket; "" for a TCP engine
  std::string pidfile = kDefaultDockerdPidfile;  // tried only when the socket leads nowhere
};

// The socket's owner: a dockerd process with an open descriptor on a socket
// that /proc/net/unix lists at `socket_path` (the same file by device and
// inode counts too: /var/run is /run). Failing that, the pidfile's process
// when it is a dockerd. The error names every place looked at and why each
// gave nothing.
snapshot::Gathered<snapshot::DockerdProcess> find_dockerd(const ProcessSearch& search);

// Reads /proc/<pid>: cmdline, exe, cwd, status Uid, and the allowed
// environment variables. Parts that cannot be read are listed in
// `unreadable`; a pid without a /proc entry is an error.
snapshot::Gathered<snapshot::DockerdProcess> read_dockerd_process(const std::filesystem::path& root,
                                                                  int pid);

}  // namespace dockaudit::collect
