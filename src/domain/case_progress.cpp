#include "domain/case_progress.hpp"
#include "domain/text.hpp"

namespace kk::domain {

std::optional<Gate> CaseProgress::next_gate() const {
  if (all_passed()) return std::nullopt;
  return static_cast<Gate>(passed_count);
}

Phase CaseProgress::current_phase(const ProcessModel& model) const {
  if (auto next = next_gate()) return model.gate(*next).phase;
  return model.gates.back().phase;
}

Step CaseProgress::current_step(const ProcessModel& model) const {
  return model.phase(current_phase(model)).step;
}

CaseProgress replay_decisions(const std::vector<DecisionRecord>& log) {
  CaseProgress progress;
  for (const auto& d : log) {
    if (d.outcome == Outcome::approved) progress.passed_count = gate_index(d.gate) + 1;
    if (d.outcome == Outcome::reopened) progress.passed_count = gate_index(d.gate);
  }
  return progress;
}

Result<DecisionEffect> check_decision(const ProcessModel& model, const CaseProgress& progress,
                                      CaseStatus status, const NewDecision& decision,
                                      const std::map<std::string, ActivityStatus>& activity_status) {
  if (status != CaseStatus::open)
    return Error::unprocessable("error.case_closed", "gate").with("status", std::string(to_string(status)));
  if (blank(decision.rationale))
    return Error::unprocessable("error.required", "rationale");

  DecisionEffect effect{CaseStatus::open, progress};
  const std::string gate_name(to_string(decision.gate));

  if (decision.outcome == Outcome::reopened) {
    if (!progress.passed(decision.gate))
      return Error::unprocessable("error.gate_not_passed", "gate").with("gate", gate_name);
    effect.progress_after.passed_count = gate_index(decision.gate);
    return effect;
  }

  if (progress.passed(decision.gate))
    return Error::unprocessable("error.gate_already_passed", "gate").with("gate", gate_name);
  auto next = progress.next_gate();
  if (!next || *next != decision.gate)
    return Error::unprocessable("error.gate_out_of_order", "gate")
        .with("gate", gate_name)
        .with("expected", next ? std::string(to_string(*next)) : std::string());

  if (decision.outcome == Outcome::rejected) {
    if (decision.gate == Gate::procure_decision) effect.status_after = CaseStatus::met_otherwise;
    return effect;
  }

  // approved: every activity due at or before this gate must be settled.
  std::string open_activities;
  for (const auto& activity : model.activities) {
    if (gate_index(activity.gate) > gate_index(decision.gate)) continue;
    auto it = activity_status.find(activity.key);
    if (it == activity_status.end() || it->second == ActivityStatus::open) {
      if (!open_activities.empty()) open_activities += ", ";
      open_activities += activity.key;
    }
  }
  if (!open_activities.empty())
    return Error::unprocessable("error.activities_open", "gate")
        .with("gate", gate_name)
        .with("activities", open_activities);

  effect.progress_after.passed_count = gate_index(decision.gate) + 1;
  if (effect.progress_after.all_passed()) effect.status_after = CaseStatus::completed;
  return effect;
}

Status check_activity_update(const ProcessModel& model, CaseStatus status, const std::string& key,
                             ActivityStatus new_status, const std::string& comment) {
  const ActivityDefinition* activity = model.find_activity(key);
  if (!activity) return Error::not_found();
  if (status != CaseStatus::open)
    return Error::unprocessable("error.case_closed", "status").with("status", std::string(to_string(status)));
  if (new_status == ActivityStatus::not_applicable) {
    if (!model.phase(activity->phase).allow_not_applicable)
      return Error::unprocessable("error.not_applicable_not_allowed", "status");
    if (blank(comment))
      return Error::unprocessable("error.reason_required", "comment");
  }
  return ok();
}

}  // namespace kk::domain
