#pragma once
// Classification values and the case classification: the maximum per aspect over the
// case's assets, naming the asset that set each maximum.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "domain/enums.hpp"

namespace kk::domain {

struct Classification {
  std::array<std::optional<int>, 4> levels{};  // indexed by Aspect
  std::optional<int>& operator[](Aspect a) { return levels[static_cast<std::size_t>(a)]; }
  const std::optional<int>& operator[](Aspect a) const { return levels[static_cast<std::size_t>(a)]; }
  std::optional<int> max_level() const;
  bool operator==(const Classification&) const = default;
};

struct ClassifiedAsset {
  std::string id;
  std::string name;
  Classification classification;
};

struct AspectMaximum {
  std::optional<int> level;
  std::string asset_id;    // the asset that set the maximum (first one on ties)
  std::string asset_name;
};

struct CaseClassification {
  std::array<AspectMaximum, 4> aspects{};
  const AspectMaximum& operator[](Aspect a) const { return aspects[static_cast<std::size_t>(a)]; }
  std::optional<int> max_level() const;
};

CaseClassification classify_case(const std::vector<ClassifiedAsset>& assets);

}  // namespace kk::domain
