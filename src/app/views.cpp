#include "app/views.hpp"

namespace kk::app {
using nlohmann::json;
using namespace kk::domain;

namespace {
template <class T>
json nullable(const std::optional<T>& v) {
  return v ? json(*v) : json();
}
json name_of(const std::optional<std::string>& id, const UserNames& names) {
  if (!id) return json();
  auto it = names.find(*id);
  return it == names.end() ? json() : json(it->second);
}
}  // namespace

UserNames user_names(const std::vector<User>& users) {
  UserNames names;
  for (const auto& u : users) names[u.id] = u.display_name;
  return names;
}

json classification_json(const Classification& c) {
  json j = json::object();
  for (Aspect a : all_aspects) j[std::string(to_string(a))] = nullable(c[a]);
  return j;
}

json flags_json(const std::set<Flag>& flags) {
  json j = json::object();
  for (auto name : enum_names(Flag{})) j[std::string(name)] = flags.count(*parse_enum<Flag>(name)) > 0;
  return j;
}

json asset_json(const Asset& a, const UserNames& names) {
  return {{"id", a.id},
          {"version", a.version},
          {"name", a.name},
          {"description", a.description},
          {"owner_user_id", nullable(a.owner_user_id)},
          {"owner_name", name_of(a.owner_user_id, names)},
          {"owner_unit", a.owner_unit},
          {"classification", classification_json(a.classification)},
          {"max_level", nullable(a.classification.max_level())},
          {"model", {{"id", a.model_id}, {"version", a.model_version}}},
          {"stage", to_string(a.stage)},
          {"method", to_string(a.method)},
          {"approved_by", nullable(a.approved_by)},
          {"approved_by_name", name_of(a.approved_by, names)},
          {"approved_at", nullable(a.approved_at)},
          {"flags", flags_json(a.flags)},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

json user_json(const User& u) {
  json roles = json::array();
  for (Role r : u.roles) roles.push_back(to_string(r));
  return {{"id", u.id},          {"version", u.version}, {"username", u.username}, {"display_name", u.display_name},
          {"active", u.active},  {"roles", roles},       {"created_at", u.created_at}, {"email", u.email},
          {"supplier_id", u.supplier_id ? nlohmann::json(*u.supplier_id) : nlohmann::json()}};
}

json organisation_json(const Organisation& o) {
  return {{"id", o.id},
          {"version", o.version},
          {"name", o.name},
          {"org_number", o.org_number},
          {"kind", to_string(o.kind)},
          {"language", to_string(o.language)},
          {"classification_model", o.classification_model},
          {"catalogue_id", o.catalogue_id},
          {"risk_matrix", o.risk_matrix},
          {"archive_retention_years", o.archive_retention_years ? json(*o.archive_retention_years) : json()},
          {"created_at", o.created_at}};
}

json case_fields_json(const Case& c) {
  return {{"id", c.id},
          {"version", c.version},
          {"registry_number", c.registry_number},
          {"title", c.title},
          {"kind", to_string(c.kind)},
          {"need_statement", c.need_statement},
          {"alternatives", c.alternatives},
          {"object_type", to_string(c.object_type)},
          {"delivery_model", to_string(c.delivery_model)},
          {"law", to_string(c.law)},
          {"procedure", c.procedure ? json(to_string(*c.procedure)) : json()},
          {"estimated_value_sek", nullable(c.estimated_value_sek)},
          {"tender_deadline", nullable(c.tender_deadline)},
          {"operator", to_string(c.operator_party)},
          {"support", to_string(c.support)},
          {"hosting_location", to_string(c.hosting_location)},
          {"supplier_remote_access", c.supplier_remote_access},
          {"supplier_data_copies", c.supplier_data_copies},
          {"information_location", c.information_location},
          {"software_location", c.software_location},
          {"hardware_location", c.hardware_location},
          {"delivery_manager_id", nullable(c.delivery_manager_id)},
          {"can_receive_incidents", nullable(c.can_receive_incidents)},
          {"can_run_followups", nullable(c.can_run_followups)},
          {"catalogues", c.catalogue_ids},
          {"status", to_string(c.status)},
          {"closed_reason", c.closed_reason},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

json fact_value_json(const domain::FactValue& v) {
  if (auto* n = std::get_if<long long>(&v)) return *n;
  if (auto* b = std::get_if<bool>(&v)) return *b;
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return nullptr;
}

domain::FactValue fact_value_from_json(const json& j) {
  if (j.is_number_integer()) return j.get<long long>();
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_string()) return j.get<std::string>();
  return std::monostate{};
}

}  // namespace kk::app
