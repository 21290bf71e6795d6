#pragma once
// Every write records who, when, what, before and after — in the same transaction.
#include <nlohmann/json.hpp>

#include "app/actor.hpp"
#include "app/ports.hpp"

namespace kk::app {

void record_audit(Transaction& tx, const Actor& actor, const std::string& action, const std::string& object_type,
                  const std::string& object_id, const nlohmann::json& before, const nlohmann::json& after);

nlohmann::json audit_entry_json(const AuditEntry& e);

}  // namespace kk::app
