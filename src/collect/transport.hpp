// The one seam between dockaudit and the engine: GET a path, get an answer.
// The real transport is libcurl; tests use an in-memory engine.
#pragma once

#include <map>
#include <string>

#include "src/snapshot/snapshot.hpp"

namespace dockaudit::collect {

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased, values trimmed
};

class Transport {
 public:
  virtual ~Transport() = default;

  // A failure to reach the engine or read its answer is an error with an
  // actionable reason; an HTTP error status is a response, not a failure.
  virtual snapshot::Gathered<HttpResponse> get(const std::string& path) = 0;

  // Names the engine in messages ("unix:///var/run/docker.sock").
  virtual const std::string& describe() const = 0;
};

}  // namespace dockaudit::collect
