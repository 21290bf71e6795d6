#pragma once
// The audit log as a tamper-evident chain, one per organisation: every entry carries the hash
// of the entry before it and its own SHA-256 over a canonical form of all its fields. A row
// changed, removed or slipped in directly in the database breaks the chain where it happened;
// entries removed at the end show against the organisation's entry counter.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/ports.hpp"
#include "domain/enums.hpp"

namespace kk::app {

// The canonical form: a JSON array of the organisation, every field of the entry in a fixed
// order (null for absent ones, the stored JSON texts as they are) and the previous hash.
std::string audit_canonical(const std::string& org_id, const AuditEntry& e);
std::string audit_entry_hash(const std::string& org_id, const AuditEntry& e);

// Links a new entry to the chain (inside the writing transaction, after its seq is taken):
// sets its previous hash and its own hash.
void chain_audit_entry(Transaction& tx, const std::string& org_id, AuditEntry& e);

KK_ENUM(ChainProblem, altered, broken_link, missing, missing_at_end, unsealed)

struct ChainBreak {
  std::string org_id;
  std::string org_name;
  std::int64_t seq = 0;  // the first entry where the chain does not hold
  ChainProblem problem = ChainProblem::altered;
};

struct ChainReport {
  int organisations = 0;
  std::int64_t entries = 0;
  std::vector<ChainBreak> breaks;  // at most one per organisation: the first
};

// Seals the entries written before the chain existed (once, at start-up); returns how many.
std::int64_t seal_audit_chains(Store& store);
// Recomputes every organisation's chain, from its start or from behind its last checkpoint.
ChainReport verify_audit_chains(Store& store);
// One organisation's chain inside a transaction (an import checks it before committing); counts
// the entries read into `entries`. The first break, or none.
std::optional<ChainBreak> verify_audit_chain(Transaction& tx, const std::string& org_id, std::int64_t& entries);

struct PruneResult {
  bool found = false;             // the organisation exists
  std::int64_t removed = 0;       // entries removed
  std::int64_t through_seq = 0;   // the last removed entry
};
// Retention: removes an organisation's entries written before `cutoff` (UTC text) and appends an
// "audit.checkpoint" entry that names the last one removed and carries its hash, so what
// remains still verifies from there. Nothing is removed when nothing is that old.
PruneResult prune_audit_log(Store& store, const std::string& org_name, const std::string& cutoff);

// After a restore: appends "system.restore" (which backup, its SHA-256) to every organisation's
// chain, so the log itself says that the data was put back. Returns how many organisations.
int record_restore(Store& store, const std::string& backup_name, const std::string& backup_sha256);

}  // namespace kk::app
