#include "app/audit.hpp"

#include "app/audit_chain.hpp"
#include "app/clock.hpp"

namespace kk::app {

void record_audit(Transaction& tx, const Actor& actor, const std::string& action, const std::string& object_type,
                  const std::string& object_id, const nlohmann::json& before, const nlohmann::json& after) {
  AuditEntry e;
  e.seq = tx.next_audit_seq(actor.org_id());
  e.at = now_utc();
  if (!actor.system) e.actor_id = actor.user.id;
  e.actor_name = actor.system ? "kravkedja (kommandorad)" : actor.user.display_name;
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  if (!before.is_null()) e.before_json = before.dump();
  if (!after.is_null()) e.after_json = after.dump();
  chain_audit_entry(tx, actor.org_id(), e);
  tx.insert_audit(actor.org_id(), e);
}

nlohmann::json audit_entry_json(const AuditEntry& e) {
  auto parse = [](const std::optional<std::string>& s) {
    return s ? nlohmann::json::parse(*s, nullptr, false) : nlohmann::json();
  };
  return {{"seq", e.seq},
          {"at", e.at},
          {"actor_id", e.actor_id ? nlohmann::json(*e.actor_id) : nlohmann::json()},
          {"actor_name", e.actor_name},
          {"action", e.action},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"before", parse(e.before_json)},
          {"after", parse(e.after_json)},
          {"hash", e.entry_hash ? nlohmann::json(*e.entry_hash) : nlohmann::json()}};
}

}  // namespace kk::app
