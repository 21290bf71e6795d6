#include "domain/case_facts.hpp"

#include <map>

namespace kk::domain {

namespace {
const std::map<std::string, FactKind>& fact_kinds() {
  using K = FactKind;
  static const std::map<std::string, FactKind> kinds = {
      // The case classification.
      {"confidentiality", K::number}, {"integrity", K::number}, {"availability", K::number},
      {"traceability", K::number}, {"max_level", K::number}, {"classification_complete", K::boolean},
      // The flags of its assets.
      {"personal_data", K::boolean}, {"sensitive_personal_data", K::boolean}, {"secrecy", K::boolean},
      {"security_protection", K::boolean}, {"critical_service", K::boolean},
      // The case's own facts and the organisation's kind.
      {"kind", K::text}, {"object_type", K::text}, {"delivery_model", K::text}, {"law", K::text},
      {"procedure", K::text}, {"operator", K::text}, {"support", K::text}, {"hosting_location", K::text},
      {"supplier_remote_access", K::boolean}, {"supplier_data_copies", K::boolean}, {"org_kind", K::text},
      // Derived.
      {"framework_agreement", K::boolean}, {"cloud", K::boolean}, {"external_party", K::boolean},
      // Recorded by the case's guided forms (catalog/forms/).
      {"dpia_criteria", K::number}, {"dpia_high_residual_risk", K::boolean},
      {"supplier_outside_eu_eea", K::boolean}, {"supplier_us_link", K::boolean},
      {"framework_terms_sufficient", K::boolean}, {"framework_allows_additions", K::boolean},
      {"standard_contract", K::boolean}, {"security_consultation_required", K::boolean},
      {"outsourcing_outcome", K::text},
      // Counted from the case's registers.
      {"external_requirement_excludes", K::boolean}, {"governing_documents", K::number},
      {"framework_parties", K::number}};
  return kinds;
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

bool CaseFacts::known(const std::string& name) { return fact_kinds().count(name) > 0; }

FactKind CaseFacts::kind_of(const std::string& name) {
  auto it = fact_kinds().find(name);
  return it == fact_kinds().end() ? FactKind::text : it->second;
}

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
  f.values["org_kind"] = in.org_kind ? FactValue(std::string(to_string(*in.org_kind))) : FactValue();
  f.values["classification_complete"] = in.classification_complete;
  for (const auto& [name, value] : in.recorded)
    if (CaseFacts::known(name)) f.values[name] = value;
  return f;
}

}  // namespace kk::domain
