#pragma once

#include <chrono>
#include <cstddef>

#include "src/collect/endpoint.hpp"
#include "src/collect/transport.hpp"

namespace dockaudit::collect {

// Limits on every request, so a hung or hostile engine cannot stall or exhaust
// the audit.
inline constexpr std::chrono::milliseconds kConnectTimeout{5'000};
inline constexpr std::chrono::milliseconds kRequestTimeout{30'000};
inline constexpr std::size_t kMaxAnswerBytes = 64 * 1024 * 1024;

struct TransportLimits {
  std::chrono::milliseconds connect_timeout = kConnectTimeout;
  std::chrono::milliseconds request_timeout = kRequestTimeout;
  std::size_t max_answer_bytes = kMaxAnswerBytes;
};

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(Endpoint endpoint, TransportLimits limits = {});

  snapshot::Gathered<HttpResponse> get(const std::string& path) override;
  const std::string& describe() const override { return endpoint_.url; }

 private:
  Endpoint endpoint_;
  TransportLimits limits_;
};

}  // namespace dockaudit::collect
