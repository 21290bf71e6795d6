#include "domain/process_model.hpp"

#include <set>
#include <stdexcept>

namespace kk::domain {

const PhaseDefinition& ProcessModel::phase(Phase p) const {
  for (const auto& def : phases)
    if (def.phase == p) return def;
  throw std::logic_error("process model without phase " + std::string(to_string(p)));
}

const GateDefinition& ProcessModel::gate(Gate g) const {
  for (const auto& def : gates)
    if (def.gate == g) return def;
  throw std::logic_error("process model without gate " + std::string(to_string(g)));
}

const StepDefinition& ProcessModel::step(Step s) const {
  for (const auto& def : steps)
    if (def.step == s) return def;
  throw std::logic_error("process model without step " + std::string(to_string(s)));
}

const ActivityDefinition* ProcessModel::find_activity(const std::string& key) const {
  for (const auto& def : activities)
    if (def.key == key) return &def;
  return nullptr;
}

const CompetenceDefinition* ProcessModel::find_competence(const std::string& key) const {
  for (const auto& def : competences)
    if (def.key == key) return &def;
  return nullptr;
}

Status ProcessModel::validate() const {
  if (steps.size() != 3) return Error::invalid("error.process_steps", "steps");
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (static_cast<std::size_t>(steps[i].step) != i) return Error::invalid("error.process_order", "steps");
  if (phases.size() != 6) return Error::invalid("error.process_phases", "phases");
  for (std::size_t i = 0; i < phases.size(); ++i)
    if (static_cast<std::size_t>(phases[i].phase) != i) return Error::invalid("error.process_order", "phases");
  if (gates.size() != gate_count) return Error::invalid("error.process_gates", "gates");
  for (std::size_t i = 0; i < gates.size(); ++i)
    if (gate_index(gates[i].gate) != i) return Error::invalid("error.process_order", "gates");
  std::set<std::string> keys;
  for (const auto& a : activities) {
    if (!keys.insert(a.key).second) return Error::invalid("error.duplicate_key", "activities." + a.key);
    if (gate(a.gate).phase != a.phase) return Error::invalid("error.activity_gate_phase", "activities." + a.key);
  }
  std::set<std::string> competence_keys;
  for (const auto& c : competences)
    if (!competence_keys.insert(c.key).second)
      return Error::invalid("error.duplicate_key", "competences." + c.key);
  return ok();
}

}  // namespace kk::domain
