#include "domain/case_facts.hpp"

#include <set>

namespace kk::domain {

namespace {
const std::set<std::string>& fact_names() {
  static const std::set<std::string> names = {
      "confidentiality", "integrity", "availability", "traceability", "max_level",
      "personal_data", "sensitive_personal_data", "secrecy", "security_protection", "critical_service",
      "kind", "object_type", "delivery_model", "law", "procedure", "operator", "support", "hosting_location",
      "supplier_remote_access", "supplier_data_copies", "framework_agreement", "cloud", "external_party"};
  return names;
}

FactValue level(const std::optional<int>& v) {
  if (!v) return std::monostate{};
  return static_cast<long long>(*v);
}
}  // namespace

std::string fact_text(const FactValue& v) {
  if (auto* n = std::get_if<long long>(&v)) return std::to_string(*n);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return "";
}

bool CaseFacts::known(const std::string& name) { return fact_names().count(name) > 0; }

const FactValue& CaseFacts::get(const std::string& name) const {
  static const FactValue unknown;
  auto it = values.find(name);
  return it == values.end() ? unknown : it->second;
}

CaseFacts make_case_facts(const CaseFactInput& in) {
  CaseFacts f;
  for (Aspect a : all_aspects) f.values[std::string(to_string(a))] = level(in.classification[a].level);
  f.values["max_level"] = level(in.classification.max_level());
  for (auto name : enum_names(Flag{})) f.values[std::string(name)] = in.flags.count(*parse_enum<Flag>(name)) > 0;
  f.values["kind"] = std::string(to_string(in.kind));
  f.values["object_type"] = std::string(to_string(in.object_type));
  f.values["delivery_model"] = std::string(to_string(in.delivery_model));
  f.values["law"] = std::string(to_string(in.law));
  f.values["procedure"] = in.procedure ? FactValue(std::string(to_string(*in.procedure))) : FactValue();
  f.values["operator"] = std::string(to_string(in.operator_party));
  f.values["support"] = std::string(to_string(in.support));
  f.values["hosting_location"] = std::string(to_string(in.hosting_location));
  f.values["supplier_remote_access"] = in.supplier_remote_access;
  f.values["supplier_data_copies"] = in.supplier_data_copies;
  // Derived facts the routines speak of.
  f.values["framework_agreement"] = in.kind == CaseKind::framework_agreement || in.kind == CaseKind::call_off;
  f.values["cloud"] = in.delivery_model == DeliveryModel::cloud_iaas || in.delivery_model == DeliveryModel::cloud_paas ||
                      in.delivery_model == DeliveryModel::cloud_saas ||
                      in.hosting_location != HostingLocation::own_premises;
  f.values["external_party"] = in.operator_party == Party::external || in.support == Party::external;
  return f;
}

}  // namespace kk::domain
