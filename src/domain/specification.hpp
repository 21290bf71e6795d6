#pragma once
// A case's stored specification: entries with their status, origin and reasons; the
// proposed difference when the facts have changed since; and the rules every edit keeps
// (a reason to strike, a decision for locked entries and for a frozen specification).
#include <optional>
#include <string>
#include <vector>

#include "domain/rule_evaluation.hpp"

namespace kk::domain {

KK_ENUM(EntryStatus, active, struck, declined, removed)
KK_ENUM(EntryOrigin, rule, manual)

struct SpecEntry {
  std::string requirement_id;
  std::string catalogue_id;
  EntryOrigin origin = EntryOrigin::rule;
  EntryStatus status = EntryStatus::active;
  RequirementKind kind = RequirementKind::ska;
  int weight = 0;
  bool locked = false;
  bool keep = false;  // a proposed removal was declined
  std::vector<Reason> reasons;
  std::string note;
  std::string case_text;
  std::optional<std::string> changed_by;
  std::optional<std::string> changed_at;
  std::int64_t version = 1;
  bool in_documents() const { return status == EntryStatus::active; }
};

// What the current facts would change in a stored specification.
struct SpecProposal {
  std::vector<GeneratedEntry> add;     // selected now, not in the stored specification at all
  std::vector<std::string> remove;     // rule entries no longer selected, not kept by a decline
  bool empty() const { return add.empty() && remove.empty(); }
};

// Entries of an evaluation, each naming the catalogue its requirement comes from.
std::vector<SpecEntry> entries_from(const Evaluation& ev, const Catalogue& catalogue);
SpecProposal propose_changes(const Evaluation& computed, const std::vector<SpecEntry>& stored);

struct EntryEdit {
  std::optional<EntryStatus> status;        // active or struck
  std::optional<RequirementKind> kind;
  std::optional<int> weight;
  std::optional<std::string> case_text;
  std::string reason;                       // why: required to strike
  std::string decision;                     // a recorded decision: required for locked entries and frozen specifications
};

// actor_owns_rules: the actor holds the role that owns the rule sets (may decide on locked entries).
Status check_entry_edit(const SpecEntry& current, const EntryEdit& edit, bool frozen, bool actor_owns_rules);
// Applies a checked edit.
void apply_entry_edit(SpecEntry& entry, const EntryEdit& edit);

}  // namespace kk::domain
