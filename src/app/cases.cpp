#include "app/cases.hpp"

#include "app/case_records.hpp"
#include "app/tenders.hpp"
#include "app/case_evaluation.hpp"

#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/input.hpp"
#include "app/views.hpp"
#include "domain/case_progress.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {

json decision_json(const Decision& d) {
  return {{"id", d.id},
          {"seq", d.seq},
          {"gate", to_string(d.gate)},
          {"outcome", to_string(d.outcome)},
          {"rationale", d.rationale},
          {"decided_by", d.decided_by},
          {"decided_by_name", d.decided_by_name},
          {"decided_at", d.decided_at}};
}

// What was recorded for an activity, or a fresh open one when nothing was.
ActivityState state_of(const std::vector<ActivityState>& states, const std::string& key) {
  for (const auto& st : states)
    if (st.key == key) return st;
  return ActivityState::of(key);
}

// What was recorded for an activity: status, comment, who and when, and the version to send back.
json activity_state_json(const ActivityState& s) {
  return {{"key", s.key},
          {"status", to_string(s.status)},
          {"comment", s.comment},
          {"done_by", s.done_by ? json(*s.done_by) : json()},
          {"done_by_name", s.done_by ? json(s.done_by_name) : json()},
          {"done_at", s.done_at ? json(*s.done_at) : json()},
          {"version", s.version}};
}

}  // namespace

json CaseService::process(const Actor& actor) const {
  const auto& p = content_.process;
  auto lang = actor.lang;
  json steps = json::array(), phases = json::array(), gates = json::array(), activities = json::array(),
       competences = json::array();
  for (const auto& s : p.steps) steps.push_back({{"key", to_string(s.step)}, {"name", s.name.in(lang)}});
  for (const auto& ph : p.phases)
    phases.push_back({{"key", to_string(ph.phase)}, {"step", to_string(ph.step)}, {"name", ph.name.in(lang)},
                      {"description", ph.description.in(lang)}, {"allow_not_applicable", ph.allow_not_applicable}});
  for (const auto& g : p.gates)
    gates.push_back({{"key", to_string(g.gate)}, {"phase", to_string(g.phase)}, {"name", g.name.in(lang)},
                     {"question", g.question.in(lang)}});
  for (const auto& a : p.activities)
    activities.push_back({{"key", a.key}, {"phase", to_string(a.phase)}, {"gate", to_string(a.gate)},
                          {"name", a.name.in(lang)}, {"guidance", a.guidance.in(lang)}, {"reference", a.reference}});
  for (const auto& c : p.competences) competences.push_back({{"key", c.key}, {"name", c.name.in(lang)}});
  return {{"id", p.id}, {"version", p.version}, {"steps", steps}, {"phases", phases}, {"gates", gates},
          {"activities", activities}, {"competences", competences}};
}

Evaluation CaseService::rules_for(Transaction& tx, const Case& c) const {
  // Gates follow the newest rules and the current facts, whatever versions a stored
  // specification keeps for its entries, and what the risk register says.
  return evaluate_case(tx, content_, c, registry_.active(tx, c.org_id, c.catalogue_ids));
}

namespace {
std::map<std::string, ActivityStatus> status_map(const std::vector<ActivityState>& states) {
  std::map<std::string, ActivityStatus> out;
  for (const auto& a : states) out[a.key] = a.status;
  return out;
}
bool is_done(const std::map<std::string, ActivityStatus>& statuses, const std::string& key) {
  auto it = statuses.find(key);
  return it != statuses.end() && it->second == ActivityStatus::done;
}
}  // namespace

std::vector<std::string> CaseService::blocking_findings(const Actor& actor, const Evaluation& ev, Gate gate,
                                                        const std::map<std::string, ActivityStatus>& statuses) const {
  std::vector<std::string> out;
  // A blocking finding stands until every activity its rule requires is done.
  for (const auto& f : ev.findings) {
    if (f.severity != Severity::block || f.blocks_gate != gate) continue;
    bool has_activity = false, settled = true;
    for (const auto& a : ev.activities)
      if (a.reason.rule_id == f.reason.rule_id && a.reason.rule_set == f.reason.rule_set) {
        has_activity = true;
        settled = settled && is_done(statuses, a.key);
      }
    if (!(has_activity && settled)) out.push_back(f.text.in(actor.lang));
  }
  return out;
}

std::vector<std::string> CaseService::obstacles(const Actor& actor, const Evaluation& ev, Gate gate,
                                                const std::map<std::string, ActivityStatus>& statuses) const {
  auto out = blocking_findings(actor, ev, gate, statuses);
  // A required activity that blocks the gate stops it until it is done.
  for (const auto& a : ev.activities)
    if (a.blocks_gate == gate && !is_done(statuses, a.key))
      out.push_back(content_.messages.text(actor.lang, "error.activity_missing", {{"activity", a.name.in(actor.lang)}}));
  return out;
}

json CaseService::next_steps(const Actor& actor, const Case& c, const CaseProgress& progress,
                             const std::vector<ActivityState>& states, const Evaluation& ev) const {
  auto next = progress.next_gate();
  if (!next || c.status != CaseStatus::open) return nullptr;
  const auto& p = content_.process;
  const auto& gate = p.gate(*next);
  auto statuses = status_map(states);
  json open = json::array();
  // The process's activities of the gate are settled by done or not applicable; the rules' by done.
  for (const auto& def : p.activities) {
    auto it = statuses.find(def.key);
    if (def.gate == *next && (it == statuses.end() || it->second == ActivityStatus::open))
      open.push_back({{"key", def.key}, {"name", def.name.in(actor.lang)}, {"owner", nullptr}});
  }
  for (const auto& a : ev.activities)
    if (a.blocks_gate == *next && !is_done(statuses, a.key))
      open.push_back({{"key", a.key}, {"name", a.name.in(actor.lang)},
                      {"owner", a.owner ? json(to_string(*a.owner)) : json()}});
  json findings = json::array();
  for (auto& f : blocking_findings(actor, ev, *next, statuses)) findings.push_back(std::move(f));
  Step step = p.phase(gate.phase).step;
  return {{"gate", to_string(*next)},
          {"gate_name", gate.name.in(actor.lang)},
          {"question", gate.question.in(actor.lang)},
          {"open_activities", open},
          {"findings", findings},
          {"ready", open.empty() && findings.empty()},
          {"may_decide", allowed(actor, step == Step::realise ? Permission::decide_realise : Permission::decide_prepare)}};
}

std::vector<json> CaseService::waiting_on(Transaction& tx, const Actor& actor) {
  std::vector<json> out;
  for (const auto& c : tx.cases_of_user(actor.org_id(), actor.user.id)) {
    auto next = next_steps(actor, c, progress_of(tx, c), tx.activities(actor.org_id(), c.id), rules_for(tx, c));
    if (next.is_null()) continue;
    out.push_back({{"id", c.id}, {"registry_number", c.registry_number}, {"title", c.title}, {"next", next}});
  }
  return out;
}

json CaseService::detail(Transaction& tx, const Actor& actor, const Case& c) {
  const auto& p = content_.process;
  auto lang = actor.lang;
  auto users = tx.users(actor.org_id());
  auto names = user_names(users);
  json j = case_fields_json(c);
  j["delivery_manager_name"] = c.delivery_manager_id && names.count(*c.delivery_manager_id)
                                   ? json(names.at(*c.delivery_manager_id))
                                   : json();

  // Assets and the case classification with provenance.
  auto assets = tx.case_assets(actor.org_id(), c.id);
  json asset_list = json::array();
  for (const auto& a : assets) asset_list.push_back(asset_json(a, names));
  j["assets"] = asset_list;
  auto cc = classify_case(classification_sources(tx, c));
  json classification = json::object();
  for (Aspect a : all_aspects) {
    const auto& m = cc[a];
    classification[std::string(to_string(a))] =
        m.level ? json{{"level", *m.level}, {"asset_id", m.asset_id}, {"asset_name", m.asset_name}} : json();
  }
  classification["max_level"] = cc.max_level() ? json(*cc.max_level()) : json();
  j["classification"] = classification;
  std::set<Flag> flags;
  for (const auto& a : assets) flags.insert(a.flags.begin(), a.flags.end());
  j["flags"] = flags_json(flags);

  // Process position.
  auto decisions = tx.decisions(actor.org_id(), c.id);
  auto progress = progress_of(decisions);
  Phase phase = progress.current_phase(p);
  j["step"] = to_string(progress.current_step(p));
  j["step_name"] = p.step(progress.current_step(p)).name.in(lang);
  j["phase"] = to_string(phase);
  j["phase_name"] = p.phase(phase).name.in(lang);
  auto next = progress.next_gate();
  j["next_gate"] = next && c.status == CaseStatus::open ? json(to_string(*next)) : json();

  json gates = json::array();
  for (const auto& g : p.gates) {
    std::string state = progress.passed(g.gate) ? "passed" : (next && *next == g.gate ? "next" : "pending");
    json last = json();
    for (const auto& d : decisions)
      if (d.gate == g.gate) last = decision_json(d);
    gates.push_back({{"key", to_string(g.gate)}, {"phase", to_string(g.phase)}, {"name", g.name.in(lang)},
                     {"question", g.question.in(lang)}, {"state", state}, {"last_decision", last}});
  }
  j["gates"] = gates;
  json decision_list = json::array();
  for (const auto& d : decisions) decision_list.push_back(decision_json(d));
  j["decisions"] = decision_list;

  auto states = tx.activities(actor.org_id(), c.id);
  json activities = json::array();
  for (const auto& def : p.activities) {
    json a = activity_state_json(state_of(states, def.key));
    a.update({{"phase", to_string(def.phase)},
              {"gate", to_string(def.gate)},
              {"name", def.name.in(lang)},
              {"guidance", def.guidance.in(lang)},
              {"reference", def.reference}});
    activities.push_back(std::move(a));
  }
  j["activities"] = activities;

  // Activities the rule sets require from the current facts (e.g. the level 4 analysis).
  Evaluation ev = rules_for(tx, c);
  json required = json::array();
  for (const auto& ra : ev.activities) {
    json a = activity_state_json(state_of(states, ra.key));
    a.update({{"name", ra.name.in(lang)},
              {"blocks_gate", ra.blocks_gate ? json(to_string(*ra.blocks_gate)) : json()},
              {"owner", ra.owner ? json(to_string(*ra.owner)) : json()}});
    required.push_back(std::move(a));
  }
  j["required_activities"] = required;
  int blocking = 0;
  for (const auto& f : ev.findings) blocking += f.severity == Severity::block ? 1 : 0;
  j["blocking_findings"] = blocking;
  j["next_steps"] = next_steps(actor, c, progress, states, ev);

  // The team, grouped per person, and the competences nobody covers yet.
  auto team = tx.team(actor.org_id(), c.id);
  json members = json::array();
  std::set<std::string> covered;
  for (const auto& m : team) {
    covered.insert(m.competence);
    json* member = nullptr;
    for (auto& existing : members)
      if (existing["user_id"] == m.user_id) member = &existing;
    if (!member) {
      members.push_back({{"user_id", m.user_id}, {"display_name", m.display_name}, {"competences", json::array()}});
      member = &members.back();
    }
    const auto* def = p.find_competence(m.competence);
    (*member)["competences"].push_back({{"key", m.competence}, {"name", def ? def->name.in(lang) : m.competence}});
  }
  j["team"] = members;
  json missing = json::array();
  for (const auto& def : p.competences)
    if (!covered.count(def.key)) missing.push_back({{"key", def.key}, {"name", def.name.in(lang)}});
  j["missing_competences"] = missing;
  j["readiness"] = {{"delivery_manager_assigned", c.delivery_manager_id.has_value()},
                    {"can_receive_incidents", c.can_receive_incidents ? json(*c.can_receive_incidents) : json()},
                    {"can_run_followups", c.can_run_followups ? json(*c.can_run_followups) : json()}};
  return j;
}

Status CaseService::apply(Transaction& tx, const Actor& actor, const json& body, Case& c) {
  KK_TRY(input::only_fields(
      body, {"registry_number", "title", "kind", "need_statement", "alternatives", "object_type", "delivery_model",
             "law", "procedure", "estimated_value_sek", "tender_deadline", "operator", "support", "hosting_location",
             "supplier_remote_access", "supplier_data_copies", "information_location", "software_location",
             "hardware_location", "delivery_manager_id", "can_receive_incidents", "can_run_followups", "catalogues",
             "version"}));
  KK_TRY(input::text(body, "registry_number", c.registry_number, 50));
  KK_TRY(input::text(body, "title", c.title, input::short_text));
  KK_TRY(input::enumeration(body, "kind", c.kind));
  KK_TRY(input::text(body, "need_statement", c.need_statement, input::long_text));
  KK_TRY(input::text(body, "alternatives", c.alternatives, input::long_text));
  KK_TRY(input::enumeration(body, "object_type", c.object_type));
  KK_TRY(input::enumeration(body, "delivery_model", c.delivery_model));
  KK_TRY(input::enumeration(body, "law", c.law));
  KK_TRY(input::optional_enumeration(body, "procedure", c.procedure));
  KK_TRY(input::optional_integer(body, "estimated_value_sek", c.estimated_value_sek, 0, 1'000'000'000'000'000LL));
  KK_TRY(input::optional_moment(body, "tender_deadline", c.tender_deadline));
  KK_TRY(input::enumeration(body, "operator", c.operator_party));
  KK_TRY(input::enumeration(body, "support", c.support));
  KK_TRY(input::enumeration(body, "hosting_location", c.hosting_location));
  KK_TRY(input::boolean(body, "supplier_remote_access", c.supplier_remote_access));
  KK_TRY(input::boolean(body, "supplier_data_copies", c.supplier_data_copies));
  KK_TRY(input::text(body, "information_location", c.information_location, input::long_text));
  KK_TRY(input::text(body, "software_location", c.software_location, input::long_text));
  KK_TRY(input::text(body, "hardware_location", c.hardware_location, input::long_text));
  KK_TRY(input::optional_boolean(body, "can_receive_incidents", c.can_receive_incidents));
  KK_TRY(input::optional_boolean(body, "can_run_followups", c.can_run_followups));
  if (body.contains("delivery_manager_id")) {
    KK_TRY(input::optional_text(body, "delivery_manager_id", c.delivery_manager_id, 64));
    if (c.delivery_manager_id && !tx.user(actor.org_id(), *c.delivery_manager_id))
      return Error::unprocessable("error.unknown_user", "delivery_manager_id");
  }
  if (body.contains("catalogues")) {
    // Several catalogues may serve one case; none means the organisation's own choice.
    const json& list = body["catalogues"];
    if (!list.is_array()) return Error::invalid("error.type_array", "catalogues");
    std::vector<std::string> ids;
    for (const auto& id : list) {
      if (!id.is_string()) return Error::invalid("error.type_text", "catalogues");
      if (registry_.newest_version(tx, actor.org_id(), "catalogue", id.get<std::string>()) == 0)
        return Error::unprocessable("error.unknown_value", "catalogues").with("value", id.get<std::string>());
      if (std::find(ids.begin(), ids.end(), id.get<std::string>()) == ids.end()) ids.push_back(id.get<std::string>());
    }
    c.catalogue_ids = ids;
  }
  if (c.registry_number.find_first_not_of(" \t") == std::string::npos)
    return Error::unprocessable("error.required", "registry_number");
  if (c.title.find_first_not_of(" \t") == std::string::npos) return Error::unprocessable("error.required", "title");
  auto same_number = tx.case_by_registry_number(actor.org_id(), c.registry_number);
  if (same_number && same_number->id != c.id)
    return Error::conflict("error.registry_number_taken").with("value", c.registry_number);
  return ok();
}

Result<json> CaseService::list(const Actor& actor) { return list(actor, Page{-1, 0}); }

// limit -1: the whole list, without the page.
Result<json> CaseService::list(const Actor& actor, const Page& page) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    const auto& p = content_.process;
    std::map<std::string, std::vector<Decision>> decisions;
    for (auto& d : tx.organisation_decisions(actor.org_id())) decisions[d.case_id].push_back(std::move(d));
    json items = json::array();
    for (const auto& c : tx.cases_page(actor.org_id(), page.limit, page.offset)) {
      json j = case_fields_json(c);
      auto progress = progress_of(decisions[c.id]);
      j["step"] = to_string(progress.current_step(p));
      j["phase"] = to_string(progress.current_phase(p));
      j["phase_name"] = p.phase(progress.current_phase(p)).name.in(actor.lang);
      auto next = progress.next_gate();
      j["next_gate"] = next && c.status == CaseStatus::open ? json(to_string(*next)) : json();
      items.push_back(std::move(j));
    }
    if (page.limit < 0) return json{{"items", items}};
    return paged_list(std::move(items), page, [&] { return tx.count_cases(actor.org_id()); });
  });
}

Result<json> CaseService::get(const Actor& actor, const std::string& id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), id);
    if (!c) return Error::not_found();
    return detail(tx, actor, *c);
  });
}

Result<json> CaseService::summary(const Actor& actor, const std::string& id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), id);
    if (!c) return Error::not_found();
    json j = case_fields_json(*c);
    json assets = json::array();
    for (const auto& a : tx.case_assets(c->org_id, c->id)) assets.push_back(asset_json(a));
    j["assets"] = assets;
    return j;
  });
}

Result<json> CaseService::create(const Actor& actor, const json& body) {
  KK_TRY(authorize(actor, Permission::edit_cases));
  KK_TRY(input::require_object(body));
  for (const char* field : {"registry_number", "title", "object_type", "delivery_model"})
    KK_TRY(input::require(body, field));
  return write([&](Transaction& tx) -> Result<json> {
    Case c;
    c.org_id = actor.org_id();
    c.id = new_id();
    c.created_at = c.updated_at = now_utc();
    KK_TRY(apply(tx, actor, body, c));
    tx.insert_case(c);
    json after = detail(tx, actor, c);
    record_audit(tx, actor, "case.create", "case", c.id, nullptr, case_fields_json(c));
    return after;
  });
}

Result<json> CaseService::copy(const Actor& actor, const std::string& source_id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto source = tx.get_case(actor.org_id(), source_id);
    if (!source) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_cases));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"registry_number", "title"}));
    for (const char* field : {"registry_number", "title"}) KK_TRY(input::require(body, field));
    Case c = *source;
    c.id = new_id();
    c.status = CaseStatus::open;
    c.closed_reason.clear();
    c.version = 1;
    c.created_at = c.updated_at = now_utc();
    KK_TRY(apply(tx, actor, body, c));
    tx.insert_case(c);
    for (const auto& a : tx.case_assets(actor.org_id(), source_id)) tx.link_asset(actor.org_id(), c.id, a.id, c.created_at);
    if (auto spec = tx.specification(actor.org_id(), source_id)) {
      StoredSpecification copy = *spec;
      copy.frozen = false;
      copy.version = 1;
      copy.created_at = copy.updated_at = c.created_at;
      tx.insert_specification(actor.org_id(), c.id, copy);
      for (auto e : tx.specification_entries(actor.org_id(), source_id)) {
        e.version = 1;
        tx.insert_spec_entry(actor.org_id(), c.id, e);
      }
    }
    record_audit(tx, actor, "case.copy", "case", c.id, nullptr,
                 {{"copied_from", source_id}, {"case", case_fields_json(c)}});
    return detail(tx, actor, c);
  });
}

Result<json> CaseService::update(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto current = tx.get_case(actor.org_id(), id);
    if (!current) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_cases));
    KK_TRY(input::require_object(body));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    if (current->version != version) return stale(detail(tx, actor, *current));
    Case next = *current;
    next.updated_at = now_utc();
    KK_TRY(apply(tx, actor, body, next));
    if (next.tender_deadline != current->tender_deadline && tenders_)
      KK_TRY(tenders_->deadline_change_check(tx, *current, next.tender_deadline));
    if (!tx.update_case(next, version)) return stale(detail(tx, actor, *current));
    next.version = version + 1;
    record_audit(tx, actor, "case.update", "case", id, case_fields_json(*current), case_fields_json(next));
    return detail(tx, actor, next);
  });
}

Result<json> CaseService::link_asset(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_cases));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"asset_id"}));
    KK_TRY(input::require(body, "asset_id"));
    std::string asset_id;
    KK_TRY(input::text(body, "asset_id", asset_id, 64));
    auto asset = tx.asset(actor.org_id(), asset_id);
    if (!asset) return Error::unprocessable("error.unknown_asset", "asset_id");
    if (!tx.link_asset(actor.org_id(), id, asset_id, now_utc()))
      return Error::conflict("error.asset_already_linked");
    record_audit(tx, actor, "case.link_asset", "case", id, nullptr, {{"asset_id", asset_id}, {"asset_name", asset->name}});
    return detail(tx, actor, *c);
  });
}

Result<json> CaseService::unlink_asset(const Actor& actor, const std::string& id, const std::string& asset_id) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_cases));
    if (!tx.unlink_asset(actor.org_id(), id, asset_id)) return Error::not_found();
    record_audit(tx, actor, "case.unlink_asset", "case", id, {{"asset_id", asset_id}}, nullptr);
    return detail(tx, actor, *c);
  });
}

Result<json> CaseService::decide(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), id);
    if (!c) return Error::not_found();
    // Which gate is decided sets the permission; someone who may decide at no gate learns nothing more.
    if (!allowed(actor, Permission::decide_prepare) && !allowed(actor, Permission::decide_realise))
      return Error::forbidden();
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"gate", "outcome", "rationale", "tender_id", "notice"}));
    KK_TRY(input::require(body, "gate"));
    KK_TRY(input::require(body, "outcome"));
    NewDecision decision{Gate::need_identified, Outcome::approved, {}};
    KK_TRY(input::enumeration(body, "gate", decision.gate));
    KK_TRY(input::enumeration(body, "outcome", decision.outcome));
    KK_TRY(input::text(body, "rationale", decision.rationale, input::long_text));
    Step step = content_.process.phase(content_.process.gate(decision.gate).phase).step;
    KK_TRY(authorize(actor, step == Step::realise ? Permission::decide_realise : Permission::decide_prepare));
    auto decisions = tx.decisions(actor.org_id(), id);
    auto progress = progress_of(decisions);
    auto statuses = status_map(tx.activities(actor.org_id(), id));
    auto effect = KK_TRY(check_decision(content_.process, progress, c->status, decision, statuses));
    if (decision.outcome == Outcome::approved) {
      auto blocked = obstacles(actor, rules_for(tx, *c), decision.gate, statuses);
      if (!blocked.empty()) {
        std::string why;
        for (const auto& b : blocked) why += (why.empty() ? "" : " ") + b;
        return Error::unprocessable("error.gate_blocked", "gate")
            .with("gate", std::string(to_string(decision.gate)))
            .with("findings", why);
      }
    }
    // The award and the standstill come after the gate's own conditions, so that nobody learns
    // anything about the tenders from a decision that was refused anyway.
    std::optional<Award> award;
    if (decision.outcome == Outcome::approved && tenders_) {
      if (decision.gate == Gate::award_decided) award = KK_TRY(tenders_->award_for(tx, actor, *c, body));
      if (decision.gate == Gate::contract_signed) KK_TRY(tenders_->standstill_check(tx, *c));
    }

    Decision d;
    d.id = new_id();
    d.case_id = id;
    d.seq = static_cast<int>(decisions.size()) + 1;
    d.gate = decision.gate;
    d.outcome = decision.outcome;
    d.rationale = decision.rationale;
    d.decided_by = actor.user.id;
    d.decided_by_name = actor.user.display_name;
    d.decided_at = now_utc();
    tx.insert_decision(actor.org_id(), d);
    Case next = *c;
    if (effect.status_after != c->status) {
      next.status = effect.status_after;
      next.updated_at = d.decided_at;
      if (!tx.update_case(next, c->version)) return Error::conflict("error.stale_version");
      next.version = c->version + 1;
    }
    record_audit(tx, actor, "case.decide", "case", id, nullptr, decision_json(d));
    if (award) KK_TRY(tenders_->record_award(tx, actor, next, *award));
    return detail(tx, actor, next);
  });
}

Result<json> CaseService::record_activity(const Actor& actor, const std::string& id, const std::string& key,
                                          const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::record_activities));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"status", "comment", "version"}));
    KK_TRY(input::require(body, "status"));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    auto next = ActivityState::of(key);
    KK_TRY(input::enumeration(body, "status", next.status));
    KK_TRY(input::text(body, "comment", next.comment, input::long_text));
    // Process activities follow the process's rules; activities a rule set requires can be
    // done or reopened, not set aside.
    std::optional<RequiredActivity> required_by_rules;
    if (!content_.process.find_activity(key)) {
      // Only the rules require activities; the application's findings do not matter here.
      auto ev = rule_evaluation(tx, content_, *c, registry_.active(tx, c->org_id, c->catalogue_ids));
      if (const auto* ra = ev.find_activity(key)) required_by_rules = *ra;
    }
    if (required_by_rules) {
      // The routine names who carries the step out (e.g. the security officer in an SUA track).
      const auto& owner = required_by_rules->owner;
      if (owner && !actor.system && !actor.user.has(*owner))
        return Error{ErrorKind::forbidden, "error.activity_owner", "status", {}}.with(
            "role", content_.messages.text(actor.lang, "enum.role." + std::string(to_string(*owner))));
      if (c->status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
      if (next.status == ActivityStatus::not_applicable)
        return Error::unprocessable("error.required_activity_not_applicable", "status");
    } else {
      KK_TRY(check_activity_update(content_.process, c->status, key, next.status, next.comment));
    }
    ActivityState current = state_of(tx.activities(actor.org_id(), id), key);
    auto current_json = [&] {
      return json{{"key", key}, {"status", to_string(current.status)}, {"comment", current.comment},
                  {"version", current.version}};
    };
    if (current.version != version) return stale(current_json());
    if (next.status != ActivityStatus::open) {
      next.done_by = actor.user.id;
      next.done_at = now_utc();
    }
    if (!tx.upsert_activity(actor.org_id(), id, next, version)) return stale(current_json());
    record_audit(tx, actor, "case.activity", "case", id, current.version ? current_json() : json(),
                 {{"key", key}, {"status", to_string(next.status)}, {"comment", next.comment}});
    return detail(tx, actor, *c);
  });
}

Result<json> CaseService::add_member(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_cases));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"user_id", "competence"}));
    KK_TRY(input::require(body, "user_id"));
    KK_TRY(input::require(body, "competence"));
    TeamMember m;
    KK_TRY(input::text(body, "user_id", m.user_id, 64));
    KK_TRY(input::text(body, "competence", m.competence, 64));
    if (!content_.process.find_competence(m.competence))
      return Error::unprocessable("error.unknown_value", "competence").with("value", m.competence);
    auto user = tx.user(actor.org_id(), m.user_id);
    // A supplier's user is never part of the buying organisation's team.
    if (!user || !user->active || user->is_supplier()) return Error::unprocessable("error.unknown_user", "user_id");
    if (!tx.add_team_member(actor.org_id(), id, m, now_utc())) return Error::conflict("error.already_member");
    record_audit(tx, actor, "case.team_add", "case", id, nullptr,
                 {{"user_id", m.user_id}, {"display_name", user->display_name}, {"competence", m.competence}});
    return detail(tx, actor, *c);
  });
}

Result<json> CaseService::remove_member(const Actor& actor, const std::string& id, const std::string& user_id,
                                        const std::string& competence) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_cases));
    if (!tx.remove_team_member(actor.org_id(), id, {user_id, {}, competence})) return Error::not_found();
    record_audit(tx, actor, "case.team_remove", "case", id, {{"user_id", user_id}, {"competence", competence}}, nullptr);
    return detail(tx, actor, *c);
  });
}

Result<json> CaseService::cancel(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::cancel_cases));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"reason", "version"}));
    KK_TRY(input::require(body, "reason"));
    std::string reason;
    KK_TRY(input::text(body, "reason", reason, input::long_text));
    if (c->status != CaseStatus::open)
      return Error::unprocessable("error.case_closed", "reason").with("status", std::string(to_string(c->status)));
    Case next = *c;
    next.status = CaseStatus::cancelled;
    next.closed_reason = reason;
    next.updated_at = now_utc();
    if (!tx.update_case(next, c->version)) return stale(detail(tx, actor, *c));
    next.version = c->version + 1;
    record_audit(tx, actor, "case.cancel", "case", id, case_fields_json(*c), case_fields_json(next));
    return detail(tx, actor, next);
  });
}

}  // namespace kk::app
