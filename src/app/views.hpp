#pragma once
// JSON representations of records, used by the API, the pages and the audit log alike.
#include <map>
#include <nlohmann/json.hpp>

#include "app/records.hpp"
#include "domain/case_facts.hpp"

namespace kk::app {

using UserNames = std::map<std::string, std::string>;  // user id -> display name

nlohmann::json classification_json(const domain::Classification& c);
nlohmann::json flags_json(const std::set<domain::Flag>& flags);
nlohmann::json asset_json(const Asset& a, const UserNames& names = {});
nlohmann::json user_json(const User& u);
nlohmann::json organisation_json(const Organisation& o);
nlohmann::json case_fields_json(const Case& c);

UserNames user_names(const std::vector<User>& users);

// A fact's value as JSON (number, boolean, text or null) and back.
nlohmann::json fact_value_json(const domain::FactValue& v);
domain::FactValue fact_value_from_json(const nlohmann::json& j);

}  // namespace kk::app
