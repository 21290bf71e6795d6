#include "app/contracts.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "app/case_records.hpp"
#include "app/clock.hpp"
#include "app/contract_life.hpp"
#include "app/crypto.hpp"
#include "app/input.hpp"
#include "app/tendering.hpp"
#include "app/tenders.hpp"
#include "domain/deadline.hpp"
#include "domain/follow_up.hpp"
#include "domain/text.hpp"
#include "io/ical.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
// The contract's terms as one document; a request changes the fields it names.
Status read_terms(const json& body, json& terms) {
  for (const char* key : {"extension_options", "governing_law", "penalties", "termination", "ownership_change",
                          "force_majeure", "authority_assistance"}) {
    std::string value = terms.value(key, "");
    KK_TRY(input::text(body, key, value, input::long_text));
    terms[key] = value;
  }
  std::optional<std::int64_t> notice = terms.contains("notice_months") && terms["notice_months"].is_number_integer()
                                           ? std::optional<std::int64_t>(terms["notice_months"].get<std::int64_t>())
                                           : std::nullopt;
  KK_TRY(input::optional_integer(body, "notice_months", notice, 0, 120));
  terms["notice_months"] = notice ? json(*notice) : json();
  if (body.contains("authorities")) {
    if (!body["authorities"].is_array()) return Error::invalid("error.type_array", "authorities");
    json list = json::array();
    for (std::size_t i = 0; i < body["authorities"].size(); ++i) {
      const json& a = body["authorities"][i];
      std::string field = "authorities[" + std::to_string(i) + "]";
      if (!a.is_string()) return Error::invalid("error.type_text", field);
      if (utf8_length(a.get<std::string>()) > input::short_text)
        return Error::unprocessable("error.too_long", field).with("max", std::to_string(input::short_text));
      if (!blank(a.get<std::string>())) list.push_back(a);
    }
    terms["authorities"] = list;
  }
  if (!terms.contains("authorities")) terms["authorities"] = json::array();
  return ok();
}

// Dates and the alert, checked together: the contract ends after it starts.
Status read_period(const json& body, Contract& c) {
  std::optional<std::string> starts = c.starts_on.empty() ? std::nullopt : std::optional(c.starts_on);
  std::optional<std::string> ends = c.ends_on.empty() ? std::nullopt : std::optional(c.ends_on);
  KK_TRY(input::optional_date(body, "starts_on", starts));
  KK_TRY(input::optional_date(body, "ends_on", ends));
  if (!starts) return Error::unprocessable("error.required", "starts_on");
  if (!ends) return Error::unprocessable("error.required", "ends_on");
  if (*ends <= *starts) return Error::unprocessable("error.ends_before_start", "ends_on");
  c.starts_on = *starts;
  c.ends_on = *ends;
  std::optional<std::int64_t> alert = c.expiry_alert_months;
  KK_TRY(input::optional_integer(body, "expiry_alert_months", alert, 0, 60));
  c.expiry_alert_months = static_cast<int>(alert.value_or(12));
  KK_TRY(input::text(body, "title", c.title, input::short_text));
  if (blank(c.title)) return Error::unprocessable("error.required", "title");
  return ok();
}

// A follow-up plan; by default the supplier answers for the measure, reports a yearly
// self-assessment and shows evidence.
Status read_plan(const json& body, json& plan) {
  Responsibility responsibility = parse_enum<Responsibility>(plan.value("responsibility", "supplier")).value_or(Responsibility::supplier);
  Responsibility lead = parse_enum<Responsibility>(plan.value("lead", "supplier")).value_or(Responsibility::supplier);
  FollowUpMethod method = parse_enum<FollowUpMethod>(plan.value("method", "self_assessment")).value_or(FollowUpMethod::self_assessment);
  FollowUpFrequency frequency = parse_enum<FollowUpFrequency>(plan.value("frequency", "yearly")).value_or(FollowUpFrequency::yearly);
  std::optional<std::int64_t> every = plan.contains("every_n_months") && plan["every_n_months"].is_number_integer()
                                          ? std::optional<std::int64_t>(plan["every_n_months"].get<std::int64_t>())
                                          : std::nullopt;
  std::string evidence = plan.value("evidence", "");
  std::optional<std::string> owner = plan.contains("owner_user_id") && plan["owner_user_id"].is_string()
                                         ? std::optional(plan["owner_user_id"].get<std::string>())
                                         : std::nullopt;
  KK_TRY(input::enumeration(body, "responsibility", responsibility));
  KK_TRY(input::enumeration(body, "lead", lead));
  KK_TRY(input::enumeration(body, "method", method));
  KK_TRY(input::enumeration(body, "frequency", frequency));
  KK_TRY(input::optional_integer(body, "every_n_months", every, 1, 120));
  KK_TRY(input::text(body, "evidence", evidence, input::long_text));
  KK_TRY(input::optional_text(body, "owner_user_id", owner, 64));
  // A shared measure has one lead (seed 000 §6.5.2); otherwise the responsible party leads.
  if (responsibility != Responsibility::shared) lead = responsibility;
  else if (lead == Responsibility::shared) return Error::unprocessable("error.lead_shared", "lead");
  if (frequency == FollowUpFrequency::every_n_months && !every)
    return Error::unprocessable("error.required", "every_n_months");
  plan = {{"responsibility", to_string(responsibility)}, {"lead", to_string(lead)}, {"method", to_string(method)},
          {"frequency", to_string(frequency)}, {"every_n_months", every ? json(*every) : json()},
          {"evidence", evidence}, {"owner_user_id", owner ? json(*owner) : json()}};
  return ok();
}

json record_json(const FollowUpRecord& r) {
  return {{"id", r.id},         {"due_on", r.due_on ? json(*r.due_on) : json()}, {"result", r.result},
          {"notes", r.notes},   {"recorded_by_name", r.recorded_by_name},        {"recorded_at", r.recorded_at}};
}

json deviation_json(const Deviation& d, const std::string& today) {
  return {{"id", d.id},
          {"contract_id", d.contract_id},
          {"measure_id", d.measure_id},
          {"record_id", d.record_id},
          {"description", d.description},
          {"action_plan", d.action_plan},
          {"deadline", d.deadline},
          {"owner_user_id", d.owner_user_id},
          {"status", d.status},
          {"overdue", d.status == "open" && d.deadline < today},
          {"closing_evidence", d.closing_evidence},
          {"closed_at", d.closed_at ? json(*d.closed_at) : json()},
          {"version", d.version}};
}

json deviations_json(const std::vector<Deviation>& list, const std::string& today) {
  json out = json::array();
  for (const auto& d : list) out.push_back(deviation_json(d, today));
  return out;
}

}  // namespace

std::vector<std::string> plan_due_dates(const json& plan, const std::string& starts_on, const std::string& until) {
  auto frequency = parse_enum<FollowUpFrequency>(plan.value("frequency", "yearly")).value_or(FollowUpFrequency::yearly);
  int every = plan.value("every_n_months", json()).is_number_integer() ? plan["every_n_months"].get<int>() : 0;
  return due_dates(starts_on, until, frequency, every);
}

std::vector<io::CalendarEvent> control_events(const Content& content, Language lang, const Contract& c,
                                              const ContractMeasure& m) {
  std::string label = m.requirement_id ? *m.requirement_id : content.messages.text(lang, "ui.contracts.our_obligation");
  std::string summary = content.messages.text(lang, "ui.contracts.control_summary", {{"measure", label}, {"contract", c.title}});
  std::vector<io::CalendarEvent> out;
  for (const auto& d : plan_due_dates(object_of(m.plan), c.starts_on, c.ends_on))
    out.push_back({c.id + "-" + m.id + "-" + d + "@kravkedja", d, summary, m.text});
  return out;
}

json default_measure_plan() {
  json plan = json::object();
  (void)read_plan(json::object(), plan);
  return plan;
}

json ContractService::contract_json(Transaction& tx, const Actor& actor, const Contract& c, bool with_life) {
  std::string today = stockholm_date(now_utc());
  std::optional<std::string> alert_on = add_months(c.ends_on, -c.expiry_alert_months);
  json measures = json::array();
  std::optional<std::string> next_overall;
  auto records = tx.follow_up_records(actor.org_id(), c.id);
  auto all_measures = tx.contract_measures(actor.org_id(), c.id);
  for (const auto& m : all_measures) {
    json plan = object_of(m.plan);
    auto due = plan_due_dates(plan, c.starts_on, c.ends_on);
    auto first_ahead = std::lower_bound(due.begin(), due.end(), today);  // the dates are ascending
    std::optional<std::string> next;
    if (first_ahead != due.end()) next = *first_ahead;
    if (next && (!next_overall || *next < *next_overall)) next_overall = next;
    // A due date with no record answering it is overdue once it has passed.
    std::set<std::string> answered;
    json measure_records = json::array();
    for (const auto& r : records) {
      if (r.measure_id != m.id) continue;
      if (r.due_on) answered.insert(*r.due_on);
      measure_records.push_back(record_json(r));
    }
    // In the order of the dates they answer (an event's record by when it was made).
    std::stable_sort(measure_records.begin(), measure_records.end(), [](const json& a, const json& b) {
      auto key = [](const json& r) { return r["due_on"].is_string() ? r["due_on"].get<std::string>() : r["recorded_at"].get<std::string>().substr(0, 10); };
      return key(a) < key(b);
    });
    json overdue = json::array();
    for (const auto& d : due)
      if (d < today && !answered.count(d)) overdue.push_back(d);
    json item = {{"id", m.id},
                 {"records", measure_records},
                 {"overdue", overdue},
                 {"requirement_id", m.requirement_id ? json(*m.requirement_id) : json()},
                 {"obligation_on_us", !m.requirement_id.has_value()},
                 {"text", m.text},
                 {"mandatory", m.mandatory},
                 {"plan", plan},
                 {"due_dates", due},
                 {"next_due", next ? json(*next) : json()},
                 {"version", m.version}};
    measures.push_back(std::move(item));
  }
  json out = {{"id", c.id},
          {"case_id", c.case_id},
          {"supplier_id", c.supplier_id},
          {"supplier_name", c.supplier_name},
          {"tender_id", c.tender_id ? json(*c.tender_id) : json()},
          {"title", c.title},
          {"starts_on", c.starts_on},
          {"ends_on", c.ends_on},
          {"expiry_alert_months", c.expiry_alert_months},
          {"expiry_alert_on", alert_on ? json(*alert_on) : json()},
          {"expiry_alert_active", alert_on && today >= *alert_on},
          {"terms", object_of(c.terms)},
          {"next_due", next_overall ? json(*next_overall) : json()},
          {"measures", measures},
          {"deviations", deviations_json(tx.deviations(actor.org_id(), c.id), today)},
          {"version", c.version},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
  if (with_life) out.update(contract_life_json(tx, content_, actor, c, all_measures));
  return out;
}

Result<json> ContractService::list(const Actor& actor, const ContractFilter& filter, const Page& page) {
  if (!actor.user.is_supplier()) KK_TRY(authorize(actor, Permission::read));
  else if (!actor.user.active) return Error::forbidden();
  ContractFilter own = filter;
  if (actor.user.is_supplier()) {
    // A supplier's user without its company sees none (an empty filter would show them all).
    if (!actor.user.supplier_id) return json{{"items", json::array()}, {"page", page_json(page, 0)}};
    own.supplier_id = *actor.user.supplier_id;
  }
  return read([&](Transaction& tx) -> Result<json> {
    json items = json::array();
    for (const auto& c : tx.contracts_page(actor.org_id(), own, page.limit, page.offset)) {
      json j = contract_json(tx, actor, c, false);
      j.erase("measures");
      items.push_back(std::move(j));
    }
    return paged_list(std::move(items), page, [&] { return tx.count_contracts(actor.org_id(), own); });
  });
}

Result<json> ContractService::get(const Actor& actor, const std::string& id) {
  return read([&](Transaction& tx) -> Result<json> {
    auto c = KK_TRY(readable_contract(tx, actor, id));
    return contract_json(tx, actor, c);
  });
}

Result<json> ContractService::create(const Actor& actor, const std::string& case_id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    auto tg = read_tendering(tx, actor.org_id(), case_id);
    if (!tg) return Error::not_found();
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"supplier_id", "title", "starts_on", "ends_on", "expiry_alert_months",
                                     "extension_options", "notice_months", "governing_law", "penalties", "termination",
                                     "ownership_change", "force_majeure", "authorities", "authority_assistance"}));
    std::string supplier_id;
    KK_TRY(input::text(body, "supplier_id", supplier_id, 64));
    json terms = json::object();
    KK_TRY(read_terms(body, terms));
    if (tg->c.status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
    if (!tg->progress.passed(Gate::award_decided)) return Error::unprocessable("error.not_awarded", "gate");
    Contract c;
    c.id = new_id();
    c.case_id = case_id;
    c.title = tg->c.title;
    if (tg->award) {
      auto tender = tx.tender(actor.org_id(), tg->award->tender_id);
      if (!tender) return Error::not_found();
      if (!supplier_id.empty() && supplier_id != tender->supplier_id)
        return Error::unprocessable("error.supplier_not_awarded", "supplier_id");
      c.supplier_id = tender->supplier_id;
      c.tender_id = tender->id;
    } else {
      if (supplier_id.empty()) return Error::unprocessable("error.required", "supplier_id");
      if (!tx.supplier(actor.org_id(), supplier_id))
        return Error::unprocessable("error.unknown_supplier", "supplier_id").with("value", supplier_id);
      c.supplier_id = supplier_id;
    }
    KK_TRY(read_period(body, c));
    c.terms = terms.dump();
    c.created_at = c.updated_at = now_utc();
    if (!tx.insert_contract(actor.org_id(), c)) return Error::conflict("error.contract_exists");

    // The agreed measures: what the awarded tender met, or the whole specification.
    auto doc = specs_.document_of(tx, tg->c);
    std::map<std::string, AnswerOutcome> outcomes;
    if (c.tender_id) {
      auto answers = tx.tender_answers(actor.org_id(), *c.tender_id);
      auto judgements = tx.tender_judgements(actor.org_id(), *c.tender_id);
      ByRequirement<StoredAnswer> answer_of(answers);
      ByRequirement<StoredJudgement> judgement_of(judgements);
      for (const auto& t : answer_terms(doc, tg->model)) {
        const StoredAnswer* a = answer_of[t.requirement_id];
        const StoredJudgement* j = judgement_of[t.requirement_id];
        outcomes[t.requirement_id] = outcome(t, a ? &a->answer : nullptr, j ? &j->judgement : nullptr);
      }
    }
    std::string plan = default_measure_plan().dump();
    int count = 0;
    for (const io::DocRequirement* r : doc.all()) {
      if (c.tender_id && outcomes[r->id] != AnswerOutcome::met) continue;
      tx.insert_contract_measure(actor.org_id(), c.id, {r->id, r->id, r->text, r->mandatory, plan, 1, c.created_at});
      ++count;
    }
    c.supplier_name = tx.supplier(actor.org_id(), c.supplier_id)->name;
    record_audit(tx, actor, "contract.create", "contract", c.id, nullptr,
                 {{"case_id", case_id}, {"supplier_id", c.supplier_id}, {"measures", count}});
    return contract_json(tx, actor, c);
  });
}

Result<json> ContractService::update(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    std::optional<Contract> current = KK_TRY(writable_contract(tx, actor.org_id(), id));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "title", "starts_on", "ends_on", "expiry_alert_months",
                                     "extension_options", "notice_months", "governing_law", "penalties", "termination",
                                     "ownership_change", "force_majeure", "authorities", "authority_assistance"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    json before = contract_json(tx, actor, *current, false);
    if (current->version != version) return stale(before);
    Contract next = *current;
    json terms = object_of(current->terms);
    KK_TRY(read_terms(body, terms));
    KK_TRY(read_period(body, next));
    next.terms = terms.dump();
    next.updated_at = now_utc();
    if (!tx.update_contract(actor.org_id(), next, version)) return stale(before);
    next.version = version + 1;
    json audited = contract_json(tx, actor, next, false);
    before.erase("measures");
    audited.erase("measures");
    record_audit(tx, actor, "contract.update", "contract", id, before, audited);
    return contract_json(tx, actor, next);
  });
}

Result<json> ContractService::plan(const Actor& actor, const std::string& id, const std::string& measure_id,
                                   const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    std::optional<Contract> c = KK_TRY(writable_contract(tx, actor.org_id(), id));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "responsibility", "lead", "method", "frequency", "every_n_months",
                                     "evidence", "owner_user_id"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    std::optional<ContractMeasure> m;
    for (auto& x : tx.contract_measures(actor.org_id(), id))
      if (x.id == measure_id) m = x;
    if (!m) return Error::not_found();
    if (m->version != version) return stale(json{{"version", m->version}, {"plan", object_of(m->plan)}});
    json plan = object_of(m->plan);
    json before = plan;
    KK_TRY(read_plan(body, plan));
    if (plan["owner_user_id"].is_string()) {
      auto owner = tx.user(actor.org_id(), plan["owner_user_id"].get<std::string>());
      if (!owner || owner->is_supplier()) return Error::unprocessable("error.unknown_user", "owner_user_id");
    }
    ContractMeasure next = *m;
    next.plan = plan.dump();
    next.updated_at = now_utc();
    if (!tx.update_contract_measure(actor.org_id(), id, next, version)) return stale(json{{"version", m->version}});
    record_audit(tx, actor, "contract.plan", "contract", id, {{"measure_id", measure_id}, {"plan", before}},
                 {{"measure_id", measure_id}, {"plan", plan}});
    return contract_json(tx, actor, *c);
  });
}

Result<json> ContractService::add_obligation(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    std::optional<Contract> c = KK_TRY(writable_contract(tx, actor.org_id(), id));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"text", "responsibility", "lead", "method", "frequency", "every_n_months",
                                     "evidence", "owner_user_id"}));
    KK_TRY(input::require(body, "text"));
    std::string text;
    KK_TRY(input::text(body, "text", text, input::long_text));
    json plan = json{{"responsibility", "buyer"}, {"lead", "buyer"}, {"method", "own_audit"}, {"frequency", "yearly"}};
    KK_TRY(read_plan(body, plan));
    ContractMeasure m{new_id(), std::nullopt, text, true, plan.dump(), 1, now_utc()};
    tx.insert_contract_measure(actor.org_id(), id, m);
    record_audit(tx, actor, "contract.obligation", "contract", id, nullptr, {{"measure_id", m.id}, {"text", text}});
    return contract_json(tx, actor, *c);
  });
}

Result<json> ContractService::record(const Actor& actor, const std::string& id, const std::string& measure_id,
                                     const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    std::optional<Contract> c = KK_TRY(writable_contract(tx, actor.org_id(), id));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"due_on", "result", "notes", "action_plan", "deadline", "owner_user_id"}));
    KK_TRY(input::require(body, "result"));
    FollowUpRecord r;
    KK_TRY(input::optional_date(body, "due_on", r.due_on));
    KK_TRY(input::text(body, "result", r.result, 20));
    if (r.result != "met" && r.result != "partly" && r.result != "not_met")
      return Error::unprocessable("error.unknown_value", "result").with("value", r.result);
    KK_TRY(input::text(body, "notes", r.notes, input::long_text));
    Deviation d;
    if (r.result == "not_met") {
      // A control not met opens a deviation with a plan, a deadline and an owner.
      for (const char* f : {"action_plan", "deadline", "owner_user_id"}) KK_TRY(input::require(body, f));
      std::optional<std::string> deadline;
      KK_TRY(input::text(body, "action_plan", d.action_plan, input::long_text));
      KK_TRY(input::optional_date(body, "deadline", deadline));
      KK_TRY(input::text(body, "owner_user_id", d.owner_user_id, 64));
      d.deadline = deadline.value_or("");
    } else {
      for (const char* f : {"action_plan", "deadline", "owner_user_id"})
        if (body.contains(f)) return Error::unprocessable("error.deviation_only_not_met", f);
    }
    bool known = false;
    for (const auto& m : tx.contract_measures(actor.org_id(), id)) known = known || m.id == measure_id;
    if (!known) return Error::not_found();
    if (r.due_on && (*r.due_on < c->starts_on || *r.due_on > c->ends_on))
      return Error::unprocessable("error.due_outside_contract", "due_on");
    r.id = new_id();
    r.contract_id = id;
    r.measure_id = measure_id;
    r.recorded_by = actor.user.id;
    r.recorded_by_name = actor.user.display_name;
    r.recorded_at = now_utc();
    tx.insert_follow_up_record(actor.org_id(), r);
    json after = record_json(r);
    after["measure_id"] = measure_id;
    if (r.result == "not_met") {
      auto owner = tx.user(actor.org_id(), d.owner_user_id);
      if (!owner || owner->is_supplier() || !owner->active) return Error::unprocessable("error.unknown_user", "owner_user_id");
      d.id = new_id();
      d.contract_id = id;
      d.measure_id = measure_id;
      d.record_id = r.id;
      d.description = r.notes;
      d.created_at = r.recorded_at;
      tx.insert_deviation(actor.org_id(), d);
      after["deviation_id"] = d.id;
    }
    record_audit(tx, actor, "contract.follow_up", "contract", id, nullptr, after);
    return contract_json(tx, actor, *c);
  });
}

Result<json> ContractService::close_deviation(const Actor& actor, const std::string& deviation_id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    auto d = tx.deviation(actor.org_id(), deviation_id);
    if (!d) return Error::not_found();
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "evidence"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    KK_TRY(input::require(body, "evidence"));
    std::string evidence;
    KK_TRY(input::text(body, "evidence", evidence, input::long_text));
    KK_TRY(writable_contract(tx, actor.org_id(), d->contract_id));
    std::string today = stockholm_date(now_utc());
    if (d->version != version) return stale(deviation_json(*d, today));
    if (d->status == "closed") return Error::conflict("error.deviation_closed");
    Deviation next = *d;
    next.status = "closed";
    next.closing_evidence = evidence;
    next.closed_by = actor.user.id;
    next.closed_at = now_utc();
    if (!tx.update_deviation(actor.org_id(), next, version)) return stale(deviation_json(*d, today));
    next.version = version + 1;
    record_audit(tx, actor, "contract.deviation_close", "contract", d->contract_id, deviation_json(*d, today),
                 deviation_json(next, today));
    return deviation_json(next, today);
  });
}

Result<json> ContractService::due(const Actor& actor, const std::string& until_text, const Page& page) {
  KK_TRY(authorize(actor, Permission::read));
  std::string today = stockholm_date(now_utc());
  std::string until = until_text.empty() ? add_months(today, 1).value_or(today) : until_text;
  if (!is_date(until)) return Error::unprocessable("error.date", "until");
  return read([&](Transaction& tx) -> Result<json> {
    json items = json::array();
    const AnsweredControls answered = tx.answered_controls(actor.org_id());
    const auto measures = tx.measures_by_contract(actor.org_id());
    for (const auto& c : tx.contracts(actor.org_id()))
      for (const auto& m : rows_of(measures, c.id)) {
        json plan = object_of(m.plan);
        for (const auto& d : plan_due_dates(plan, c.starts_on, std::min(c.ends_on, until))) {
          if (answered.count({c.id, m.id, d})) continue;
          items.push_back({{"contract_id", c.id}, {"contract_title", c.title}, {"supplier_name", c.supplier_name},
                           {"measure_id", m.id}, {"text", m.text}, {"due_on", d}, {"overdue", d < today},
                           {"responsibility", plan.value("responsibility", "supplier")},
                           {"owner_user_id", plan.value("owner_user_id", json())}});
        }
      }
    std::stable_sort(items.begin(), items.end(), [](const json& a, const json& b) { return a["due_on"] < b["due_on"]; });
    // The due dates come from each measure's plan, so the page is cut here, after the sort.
    std::int64_t total = std::int64_t(items.size()), overdue = 0;
    for (const auto& item : items) overdue += item["overdue"].get<bool>() ? 1 : 0;
    json shown = json::array();
    std::int64_t end = page.limit < 0 ? total : std::min(total, page.offset + page.limit);
    for (std::int64_t i = page.offset; i < end; ++i) shown.push_back(std::move(items[i]));
    json open = json::array();
    for (const auto& d : tx.deviations(actor.org_id(), ""))
      if (d.status == "open") open.push_back(deviation_json(d, today));
    return json{{"today", today},   {"until", until},         {"items", shown}, {"page", page_json(page, total)},
                {"overdue", overdue}, {"open_deviations", open}};
  });
}

Result<std::string> ContractService::calendar(const Actor& actor, const std::string& id) {
  return read([&](Transaction& tx) -> Result<std::string> {
    auto c = KK_TRY(readable_contract(tx, actor, id));
    std::vector<io::CalendarEvent> events;
    for (const auto& m : tx.contract_measures(actor.org_id(), c.id))
      for (auto& e : control_events(content_, actor.lang, c, m)) events.push_back(std::move(e));
    return io::write_ical(c.title + " – " + c.supplier_name, events, now_utc());
  });
}

}  // namespace kk::app
