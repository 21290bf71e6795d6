#pragma once
// The procurement process of the MSB guidance (Figur 1, Tabell 1): three steps, six phases,
// eight gates in a fixed order, and the activities of each phase. Step, phase and gate keys
// are fixed by the process; names, guidance, activities and competences are data
// (catalog/process/*.yaml).
#include <optional>
#include <string>
#include <vector>

#include "domain/enums.hpp"
#include "domain/localized.hpp"
#include "domain/result.hpp"

namespace kk::domain {

struct StepDefinition {
  Step step;
  Localized name;
};

struct PhaseDefinition {
  Phase phase;
  Step step;
  Localized name;
  Localized description;
  bool allow_not_applicable = true;
};

struct GateDefinition {
  Gate gate;
  Phase phase;
  Localized name;
  Localized question;
};

struct ActivityDefinition {
  std::string key;
  Phase phase;
  Gate gate;  // must be done (or not applicable) before this gate is approved
  Localized name;
  Localized guidance;
  std::string reference;
};

struct CompetenceDefinition {
  std::string key;
  Localized name;
};

struct ProcessModel {
  std::string id;
  int version = 1;
  std::vector<StepDefinition> steps;
  std::vector<PhaseDefinition> phases;
  std::vector<GateDefinition> gates;  // in process order
  std::vector<ActivityDefinition> activities;
  std::vector<CompetenceDefinition> competences;

  const PhaseDefinition& phase(Phase p) const;
  const GateDefinition& gate(Gate g) const;
  const StepDefinition& step(Step s) const;
  const ActivityDefinition* find_activity(const std::string& key) const;
  const CompetenceDefinition* find_competence(const std::string& key) const;
  // Checks completeness: every step, phase and gate once and in order, activities on
  // gates of their own phase, unique keys. The error names the offending entry.
  Status validate() const;
};

inline std::size_t gate_index(Gate g) { return static_cast<std::size_t>(g); }
inline constexpr std::size_t gate_count = 8;

}  // namespace kk::domain
