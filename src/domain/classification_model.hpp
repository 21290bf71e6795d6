#pragma once
// A classification model: the aspects information is classified on and the levels of harm.
// Models are data (catalog/classification/*.yaml), versioned; an asset stores the id and
// version of the model its levels were set on.
#include <optional>
#include <string>
#include <vector>

#include "domain/enums.hpp"
#include "domain/localized.hpp"
#include "domain/result.hpp"

namespace kk::domain {

struct AspectDefinition {
  Aspect aspect;
  std::string code;  // K, R, T, S
  bool optional = false;
  Localized name;
  Localized description;
};

struct LevelDefinition {
  int level = 0;
  Localized name;
  Localized description;
};

struct ClassificationModel {
  std::string id;
  int version = 1;
  Localized name;
  Localized description;
  std::vector<AspectDefinition> aspects;
  std::vector<LevelDefinition> levels;  // ascending, contiguous from min_level()

  int min_level() const { return levels.empty() ? 0 : levels.front().level; }
  int max_level() const { return levels.empty() ? 0 : levels.back().level; }
  const AspectDefinition* find_aspect(Aspect a) const;
  const LevelDefinition* find_level(int level) const;
  // Checks that a level is one of the model's, for the given aspect; the error names the field.
  Status check_level(Aspect a, int level) const;
  // Checks the model itself (contiguous levels, mandatory aspects present).
  Status validate() const;
};

}  // namespace kk::domain
