#include "domain/classification_model.hpp"

#include <string>

namespace kk::domain {

const AspectDefinition* ClassificationModel::find_aspect(Aspect a) const {
  for (const auto& def : aspects)
    if (def.aspect == a) return &def;
  return nullptr;
}

const LevelDefinition* ClassificationModel::find_level(int level) const {
  for (const auto& def : levels)
    if (def.level == level) return &def;
  return nullptr;
}

Status ClassificationModel::check_level(Aspect a, int level) const {
  std::string field = "classification." + std::string(to_string(a));
  if (!find_aspect(a)) return Error::unprocessable("error.aspect_not_in_model", field);
  if (!find_level(level))
    return Error::unprocessable("error.level_out_of_range", field)
        .with("min", std::to_string(min_level()))
        .with("max", std::to_string(max_level()));
  return ok();
}

Status ClassificationModel::validate() const {
  if (id.empty()) return Error::invalid("error.required", "id");
  if (levels.empty()) return Error::invalid("error.required", "levels");
  for (std::size_t i = 1; i < levels.size(); ++i)
    if (levels[i].level != levels[i - 1].level + 1)
      return Error::invalid("error.levels_not_contiguous", "levels");
  for (Aspect required : {Aspect::confidentiality, Aspect::integrity, Aspect::availability}) {
    const auto* def = find_aspect(required);
    if (!def || def->optional) return Error::invalid("error.aspect_required", std::string(to_string(required)));
  }
  return ok();
}

}  // namespace kk::domain
