#include "domain/specification.hpp"
#include "domain/text.hpp"

#include <algorithm>
#include <set>

namespace kk::domain {

std::vector<SpecEntry> entries_from(const Evaluation& ev, const Catalogue& catalogue) {
  std::vector<SpecEntry> out;
  for (const auto& e : ev.entries) {
    SpecEntry s;
    s.requirement_id = e.requirement_id;
    const Requirement* r = catalogue.find(e.requirement_id);
    s.catalogue_id = r && !r->catalogue.empty() ? r->catalogue : catalogue.id;
    s.kind = e.kind;
    s.weight = e.weight;
    s.locked = e.locked;
    s.reasons = e.reasons;
    out.push_back(std::move(s));
  }
  return out;
}

SpecProposal propose_changes(const Evaluation& computed, const std::vector<SpecEntry>& stored) {
  SpecProposal p;
  std::set<std::string> known;
  for (const auto& s : stored) known.insert(s.requirement_id);
  for (const auto& e : computed.entries)
    if (!known.count(e.requirement_id)) p.add.push_back(e);
  for (const auto& s : stored)
    if (s.origin == EntryOrigin::rule && s.status == EntryStatus::active && !s.keep && !computed.find(s.requirement_id))
      p.remove.push_back(s.requirement_id);
  return p;
}

Status check_entry_edit(const SpecEntry& current, const EntryEdit& edit, bool frozen, bool actor_owns_rules) {
  if (edit.status && *edit.status != EntryStatus::active && *edit.status != EntryStatus::struck)
    return Error::unprocessable("error.entry_status", "status");
  if (frozen && blank(edit.decision)) return Error::unprocessable("error.specification_frozen", "decision");

  bool strikes = edit.status == EntryStatus::struck && current.status != EntryStatus::struck;
  bool weakens = edit.kind == RequirementKind::bor && current.kind == RequirementKind::ska;
  if (strikes && blank(edit.reason)) return Error::unprocessable("error.strike_reason", "reason");
  if (current.locked && (strikes || weakens)) {
    if (!actor_owns_rules) return Error{ErrorKind::forbidden, "error.locked_entry", "status", {}};
    if (blank(edit.decision)) return Error::unprocessable("error.locked_decision", "decision");
  }
  RequirementKind kind = edit.kind.value_or(current.kind);
  if (edit.weight) {
    if (kind != RequirementKind::bor) return Error::unprocessable("error.weight_only_bor", "weight");
    if (*edit.weight < 1 || *edit.weight > 10)
      return Error::unprocessable("error.out_of_range", "weight").with("min", "1").with("max", "10");
  }
  return ok();
}

void apply_entry_edit(SpecEntry& entry, const EntryEdit& edit) {
  if (edit.status) entry.status = *edit.status;
  if (edit.kind) {
    entry.kind = *edit.kind;
    if (entry.kind == RequirementKind::ska) entry.weight = 0;
    else if (entry.weight == 0) entry.weight = 1;
  }
  if (edit.weight) entry.weight = *edit.weight;
  if (edit.case_text) entry.case_text = *edit.case_text;
  std::string note = !edit.decision.empty() ? edit.decision : edit.reason;
  if (!note.empty()) entry.note = note;
}

}  // namespace kk::domain
