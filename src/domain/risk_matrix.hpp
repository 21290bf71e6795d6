#pragma once
// A risk matrix: likelihood and consequence scales and the resulting level of each pair.
// Matrices are data (catalog/risk/*.yaml), versioned, one chosen per organisation.
#include <string>
#include <vector>

#include "domain/localized.hpp"
#include "domain/result.hpp"

namespace kk::domain {

struct ScaleStep {
  int level = 1;
  Localized name;
  Localized description;
};

struct RiskLevel {
  std::string key;  // low, medium, high, very_high
  Localized name;
  Localized description;
};

struct RiskMatrix {
  std::string id;
  int version = 1;
  Localized name;
  Localized description;
  std::vector<ScaleStep> likelihood;   // ascending from 1
  std::vector<ScaleStep> consequence;  // ascending from 1
  std::vector<RiskLevel> levels;       // ascending
  std::vector<std::vector<std::size_t>> cells;  // [likelihood-1][consequence-1] -> index into levels
  std::size_t acceptance = 0;          // the highest level index acceptable without measures

  int size() const { return static_cast<int>(likelihood.size()); }
  // Checks a likelihood/consequence pair; the error names `field_prefix`likelihood or …consequence.
  Status check(int likelihood_level, int consequence_level, const std::string& field_prefix = {}) const;
  // The resulting level (index into levels) of a checked pair.
  std::size_t level_index(int likelihood_level, int consequence_level) const;
  const RiskLevel& level(int likelihood_level, int consequence_level) const;
  bool acceptable(int likelihood_level, int consequence_level) const;
  // Square, contiguous scales, every cell a known level, never lower when either grows.
  Status validate() const;
};

}  // namespace kk::domain
