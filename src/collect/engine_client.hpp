// Engine API calls on top of a transport: version negotiation, JSON answers,
// and errors that say which request failed and why.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "src/collect/transport.hpp"

namespace dockaudit::collect {

// The newest Engine API version whose answers this client understands. The
// version used is the lower of this and the engine's own (from /_ping).
inline constexpr std::string_view kNewestApiVersion = "1.51";

inline constexpr long kHttpNotFound = 404;
// What the engine answers for a manager-only request on a node that is not one.
inline constexpr long kHttpServiceUnavailable = 503;

// Engine ids are hex ("sha256:" before image ids); anything else would change
// the request path.
bool is_valid_engine_id(const std::string& id);

struct EngineAnswer {
  nlohmann::json body;
  long http_status = 0;
  std::string error;  // empty when body is usable

  bool ok() const { return error.empty(); }
};

// Compares dotted API versions numerically ("1.9" < "1.41"); false when either
// is malformed.
bool api_version_less(std::string_view left, std::string_view right);

class EngineClient {
 public:
  explicit EngineClient(Transport& transport) : transport_(transport) {}

  // GET /_ping and pick the API version. Returns the version chosen, or the
  // reason the engine could not be reached. Call before anything else.
  snapshot::Gathered<std::string> negotiate();

  // GET a versioned path ("/info") and parse the JSON answer.
  EngineAnswer get_json(const std::string& path);

  const std::string& describe() const { return transport_.describe(); }

 private:
  Transport& transport_;
  std::string version_prefix_;  // "/v1.41", or empty when the engine named none
};

}  // namespace dockaudit::collect
