// Changes during a contract (seed 000 §5, "Identifiera behov av förändringar"): each one marks
// the contract for a re-assessment; a new delivery model or hosting location changes the case's
// facts at once, and the requirements the rules select are compared before and after. A
// proposed change to the contract itself goes through the LOU 17 kap. checklist, and only an
// allowed change adds measures to the contract.
#include <set>

#include "app/case_evaluation.hpp"
#include "app/case_records.hpp"
#include "app/clock.hpp"
#include "app/contract_life.hpp"
#include "app/contracts.hpp"
#include "app/crypto.hpp"
#include "app/input.hpp"
#include "app/suppliers.hpp"
#include "domain/contract_change.hpp"
#include "domain/deadline.hpp"
#include "domain/follow_up.hpp"
#include "domain/text.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
json ids_with_kinds(const std::vector<GeneratedEntry>& entries) {
  json out = json::array();
  for (const auto& e : entries) out.push_back({{"requirement_id", e.requirement_id}, {"kind", to_string(e.kind)}});
  return out;
}

json admissibility_json(const ChangeAdmissibility& a) {
  json open = json::array();
  for (auto q : a.unanswered) open.push_back(to_string(q));
  return {{"verdict", to_string(a.verdict)}, {"basis", a.basis}, {"unanswered", open}};
}
}  // namespace

Result<json> ContractLifeService::record_change(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    std::optional<Contract> c = KK_TRY(writable_contract(tx, actor.org_id(), id));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"kind", "description", "effective_on", "delivery_model", "hosting_location",
                                     "subcontractor", "subcontractor_country", "contract_change_proposed", "reassessment_due_on",
                                     "reassessment_owner_user_id"}));
    KK_TRY(input::require(body, "kind"));
    ChangeKind kind = ChangeKind::ownership;
    KK_TRY(input::enumeration(body, "kind", kind));
    std::string description, subcontractor;
    KK_TRY(input::text(body, "description", description, input::long_text));
    if (blank(description)) return Error::unprocessable("error.required", "description");
    std::optional<std::string> effective_on, due_on, owner;
    KK_TRY(input::optional_date(body, "effective_on", effective_on));
    KK_TRY(input::optional_date(body, "reassessment_due_on", due_on));
    KK_TRY(input::optional_text(body, "reassessment_owner_user_id", owner, 64));
    KK_TRY(input::text(body, "subcontractor", subcontractor, input::short_text));
    std::string subcontractor_country;
    KK_TRY(input::text(body, "subcontractor_country", subcontractor_country, 2));
    bool subcontractor_change = kind == ChangeKind::subcontractor_added || kind == ChangeKind::subcontractor_removed;
    if (subcontractor_change && blank(subcontractor)) return Error::unprocessable("error.required", "subcontractor");
    if (!subcontractor_change && body.contains("subcontractor"))
      return Error::unprocessable("error.field_not_for_change", "subcontractor");
    // A new subcontractor goes into the supplier register with its country, so the register's
    // findings (a third country, …) follow it.
    if (kind == ChangeKind::subcontractor_added && blank(subcontractor_country))
      return Error::unprocessable("error.required", "subcontractor_country");
    if (kind != ChangeKind::subcontractor_added && body.contains("subcontractor_country"))
      return Error::unprocessable("error.field_not_for_change", "subcontractor_country");
    std::optional<DeliveryModel> model;
    std::optional<HostingLocation> hosting;
    KK_TRY(input::optional_enumeration(body, "delivery_model", model));
    KK_TRY(input::optional_enumeration(body, "hosting_location", hosting));
    if (kind == ChangeKind::delivery_model && !model) return Error::unprocessable("error.required", "delivery_model");
    if (kind == ChangeKind::hosting_location && !hosting) return Error::unprocessable("error.required", "hosting_location");
    if (kind != ChangeKind::delivery_model && model) return Error::unprocessable("error.field_not_for_change", "delivery_model");
    if (kind != ChangeKind::hosting_location && hosting)
      return Error::unprocessable("error.field_not_for_change", "hosting_location");
    bool proposed = false;
    if (body.contains("contract_change_proposed")) KK_TRY(input::boolean(body, "contract_change_proposed", proposed));

    auto the_case = tx.get_case(actor.org_id(), c->case_id);
    if (!the_case) return Error::not_found();
    if (owner) {
      auto u = tx.user(actor.org_id(), *owner);
      if (!u || u->is_supplier() || !u->active) return Error::unprocessable("error.unknown_user", "reassessment_owner_user_id");
    }
    json before = ids_with_kinds(selected(tx, *the_case));
    if (model || hosting) {
      // The case's facts follow the change, so the rules see the delivery as it now is.
      if (the_case->status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
      Case next = *the_case;
      if (model) next.delivery_model = *model;
      if (hosting) next.hosting_location = *hosting;
      next.updated_at = now_utc();
      if (!tx.update_case(next, the_case->version)) return Error::conflict("error.stale_version");
      record_audit(tx, actor, "case.update", "case", the_case->id,
                   {{"delivery_model", to_string(the_case->delivery_model)},
                    {"hosting_location", to_string(the_case->hosting_location)}},
                   {{"delivery_model", to_string(next.delivery_model)},
                    {"hosting_location", to_string(next.hosting_location)}, {"contract_id", id}});
      next.version = the_case->version + 1;
      *the_case = next;
    }
    json supplier_findings = json::array();
    if (subcontractor_change)
      supplier_findings = KK_TRY(change_subcontractor(tx, content_, actor, c->supplier_id, subcontractor, subcontractor_country,
                                                      kind == ChangeKind::subcontractor_added));
    std::string today = stockholm_date(now_utc());
    json stored = {{"kind", to_string(kind)},
                   {"description", description},
                   {"effective_on", effective_on ? json(*effective_on) : json()},
                   {"delivery_model", model ? json(to_string(*model)) : json()},
                   {"hosting_location", hosting ? json(to_string(*hosting)) : json()},
                   {"subcontractor", subcontractor},
                   {"subcontractor_country", subcontractor_country},
                   {"supplier_findings", supplier_findings},
                   {"contract_change_proposed", proposed},
                   {"selected_at_change", before},
                   {"difference", difference_json(tx, *the_case, before)},
                   {"lou", proposed ? admissibility_json(assess_contract_change({})) : json()},
                   {"reassessment",
                    {{"status", "open"},
                     {"due_on", due_on ? *due_on : add_months(today, 1).value_or(today)},
                     {"owner_user_id", owner ? json(*owner) : json()}}}};
    auto saved = KK_TRY(save(tx, actor, *c, entry_kind::change, new_id(), stored, 0, "contract.change"));
    saved.erase("selected_at_change");
    return saved;
  });
}

Result<json> ContractLifeService::assess_change(const Actor& actor, const std::string& id, const std::string& change_id,
                                                const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    std::optional<Contract> c = KK_TRY(writable_contract(tx, actor.org_id(), id));
    auto e = find_entry(tx, actor.org_id(), id, entry_kind::change, change_id);
    if (!e) return Error::not_found();
    std::int64_t version = 0;
    KK_TRY(input::versioned_answers(body, version));
    std::map<ChangeQuestion, bool> answers;
    json stored_answers = json::object();
    for (const auto& [key, value] : body["answers"].items()) {
      auto q = parse_enum<ChangeQuestion>(key);
      if (!q) return Error::unprocessable("error.unknown_field", "answers." + key);
      if (value.is_null()) continue;  // not answered yet
      if (!value.is_boolean()) return Error::invalid("error.type_boolean", "answers." + key);
      answers[*q] = value.get<bool>();
      stored_answers[key] = value;
    }
    json stored = object_of(e->body);
    json lou = admissibility_json(assess_contract_change(answers));
    lou["answers"] = stored_answers;
    stored["lou"] = lou;
    stored["contract_change_proposed"] = true;
    auto saved = KK_TRY(save(tx, actor, *c, e->kind, e->key, stored, version, "contract.change_assessment"));
    saved.erase("selected_at_change");
    return saved;
  });
}

Result<json> ContractLifeService::complete_reassessment(const Actor& actor, const std::string& id,
                                                        const std::string& change_id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    std::optional<Contract> c = KK_TRY(writable_contract(tx, actor.org_id(), id));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "conclusion", "add_measures"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    std::string conclusion;
    KK_TRY(input::text(body, "conclusion", conclusion, input::long_text));
    if (blank(conclusion)) return Error::unprocessable("error.required", "conclusion");
    std::vector<std::string> add;
    if (body.contains("add_measures")) {
      if (!body["add_measures"].is_array()) return Error::invalid("error.type_array", "add_measures");
      for (std::size_t i = 0; i < body["add_measures"].size(); ++i) {
        if (!body["add_measures"][i].is_string())
          return Error::invalid("error.type_text", "add_measures[" + std::to_string(i) + "]");
        add.push_back(body["add_measures"][i].get<std::string>());
      }
    }
    auto e = find_entry(tx, actor.org_id(), id, entry_kind::change, change_id);
    auto the_case = tx.get_case(actor.org_id(), c->case_id);
    if (!e || !the_case) return Error::not_found();
    json stored = object_of(e->body);
    if (stored["reassessment"].value("status", "") == "done") return Error::conflict("error.reassessment_done");
    // What the rules select now, against the selection when the change was recorded: the
    // classification or the risks may have been redone since.
    json difference = difference_json(tx, *the_case, stored.value("selected_at_change", json::array()));
    std::map<std::string, json> addable;
    for (const auto& a : difference["add"]) addable[a["requirement_id"].get<std::string>()] = a;
    if (!add.empty() && stored["lou"].value("verdict", "") != "allowed")
      return Error::unprocessable("error.change_not_allowed", "add_measures");
    std::set<std::string> agreed;
    for (const auto& m : tx.contract_measures(actor.org_id(), id))
      if (m.requirement_id) agreed.insert(*m.requirement_id);
    for (std::size_t i = 0; i < add.size(); ++i) {
      std::string field = "add_measures[" + std::to_string(i) + "]";
      if (!addable.count(add[i])) return Error::unprocessable("error.not_in_difference", field).with("value", add[i]);
      if (agreed.count(add[i])) return Error::unprocessable("error.measure_exists", field).with("value", add[i]);
      const json& a = addable[add[i]];
      tx.insert_contract_measure(actor.org_id(), id,
                                 {add[i], add[i], a.value("text", ""), a.value("kind", "ska") == "ska",
                                  default_measure_plan().dump(), 1, now_utc()});
      agreed.insert(add[i]);
    }
    stored["difference"] = difference;
    json reassessment = stored["reassessment"];
    reassessment.update({{"status", "done"},
                         {"conclusion", conclusion},
                         {"added_measures", add},
                         {"done_by_name", actor.user.display_name},
                         {"done_at", now_utc()}});
    stored["reassessment"] = reassessment;
    auto saved = KK_TRY(save(tx, actor, *c, e->kind, e->key, stored, version, "contract.reassessment"));
    saved.erase("selected_at_change");
    return saved;
  });
}

Result<json> ContractLifeService::difference(const Actor& actor, const std::string& id, const std::string& change_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.contract(actor.org_id(), id);
    if (!c) return Error::not_found();
    auto e = find_entry(tx, actor.org_id(), id, entry_kind::change, change_id);
    auto the_case = tx.get_case(actor.org_id(), c->case_id);
    if (!e || !the_case) return Error::not_found();
    return difference_json(tx, *the_case, object_of(e->body).value("selected_at_change", json::array()));
  });
}

}  // namespace kk::app
