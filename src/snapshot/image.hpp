// An image as the engine describes it: the configuration a container starts
// from, and the build steps its history records.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/snapshot/gathered.hpp"

namespace dockaudit::snapshot {

// One entry of GET /images/{id}/history, newest first as the engine lists
// them. CreatedBy is the builder's own record of the instruction:
//   legacy builder  "/bin/sh -c #(nop) ADD file:<hash> in /srv "  (non-RUN)
//                   "/bin/sh -c apt-get update"                     (RUN)
//                   "|1 TOKEN=x /bin/sh -c make"                    (RUN with build args)
//   BuildKit        "ADD app.tar /srv # buildkit", "RUN /bin/sh -c make # buildkit"
//   docker import   ""; docker commit: the container's command
struct HistoryStep {
  std::string created_by;
  std::int64_t created = 0;  // unix seconds
};

struct Image {
  std::string id;                         // "sha256:<hex>"
  std::vector<std::string> repo_tags;     // empty for a dangling image
  std::vector<std::string> repo_digests;  // empty when never pushed or pulled
  std::string created;                    // Created, RFC 3339
  std::string inspect_error;              // set when inspect failed; other fields then empty

  std::string user;                                     // Config.User
  std::optional<std::vector<std::string>> healthcheck;  // Config.Healthcheck.Test
  std::vector<std::string> env;                         // Config.Env, "KEY=value"
  std::map<std::string, std::string> labels;            // Config.Labels

  Gathered<std::vector<HistoryStep>> history;
};

// An image reference as `docker images` spells it: "nginx" and
// "docker.io/library/nginx" become "nginx:latest", "docker.io/acme/app:2"
// becomes "acme/app:2"; a digest reference keeps its digest and gets no tag.
std::string familiar_reference(std::string_view reference);

// The first tag, else the first digest, else "<none>" and the short id: how
// `docker images` would let a person find it.
std::string display_name(const Image& image);

}  // namespace dockaudit::snapshot
