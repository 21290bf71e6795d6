#include "domain/classification.hpp"

namespace kk::domain {

std::optional<int> Classification::max_level() const {
  std::optional<int> best;
  for (const auto& level : levels)
    if (level && (!best || *level > *best)) best = level;
  return best;
}

std::optional<int> CaseClassification::max_level() const {
  std::optional<int> best;
  for (const auto& a : aspects)
    if (a.level && (!best || *a.level > *best)) best = a.level;
  return best;
}

CaseClassification classify_case(const std::vector<ClassifiedAsset>& assets) {
  CaseClassification result;
  for (const auto& asset : assets) {
    for (Aspect aspect : all_aspects) {
      const auto& level = asset.classification[aspect];
      auto& current = result.aspects[static_cast<std::size_t>(aspect)];
      if (level && (!current.level || *level > *current.level)) {
        current.level = level;
        current.asset_id = asset.id;
        current.asset_name = asset.name;
      }
    }
  }
  return result;
}

}  // namespace kk::domain
