// The recommendations of the CIS Docker Benchmark versions dockaudit
// implements, one row per recommendation with its number in each version.
// The coverage document and the cis-docker-* profiles are checked against it,
// so no recommendation can go missing unnoticed.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check.hpp"

namespace dockaudit::checks {

struct Recommendation {
  CisNumbers numbers;      // empty where a version does not have it
  std::string_view level;  // the benchmark's profile: "1", "2" or "swarm"
  std::string_view title;  // paraphrased
};

// A benchmark version dockaudit implements: "cis-docker-1.8", "1.8.0".
struct BenchmarkVersion {
  std::string_view profile;
  std::string_view version;
  std::string_view CisNumbers::*number;
};

// In benchmark order (1.8.0 numbering).
std::span<const Recommendation> cis_recommendations();

// 1.6.0, 1.7.0 and 1.8.0, oldest first.
std::span<const BenchmarkVersion> cis_versions();

// The registered checks that implement `number` in `version`.
std::vector<const Check*> checks_for(const BenchmarkVersion& version, std::string_view number);

// The coverage document: every recommendation of every version and the checks
// that decide it (docs/cis-coverage.md is this text).
std::string render_coverage();

}  // namespace dockaudit::checks
