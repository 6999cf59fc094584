// A value read from one source, or the reason it could not be read.
#pragma once

#include <optional>
#include <string>

namespace dockaudit::snapshot {

// "Could not look" must never be mistaken for "nothing there". Neither a
// value nor an error means the source was not read because it does not apply
// (the processes of a stopped container, the cluster of a swarm worker).
template <typename T>
struct Gathered {
  std::optional<T> value;
  std::string error;

  bool ok() const { return value.has_value(); }
  bool failed() const { return !error.empty(); }
  static Gathered failure(std::string reason) { return {std::nullopt, std::move(reason)}; }
};

}  // namespace dockaudit::snapshot
