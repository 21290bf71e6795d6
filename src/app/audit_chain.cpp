#include "app/audit_chain.hpp"

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "app/crypto.hpp"

namespace kk::app {

namespace {
nlohmann::json text_or_null(const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(); }

constexpr int batch = 2000;

// Seals the entries an organisation wrote before the chain existed: the unsealed entries at
// the start of its log, in order. An unsealed entry after a sealed one is never sealed: only
// someone writing to the database directly can have made it, and verify reports it.
std::int64_t seal_organisation(Transaction& tx, const std::string& org_id) {
  // Every start looks here: an organisation whose first entry is sealed needs no batch read.
  auto first = tx.audit_ascending(org_id, 0, 1);
  if (first.empty() || first.front().entry_hash) return 0;
  std::int64_t sealed = 0, after = 0;
  std::string prev;
  for (;;) {
    auto entries = tx.audit_ascending(org_id, after, batch);
    if (entries.empty()) break;
    for (auto& e : entries) {
      after = e.seq;
      if (e.entry_hash) return sealed;
      e.prev_hash = prev;
      e.entry_hash = audit_entry_hash(org_id, e);
      tx.seal_audit_entry(org_id, e.seq, *e.prev_hash, *e.entry_hash);
      prev = *e.entry_hash;
      ++sealed;
    }
  }
  return sealed;
}
}  // namespace

std::string audit_canonical(const std::string& org_id, const AuditEntry& e) {
  return nlohmann::json::array({org_id, e.seq, e.at, text_or_null(e.actor_id), e.actor_name, e.action, e.object_type,
                                e.object_id, text_or_null(e.before_json), text_or_null(e.after_json),
                                e.prev_hash.value_or("")})
      .dump();
}

std::string audit_entry_hash(const std::string& org_id, const AuditEntry& e) {
  return sha256_hex(audit_canonical(org_id, e));
}

void chain_audit_entry(Transaction& tx, const std::string& org_id, AuditEntry& e) {
  auto before = tx.audit_before(org_id, e.seq);
  // An entry from before the chain existed is sealed first, so the new one links to it.
  if (before && !before->entry_hash) {
    seal_organisation(tx, org_id);
    before = tx.audit_before(org_id, e.seq);
  }
  e.prev_hash = before && before->entry_hash ? *before->entry_hash : "";
  e.entry_hash = audit_entry_hash(org_id, e);
}

std::int64_t seal_audit_chains(Store& store) {
  std::int64_t sealed = 0;
  std::vector<std::string> orgs;
  {
    auto tx = store.begin(false);
    orgs = tx->organisation_ids();
  }
  for (const auto& org : orgs) {
    auto tx = store.begin(true);
    sealed += seal_organisation(*tx, org);
    tx->commit();
  }
  return sealed;
}

std::optional<ChainBreak> verify_audit_chain(Transaction& tx, const std::string& org, std::int64_t& entries) {
  std::string name = org;
  if (auto o = tx.organisation(org)) name = o->name;
  std::optional<ChainBreak> found;
  auto broken = [&](std::int64_t seq, ChainProblem problem) { found = ChainBreak{org, name, seq, problem}; };
  std::string prev;
  std::int64_t after = 0, expected = 1;
  // Behind the last checkpoint the chain starts where the removed entries ended. The checkpoint
  // is an entry of the chain itself, so changing what it says breaks the chain.
  if (auto checkpoint = tx.latest_audit_action(org, "audit.checkpoint")) {
    auto said = nlohmann::json::parse(checkpoint->after_json.value_or("{}"), nullptr, false);
    if (said.is_object() && said.value("through_seq", 0LL) > 0) {
      after = said.value("through_seq", 0LL);
      expected = after + 1;
      prev = said.value("last_hash", "");
    }
  }
  while (!found) {
    auto batch_of = tx.audit_ascending(org, after, batch);
    if (batch_of.empty()) break;
    for (const auto& e : batch_of) {
      after = e.seq;
      ++entries;
      if (e.seq != expected) broken(expected, ChainProblem::missing);
      else if (!e.entry_hash || !e.prev_hash) broken(e.seq, ChainProblem::unsealed);
      else if (audit_entry_hash(org, e) != *e.entry_hash) broken(e.seq, ChainProblem::altered);
      else if (*e.prev_hash != prev) broken(e.seq, ChainProblem::broken_link);
      else {
        prev = *e.entry_hash;
        ++expected;
        continue;
      }
      break;
    }
  }
  // Entries removed at the end leave no gap in what remains: the counter still knows.
  if (!found && expected - 1 < tx.audit_counter(org)) broken(expected, ChainProblem::missing_at_end);
  return found;
}

ChainReport verify_audit_chains(Store& store) {
  ChainReport report;
  auto tx = store.begin(false);
  for (const auto& org : tx->organisation_ids()) {
    ++report.organisations;
    if (auto b = verify_audit_chain(*tx, org, report.entries)) report.breaks.push_back(*b);
  }
  return report;
}

int record_restore(Store& store, const std::string& backup_name, const std::string& backup_sha256) {
  auto tx = store.begin(true);
  auto orgs = tx->organisation_ids();
  for (const auto& org : orgs)
    record_audit(*tx, system_actor(org), "system.restore", "organisation", org, nullptr,
                 {{"backup", backup_name}, {"sha256", backup_sha256}});
  tx->commit();
  return static_cast<int>(orgs.size());
}

PruneResult prune_audit_log(Store& store, const std::string& org_name, const std::string& cutoff) {
  PruneResult out;
  auto tx = store.begin(true);
  auto org = tx->organisation_by_name(org_name);
  if (!org) return out;
  out.found = true;
  // The last entry older than the cutoff, read forward from where the log now starts.
  std::optional<AuditEntry> last;
  std::int64_t after = 0, older = 0;
  for (bool more = true; more;) {
    auto entries = tx->audit_ascending(org->id, after, batch);
    more = !entries.empty();
    for (const auto& e : entries) {
      after = e.seq;
      if (e.at >= cutoff) {
        more = false;
        break;
      }
      last = e;
      ++older;
    }
  }
  if (!last || !last->entry_hash) return out;
  out.through_seq = last->seq;
  // The checkpoint is appended first, linked to the newest entry like any other; then the old
  // entries go. What remains starts right after the last one removed, linked to its hash.
  record_audit(*tx, system_actor(org->id), "audit.checkpoint", "audit", org->id, nullptr,
               {{"through_seq", last->seq}, {"last_hash", *last->entry_hash}, {"removed", older},
                {"before", cutoff}});
  out.removed = tx->delete_audit_through(org->id, last->seq);
  tx->commit();
  return out;
}

}  // namespace kk::app
