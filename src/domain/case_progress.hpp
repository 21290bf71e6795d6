#pragma once
// Where a case stands in the process, derived from its decision log, and the rules a new
// decision must satisfy: gates are passed in order and once; `reopened` returns the case to
// before a passed gate; a rejected procure_decision closes the case as met another way.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/enums.hpp"
#include "domain/process_model.hpp"
#include "domain/result.hpp"

namespace kk::domain {

struct DecisionRecord {
  Gate gate;
  Outcome outcome;
};

struct CaseProgress {
  std::size_t passed_count = 0;  // gates [0, passed_count) are passed
  bool passed(Gate g) const { return gate_index(g) < passed_count; }
  bool all_passed() const { return passed_count >= gate_count; }
  std::optional<Gate> next_gate() const;
  Phase current_phase(const ProcessModel& model) const;
  Step current_step(const ProcessModel& model) const;
};

CaseProgress replay_decisions(const std::vector<DecisionRecord>& log);

struct NewDecision {
  Gate gate;
  Outcome outcome;
  std::string rationale;
};

// What a valid decision does to the case.
struct DecisionEffect {
  CaseStatus status_after = CaseStatus::open;
  CaseProgress progress_after;
};

// activity_status: activity key -> status (missing keys count as open).
Result<DecisionEffect> check_decision(const ProcessModel& model, const CaseProgress& progress,
                                      CaseStatus status, const NewDecision& decision,
                                      const std::map<std::string, ActivityStatus>& activity_status);

// An activity update: unknown activity is not found; "not applicable" needs a reason and is
// refused where the phase does not allow it (the prestudy).
Status check_activity_update(const ProcessModel& model, CaseStatus status, const std::string& key,
                             ActivityStatus new_status, const std::string& comment);

}  // namespace kk::domain
