#include "domain/catalogue.hpp"

#include <set>

namespace kk::domain {

void Catalogue::build_index() {
  index_.clear();
  for (std::size_t i = 0; i < requirements.size(); ++i) index_[requirements[i].id] = i;
}

const Requirement* Catalogue::find(const std::string& id) const {
  if (index_.size() == requirements.size()) {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &requirements[it->second];
  }
  for (const auto& r : requirements)
    if (r.id == id) return &r;
  return nullptr;
}

const Area* Catalogue::find_area(const std::string& key) const {
  for (const auto& a : areas)
    if (a.key == key) return &a;
  return nullptr;
}

std::size_t Catalogue::area_index(const std::string& key) const {
  for (std::size_t i = 0; i < areas.size(); ++i)
    if (areas[i].key == key) return i;
  return areas.size();
}

Status Catalogue::validate() const {
  if (id.empty()) return Error::invalid("error.required", "id");
  std::set<std::string> ids, area_keys;
  for (const auto& a : areas)
    if (!area_keys.insert(a.key).second) return Error::invalid("error.duplicate_key", "areas." + a.key);
  for (const auto& r : requirements) {
    auto field = [&](const char* f) { return r.id + "." + f; };
    if (r.id.empty()) return Error::invalid("error.required", "requirements.id");
    if (!ids.insert(r.id).second) return Error::invalid("error.duplicate_requirement", r.id).with("value", r.id);
    if (!find_area(r.area)) return Error::invalid("error.unknown_area", field("area")).with("value", r.area);
    if (r.ska_text.empty()) return Error::invalid("error.required", field("ska_text"));
    if (r.motive.empty()) return Error::invalid("error.required", field("motive"));
    if (r.verification.empty()) return Error::invalid("error.required", field("verification"));
    if (r.sources.empty()) return Error::invalid("error.required", field("references.seed"));
    if (r.placement == Placement::award && r.kind != RequirementKind::bor)
      return Error::invalid("error.award_must_be_bor", field("kind"));
    if (r.kind == RequirementKind::bor && (r.weight < 1 || r.weight > 10))
      return Error::invalid("error.out_of_range", field("weight")).with("min", "1").with("max", "10");
    if (r.kind == RequirementKind::ska && r.answer != AnswerKind::yes_no && r.answer != AnswerKind::acceptance)
      return Error::invalid("error.ska_answer", field("answer"));
  }
  return ok();
}

Catalogue merge_catalogues(const std::vector<const Catalogue*>& catalogues, std::vector<std::string>& conflicts) {
  Catalogue merged;
  std::set<std::string> taken;
  for (const Catalogue* c : catalogues) {
    merged.id += (merged.id.empty() ? "" : "+") + c->id;
    if (merged.parts.empty()) {
      merged.version = c->version;
      merged.language = c->language;
      merged.name = c->name;
      merged.description = c->description;
    } else {
      merged.name.sv += " + " + c->name.sv;
      merged.name.en += " + " + c->name.en;
    }
    merged.parts.emplace_back(c->id, c->version);
    for (const auto& a : c->areas)
      if (!merged.find_area(a.key)) merged.areas.push_back(a);
    for (const auto& r : c->requirements) {
      // The index is built at the end; until then a set of the ids taken keeps the merge linear.
      if (!taken.insert(r.id).second) {
        conflicts.push_back(c->id + ":" + r.id);
        continue;
      }
      merged.requirements.push_back(r);
    }
  }
  merged.build_index();
  return merged;
}

}  // namespace kk::domain
