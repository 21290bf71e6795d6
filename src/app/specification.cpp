#include "app/specification.hpp"

#include "app/views.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
// The message-catalogue group that names the values of an enumerated fact.
std::string value_group(const std::string& fact) {
  static const std::map<std::string, std::string> groups = {
      {"kind", "case_kind"}, {"delivery_model", "delivery_model"}, {"hosting_location", "hosting_location"},
      {"operator", "party"}, {"support", "party"},                 {"law", "law"},
      {"object_type", "object_type"}, {"procedure", "procedure"}};
  auto it = groups.find(fact);
  return it == groups.end() ? std::string() : it->second;
}

json string_list(const std::vector<std::string>& v) { return json(v); }

template <class E>
json enum_list_json(const std::vector<E>& v) {
  json out = json::array();
  for (E e : v) out.push_back(to_string(e));
  return out;
}
}  // namespace

CaseFacts SpecificationService::facts_of(const Case& c, const std::vector<Asset>& assets) {
  CaseFactInput in;
  std::vector<ClassifiedAsset> classified;
  for (const auto& a : assets) {
    classified.push_back({a.id, a.name, a.classification});
    in.flags.insert(a.flags.begin(), a.flags.end());
  }
  in.classification = classify_case(classified);
  in.kind = c.kind;
  in.object_type = c.object_type;
  in.delivery_model = c.delivery_model;
  in.law = c.law;
  in.procedure = c.procedure;
  in.operator_party = c.operator_party;
  in.support = c.support;
  in.hosting_location = c.hosting_location;
  in.supplier_remote_access = c.supplier_remote_access;
  in.supplier_data_copies = c.supplier_data_copies;
  return make_case_facts(in);
}

std::vector<const RuleSet*> SpecificationService::rule_sets() const {
  std::vector<const RuleSet*> sets;
  for (const auto& s : content_.rule_sets) sets.push_back(&s);
  return sets;
}

Evaluation SpecificationService::evaluate(Transaction& tx, const Case& c) const {
  auto facts = facts_of(c, tx.case_assets(c.org_id, c.id));
  return evaluate_rules(facts, rule_sets(), content_.catalogue(content_.default_catalogue));
}

json SpecificationService::reason_json(const Actor& actor, const Reason& r) const {
  const auto& messages = content_.messages;
  std::string set_name = r.rule_set;
  for (const auto& s : content_.rule_sets)
    if (s.id == r.rule_set) set_name = s.name.in(actor.lang);
  json facts = json::object();
  std::string because;
  for (const auto& [fact, value] : r.facts) {
    std::string shown = fact_text(value);
    if (std::holds_alternative<bool>(value)) shown = messages.text(actor.lang, std::get<bool>(value) ? "ui.yes" : "ui.no");
    else if (std::holds_alternative<std::monostate>(value)) shown = messages.text(actor.lang, "ui.not_set");
    else if (auto group = value_group(fact); !group.empty()) shown = messages.text(actor.lang, "enum." + group + "." + shown);
    facts[fact] = std::holds_alternative<long long>(value)   ? json(std::get<long long>(value))
                  : std::holds_alternative<bool>(value)      ? json(std::get<bool>(value))
                  : std::holds_alternative<std::string>(value) ? json(std::get<std::string>(value))
                                                               : json();
    if (!because.empty()) because += ", ";
    because += messages.text(actor.lang, "fact." + fact) + ": " + shown;
  }
  std::string text = messages.text(actor.lang, "spec.reason",
                                   {{"rule_set", set_name}, {"version", std::to_string(r.rule_set_version)},
                                    {"rule", r.rule_id}});
  if (!because.empty()) text += " " + messages.text(actor.lang, "spec.because", {{"facts", because}});
  return {{"rule_set", r.rule_set}, {"rule_set_version", r.rule_set_version}, {"rule_id", r.rule_id},
          {"facts", facts}, {"text", text}};
}

json SpecificationService::findings_json(const Actor& actor, const Evaluation& ev) const {
  json findings = json::array(), activities = json::array();
  for (const auto& f : ev.findings)
    findings.push_back({{"severity", to_string(f.severity)},
                        {"text", f.text.in(actor.lang)},
                        {"blocks_gate", f.blocks_gate ? json(to_string(*f.blocks_gate)) : json()},
                        {"reasons", json::array({reason_json(actor, f.reason)})}});
  for (const auto& a : ev.activities)
    activities.push_back({{"key", a.key},
                          {"name", a.name.in(actor.lang)},
                          {"blocks_gate", a.blocks_gate ? json(to_string(*a.blocks_gate)) : json()},
                          {"reasons", json::array({reason_json(actor, a.reason)})}});
  return {{"findings", findings}, {"activities", activities}, {"suppressed", ev.suppressed}};
}

Result<json> SpecificationService::findings(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    return findings_json(actor, evaluate(tx, *c));
  });
}

Result<json> SpecificationService::get(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    Evaluation ev = evaluate(tx, *c);
    const Catalogue& cat = content_.catalogue(content_.default_catalogue);
    json entries = json::array();
    for (const auto& e : ev.entries) {
      const Requirement& r = *cat.find(e.requirement_id);
      json reasons = json::array();
      for (const auto& reason : e.reasons) reasons.push_back(reason_json(actor, reason));
      const Area* area = cat.find_area(r.area);
      entries.push_back({{"id", r.id},
                         {"requirement_id", r.id},
                         {"catalogue", cat.id},
                         {"area", r.area},
                         {"area_name", area ? area->name.in(actor.lang) : r.area},
                         {"kind", to_string(e.kind)},
                         {"placement", to_string(r.placement)},
                         {"weight", e.kind == RequirementKind::bor ? json(e.weight) : json()},
                         {"answer", to_string(r.answer)},
                         {"ska_text", r.ska_text},
                         {"ar_text", r.ar_text},
                         {"motive", r.motive},
                         {"verification", enum_list_json(r.verification)},
                         {"checked", enum_list_json(r.checked)},
                         {"follow_up", r.follow_up ? json{{"method", r.follow_up->method},
                                                          {"frequency", to_string(r.follow_up->frequency)}}
                                                   : json()},
                         {"references", {{"iso27001", string_list(r.iso27001)}, {"law", string_list(r.law)},
                                         {"sources", string_list(r.sources)}}},
                         {"standard_named", r.standard_named},
                         {"reasons", reasons},
                         {"status", "active"},
                         {"locked", e.locked}});
    }
    json rule_sets = json::array();
    for (const auto& s : content_.rule_sets) rule_sets.push_back({{"id", s.id}, {"version", s.version}});
    json out = findings_json(actor, ev);
    out["case_id"] = c->id;
    out["catalogue"] = {{"id", cat.id}, {"version", cat.version}};
    out["rule_sets"] = rule_sets;
    out["stored"] = false;
    out["entries"] = entries;
    return out;
  });
}

}  // namespace kk::app
