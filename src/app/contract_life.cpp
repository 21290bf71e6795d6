#include "app/contract_life.hpp"

#include <map>
#include <set>

#include "app/case_evaluation.hpp"
#include "app/case_records.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/file_sealing.hpp"
#include "app/input.hpp"
#include "app/tendering.hpp"
#include "domain/contract_change.hpp"
#include "domain/contract_checks.hpp"
#include "domain/deadline.hpp"
#include "domain/follow_up.hpp"
#include "domain/text.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
json file_json(const ContractFile& f) {
  return {{"id", f.id},     {"subject", f.subject},           {"file_name", f.file_name},     {"media_type", f.media_type},
          {"size", f.size}, {"uploaded_by_name", f.uploaded_by_name}, {"uploaded_at", f.uploaded_at}};
}

json entry_json(const ContractEntry& e, const std::vector<ContractFile>& files) {
  json j = object_of(e.body);
  j["id"] = e.key;
  j["version"] = e.version;
  j["created_at"] = e.created_at;
  j["updated_by_name"] = e.updated_by_name;
  j["updated_at"] = e.updated_at;
  json attached = json::array();
  std::string subject = e.kind + ":" + e.key;
  for (const auto& f : files)
    if (f.subject == subject) attached.push_back(file_json(f));
  j["files"] = attached;
  return j;
}

bool supplier_of(const Actor& actor, const Contract& c) {
  return actor.user.is_supplier() && actor.user.active && actor.user.supplier_id == c.supplier_id;
}

// What a supplier's users may report on their company's contract, and attach evidence to.
bool supplier_kind(const std::string& kind) { return kind == entry_kind::self_assessment || kind == entry_kind::incident; }

std::optional<ContractMeasure> find_measure(Transaction& tx, const std::string& org_id, const std::string& contract_id,
                                            const std::string& measure_id) {
  for (auto& m : tx.contract_measures(org_id, contract_id))
    if (m.id == measure_id) return m;
  return std::nullopt;
}

// A text the user must give when `needed`.
Status required_text(const json& body, const char* key, std::string& out, bool needed = true) {
  KK_TRY(input::text(body, key, out, input::long_text));
  if (needed && blank(out)) return Error::unprocessable("error.required", key);
  return ok();
}

Status required_date(const json& body, const char* key, std::string& out) {
  std::optional<std::string> date;
  KK_TRY(input::optional_date(body, key, date));
  if (!date) return Error::unprocessable("error.required", key);
  out = *date;
  return ok();
}
// The settled state of each exit check recorded (an unknown key or state is left out).
std::map<ExitCheck, ExitCheckState> exit_states(const std::vector<ContractEntry>& entries) {
  std::map<ExitCheck, ExitCheckState> states;
  for (const auto& e : entries) {
    auto check = parse_enum<ExitCheck>(e.key);
    auto state = parse_enum<ExitCheckState>(object_of(e.body).value("state", "open"));
    if (check && state) states[*check] = *state;
  }
  return states;
}

DeliveryState delivery_state(const json& body) {
  return parse_enum<DeliveryState>(body.value("state", "open")).value_or(DeliveryState::open);
}
}  // namespace

std::optional<ContractEntry> find_entry(Transaction& tx, const std::string& org_id, const std::string& contract_id,
                                        const std::string& kind, const std::string& key) {
  for (auto& e : tx.contract_entries(org_id, contract_id, kind))
    if (e.key == key) return e;
  return std::nullopt;
}

Status still_open(Transaction& tx, const std::string& org_id, const Contract& c) {
  auto k = tx.get_case(org_id, c.case_id);
  if (!k) return Error::not_found();
  if (k->status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
  return ok();
}

Result<Contract> writable_contract(Transaction& tx, const std::string& org_id, const std::string& id) {
  auto c = tx.contract(org_id, id);
  if (!c) return Error::not_found();
  KK_TRY(still_open(tx, org_id, *c));
  return *c;
}

Result<Contract> readable_contract(Transaction& tx, const Actor& actor, const std::string& id) {
  auto c = tx.contract(actor.org_id(), id);
  if (!c) return Error::not_found();
  if (actor.user.is_supplier()) {
    if (!supplier_of(actor, *c)) return Error::not_found();
  } else {
    KK_TRY(authorize(actor, Permission::read));
  }
  return *c;
}

json contract_life_json(Transaction& tx, const Content& content, const Actor& actor, const Contract& c,
                        const std::vector<ContractMeasure>& measures) {
  const std::string& org = actor.org_id();
  auto files = tx.contract_files(org, c.id);
  auto list = [&](const char* kind) {
    json out = json::array();
    for (const auto& e : tx.contract_entries(org, c.id, kind)) out.push_back(entry_json(e, files));
    return out;
  };
  json out = {{"self_assessments", list(entry_kind::self_assessment)}, {"incidents", list(entry_kind::incident)}};
  if (actor.user.is_supplier()) {
    json own = json::array();
    for (const auto& f : files)
      if (supplier_kind(f.subject.substr(0, f.subject.find(':')))) own.push_back(file_json(f));
    out["files"] = own;
    return out;
  }

  std::map<std::string, ContractEntry> checks;
  for (auto& e : tx.contract_entries(org, c.id, entry_kind::delivery_check)) checks[e.key] = e;
  json items = json::array();
  std::vector<DeliveryItem> delivery;
  for (const auto& m : measures) {
    auto it = checks.find(m.id);
    json item = it == checks.end() ? json{{"id", m.id}, {"version", 0}, {"state", "open"}, {"files", json::array()}}
                                   : entry_json(it->second, files);
    auto state = delivery_state(item);
    item["measure_id"] = m.id;
    item["requirement_id"] = m.requirement_id ? json(*m.requirement_id) : json();
    item["text"] = m.text;
    item["mandatory"] = m.mandatory;
    items.push_back(std::move(item));
    delivery.push_back({m.id, m.mandatory, state});
  }
  auto outstanding = delivery_outstanding(delivery);
  out["delivery"] = {{"items", items}, {"outstanding", outstanding}, {"complete", outstanding.empty()}};
  out["agreements"] = list(entry_kind::agreement);

  json changes = list(entry_kind::change);
  json due = json::array();
  for (auto& ch : changes) {
    ch.erase("selected_at_change");  // internal: the baseline of the difference
    if (ch["reassessment"].value("status", "") == "open") due.push_back(ch["id"]);
  }
  out["changes"] = changes;
  out["reassessment_due"] = due;

  auto exit_list = tx.contract_entries(org, c.id, entry_kind::exit_check);
  auto states = exit_states(exit_list);
  std::map<std::string, ContractEntry> exit_entries;
  for (auto& e : exit_list) exit_entries[e.key] = e;
  json exit_checks = json::array();
  for (auto name : enum_names(ExitCheck{})) {
    std::string key(name);
    auto it = exit_entries.find(key);
    json item = it == exit_entries.end() ? json{{"id", key}, {"version", 0}, {"state", "open"}, {"files", json::array()}}
                                         : entry_json(it->second, files);
    item["check"] = key;
    item["may_not_apply"] = may_not_apply(*parse_enum<ExitCheck>(key));
    item["name"] = content.messages.text(actor.lang, "enum.exit_check." + key);
    exit_checks.push_back(std::move(item));
  }
  json exit_outstanding_list = json::array();
  for (auto check : exit_outstanding(states)) exit_outstanding_list.push_back(to_string(check));
  auto plan = find_entry(tx, org, c.id, entry_kind::exit_plan, "plan");
  out["exit"] = {{"plan", plan ? entry_json(*plan, files) : json()},
                 {"checks", exit_checks},
                 {"outstanding", exit_outstanding_list},
                 {"complete", plan.has_value() && exit_outstanding_list.empty()}};
  json all_files = json::array();
  for (const auto& f : files) all_files.push_back(file_json(f));
  out["files"] = all_files;
  return out;
}

std::vector<Finding> contract_findings(Transaction& tx, const Content& content, const Case& c) {
  if (c.status != CaseStatus::open || !progress_of(tx, c).passed(Gate::award_decided)) return {};
  auto finding = [&](Severity severity, std::optional<Gate> gate, const std::string& key,
                     const std::map<std::string, std::string>& params) {
    auto text = [&](Language lang) { return content.messages.text(lang, key, params); };
    return Finding{severity, Localized{text(Language::sv), text(Language::en)}, gate, Reason{"avtal", 1, key, {}}};
  };
  std::vector<Finding> out;
  std::vector<Contract> contracts;
  for (auto& k : tx.contracts_page(c.org_id, {c.id, ""}, -1, 0)) contracts.push_back(std::move(k));
  if (contracts.empty())
    out.push_back(finding(Severity::block, Gate::delivery_approved, "finding.contract_missing", {}));
  for (const auto& k : contracts) {
    auto measures = tx.contract_measures(c.org_id, k.id);
    std::map<std::string, DeliveryState> checked;
    for (const auto& e : tx.contract_entries(c.org_id, k.id, entry_kind::delivery_check))
      checked[e.key] = delivery_state(object_of(e.body));
    std::vector<DeliveryItem> items;
    std::map<std::string, std::string> label;
    for (const auto& m : measures) {
      items.push_back({m.id, m.mandatory, checked.count(m.id) ? checked[m.id] : DeliveryState::open});
      label[m.id] = m.requirement_id ? *m.requirement_id : m.text;
    }
    std::string open;
    for (const auto& id : delivery_outstanding(items)) open += (open.empty() ? "" : ", ") + label[id];
    if (!open.empty())
      out.push_back(finding(Severity::block, Gate::delivery_approved, "finding.delivery_outstanding",
                            {{"contract", k.title}, {"requirements", open}}));

    auto states = exit_states(tx.contract_entries(c.org_id, k.id, entry_kind::exit_check));
    if (!find_entry(tx, c.org_id, k.id, entry_kind::exit_plan, "plan"))
      out.push_back(finding(Severity::block, Gate::relationship_closed, "finding.exit_plan_missing", {{"contract", k.title}}));
    auto left = exit_outstanding(states);
    if (!left.empty()) {
      auto names = [&](Language lang) {
        std::string s;
        for (auto check : left)
          s += (s.empty() ? "" : ", ") + content.messages.text(lang, "enum.exit_check." + std::string(to_string(check)));
        return s;
      };
      auto text = [&](Language lang) {
        return content.messages.text(lang, "finding.exit_outstanding", {{"contract", k.title}, {"checks", names(lang)}});
      };
      out.push_back(Finding{Severity::block, Localized{text(Language::sv), text(Language::en)}, Gate::relationship_closed,
                            Reason{"avtal", 1, "finding.exit_outstanding", {}}});
    }
    for (const auto& e : tx.contract_entries(c.org_id, k.id, entry_kind::change)) {
      json body = object_of(e.body);
      if (body["reassessment"].value("status", "") != "open") continue;
      out.push_back(finding(Severity::warning, std::nullopt, "finding.reassessment_due",
                            {{"contract", k.title},
                             {"change", content.messages.text(Language::sv, "enum.change_kind." + body.value("kind", ""))},
                             {"date", body["reassessment"].value("due_on", "")}}));
    }
  }
  return out;
}

std::vector<GeneratedEntry> ContractLifeService::selected(Transaction& tx, const Case& c) {
  return rule_evaluation(tx, content_, c, registry_.active(tx, c.org_id, c.catalogue_ids)).entries;
}

json ContractLifeService::difference_json(Transaction& tx, const Case& c, const json& before) {
  auto selection = registry_.active(tx, c.org_id, c.catalogue_ids);
  auto after = rule_evaluation(tx, content_, c, selection).entries;
  std::set<std::string> was, now;
  for (const auto& b : before) was.insert(b.value("requirement_id", ""));
  for (const auto& a : after) now.insert(a.requirement_id);
  auto item = [&](const std::string& id, const std::string& kind) {
    const Requirement* r = selection.catalogue->find(id);
    return json{{"requirement_id", id}, {"kind", kind}, {"text", r ? r->ska_text : std::string()}};
  };
  json add = json::array(), remove = json::array();
  for (const auto& a : after)
    if (!was.count(a.requirement_id)) add.push_back(item(a.requirement_id, std::string(to_string(a.kind))));
  for (const auto& b : before)
    if (!now.count(b.value("requirement_id", ""))) remove.push_back(item(b.value("requirement_id", ""), b.value("kind", "")));
  return {{"add", add}, {"remove", remove}, {"empty", add.empty() && remove.empty()}};
}

Result<json> ContractLifeService::save(Transaction& tx, const Actor& actor, const Contract& c, const std::string& kind,
                                       const std::string& key, const json& body, std::int64_t version,
                                       const std::string& action) {
  ContractEntry e;
  e.kind = kind;
  e.key = key;
  e.body = body.dump();
  auto current = find_entry(tx, actor.org_id(), c.id, kind, key);
  std::int64_t stored = current ? current->version : 0;
  json before = current ? object_of(current->body) : json();
  if (stored != version) return stale(current ? entry_json(*current, {}) : json{{"version", 0}});
  std::string now = now_utc();
  e.contract_id = c.id;
  e.created_by = current ? current->created_by : actor.user.id;
  e.created_at = current ? current->created_at : now;
  e.updated_by = actor.user.id;
  e.updated_by_name = actor.user.display_name;
  e.updated_at = now;
  if (!tx.save_contract_entry(actor.org_id(), e, version)) return stale(json{{"version", stored}});
  e.version = version + 1;
  json after = object_of(e.body);
  after["id"] = e.key;
  record_audit(tx, actor, action, "contract", c.id, before.is_null() ? json() : json{{"id", e.key}, {"before", before}},
               json{{"id", e.key}, {"kind", e.kind}, {"after", after}});
  return entry_json(e, tx.contract_files(actor.org_id(), c.id));
}

Result<json> ContractLifeService::check_delivery(const Actor& actor, const std::string& id, const std::string& measure_id,
                                                 const json& body) {
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.contract(actor.org_id(), id);
    if (!c || !find_measure(tx, actor.org_id(), id, measure_id)) return Error::not_found();
    // The state asked for sets the permission; someone who may set none learns nothing more.
    if (!allowed(actor, Permission::manage_contracts) && !allowed(actor, Permission::decide_exceptions))
      return Error::forbidden();
    return check_one_delivery(tx, actor, *c, measure_id, body);
  });
}

Result<json> ContractLifeService::check_deliveries(const Actor& actor, const std::string& id, const json& body) {
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.contract(actor.org_id(), id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::manage_contracts));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"items", "state", "evidence", "notes"}));
    KK_TRY(input::require(body, "state"));
    DeliveryState state = DeliveryState::open;
    KK_TRY(input::enumeration(body, "state", state));
    // An exception is one measure's decision by the information owner, never one of many.
    if (state != DeliveryState::verified && state != DeliveryState::not_verified)
      return Error::unprocessable("error.delivery_many_state", "state");
    KK_TRY(input::require(body, "items"));
    const json& items = body["items"];
    if (!items.is_array() || items.empty()) return Error::unprocessable("error.delivery_choose", "items");
    if (items.size() > 5000) return Error::unprocessable("error.too_many", "items").with("max", "5000");
    json last;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string at = "items[" + std::to_string(i) + "]";
      const json& item = items[i];
      KK_TRY(input::within(input::require_object(item), at));
      KK_TRY(input::within(input::only_fields(item, {"measure_id", "version"}), at));
      std::string measure_id;
      KK_TRY(input::within(input::require(item, "measure_id"), at));
      KK_TRY(input::within(input::text(item, "measure_id", measure_id, 100), at));
      if (!find_measure(tx, actor.org_id(), id, measure_id))
        return Error::unprocessable("error.unknown_value", at + ".measure_id").with("value", measure_id);
      json one = {{"version", item.value("version", json())}, {"state", body["state"]}};
      for (const char* f : {"evidence", "notes"})
        if (body.contains(f)) one[f] = body[f];
      auto checked = check_one_delivery(tx, actor, *c, measure_id, one);
      if (!checked) {
        Error e = checked.take_error();
        e.field = e.field.empty() ? at : at + "." + e.field;
        return e;
      }
      last = std::move(checked).value();
    }
    return last;
  });
}

// One measure's delivery check inside a transaction: the contract and the measure are found and
// the actor may manage contracts or decide exceptions.
Result<json> ContractLifeService::check_one_delivery(Transaction& tx, const Actor& actor, const Contract& c,
                                                     const std::string& measure_id, const json& body) {
  KK_TRY(input::require_object(body));
  KK_TRY(input::only_fields(body, {"version", "state", "evidence", "notes", "exception_reason"}));
  std::int64_t version = 0;
  KK_TRY(input::version(body, version));
  KK_TRY(input::require(body, "state"));
  DeliveryState state = DeliveryState::open;
  KK_TRY(input::enumeration(body, "state", state));
  bool exception = state == DeliveryState::exception;
  KK_TRY(authorize(actor, exception ? Permission::decide_exceptions : Permission::manage_contracts));
  std::string evidence, notes, reason;
  KK_TRY(required_text(body, "evidence", evidence, state == DeliveryState::verified || state == DeliveryState::not_verified));
  KK_TRY(required_text(body, "notes", notes, false));
  KK_TRY(required_text(body, "exception_reason", reason, exception));
  json stored = {{"state", to_string(state)}, {"evidence", evidence}, {"notes", notes}};
  if (exception) {
    // The exception is the decision of the information owner of the case's information.
    bool owners = false, owns = false;
    for (const auto& a : tx.case_assets(actor.org_id(), c.case_id))
      if (a.owner_user_id) {
        owners = true;
        owns = owns || *a.owner_user_id == actor.user.id;
      }
    if (owners && !owns) return Error{ErrorKind::forbidden, "error.not_information_owner", "state", {}};
    stored.update({{"exception_reason", reason}, {"decided_by", actor.user.id},
                   {"decided_by_name", actor.user.display_name}, {"decided_at", now_utc()}});
  }
  return save(tx, actor, c, entry_kind::delivery_check, measure_id, stored, version, "contract.delivery_check");
}

Result<json> ContractLifeService::self_assess(const Actor& actor, const std::string& id, const std::string& measure_id,
                                              const json& body) {
  return write([&](Transaction& tx) -> Result<json> {
    auto c = KK_TRY(readable_contract(tx, actor, id));
    if (!supplier_of(actor, c)) KK_TRY(authorize(actor, Permission::manage_contracts));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"due_on", "result", "statement"}));
    std::optional<std::string> due_on;
    KK_TRY(input::optional_date(body, "due_on", due_on));
    KK_TRY(input::require(body, "result"));
    std::string result, statement;
    KK_TRY(input::text(body, "result", result, 20));
    if (result != "met" && result != "partly" && result != "not_met")
      return Error::unprocessable("error.unknown_value", "result").with("value", result);
    KK_TRY(required_text(body, "statement", statement));
    KK_TRY(still_open(tx, actor.org_id(), c));
    if (!find_measure(tx, actor.org_id(), id, measure_id)) return Error::not_found();
    json stored = {{"measure_id", measure_id}, {"due_on", due_on ? json(*due_on) : json()}, {"result", result},
                   {"statement", statement}, {"by_supplier", actor.user.is_supplier()},
                   {"reported_by_name", actor.user.display_name}};
    return save(tx, actor, c, entry_kind::self_assessment, new_id(), stored, 0, "contract.self_assessment");
  });
}

Result<json> ContractLifeService::report_incident(const Actor& actor, const std::string& id, const json& body) {
  return write([&](Transaction& tx) -> Result<json> {
    auto c = KK_TRY(readable_contract(tx, actor, id));
    if (!supplier_of(actor, c)) KK_TRY(authorize(actor, Permission::manage_contracts));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"occurred_on", "description", "affected_information", "measures"}));
    std::string occurred_on, description, affected, measures;
    KK_TRY(required_date(body, "occurred_on", occurred_on));
    KK_TRY(required_text(body, "description", description));
    KK_TRY(required_text(body, "affected_information", affected, false));
    KK_TRY(required_text(body, "measures", measures, false));
    KK_TRY(still_open(tx, actor.org_id(), c));
    json stored = {{"occurred_on", occurred_on}, {"description", description}, {"affected_information", affected},
                   {"measures", measures}, {"by_supplier", actor.user.is_supplier()},
                   {"reported_by_name", actor.user.display_name}};
    return save(tx, actor, c, entry_kind::incident, new_id(), stored, 0, "contract.incident");
  });
}

Result<json> ContractLifeService::note_agreement(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    std::optional<Contract> c = KK_TRY(writable_contract(tx, actor.org_id(), id));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"agreed_on", "parties", "text"}));
    std::string agreed_on, parties, text;
    KK_TRY(required_date(body, "agreed_on", agreed_on));
    KK_TRY(required_text(body, "parties", parties, false));
    KK_TRY(required_text(body, "text", text));
    json stored = {{"agreed_on", agreed_on}, {"parties", parties}, {"text", text}};
    return save(tx, actor, *c, entry_kind::agreement, new_id(), stored, 0, "contract.agreement");
  });
}

Result<json> ContractLifeService::plan_exit(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    std::optional<Contract> c = KK_TRY(writable_contract(tx, actor.org_id(), id));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "formats", "trigger", "notes", "attend_destruction"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    std::string formats, trigger, notes;
    KK_TRY(required_text(body, "formats", formats));
    KK_TRY(required_text(body, "trigger", trigger, false));
    KK_TRY(required_text(body, "notes", notes, false));
    bool attend = false;
    if (body.contains("attend_destruction")) KK_TRY(input::boolean(body, "attend_destruction", attend));
    json stored = {{"formats", formats}, {"trigger", trigger}, {"notes", notes}, {"attend_destruction", attend}};
    return save(tx, actor, *c, entry_kind::exit_plan, "plan", stored, version, "contract.exit_plan");
  });
}

Result<json> ContractLifeService::check_exit(const Actor& actor, const std::string& id, const std::string& check_name,
                                             const json& body) {
  KK_TRY(authorize(actor, Permission::manage_contracts));
  return write([&](Transaction& tx) -> Result<json> {
    std::optional<Contract> c = KK_TRY(writable_contract(tx, actor.org_id(), id));
    auto check = parse_enum<ExitCheck>(check_name);
    if (!check) return Error::not_found();
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "state", "evidence", "notes"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    KK_TRY(input::require(body, "state"));
    ExitCheckState state = ExitCheckState::open;
    KK_TRY(input::enumeration(body, "state", state));
    if (state == ExitCheckState::not_applicable && !may_not_apply(*check))
      return Error::unprocessable("error.exit_check_applies", "state");
    std::string evidence, notes;
    KK_TRY(required_text(body, "evidence", evidence, state == ExitCheckState::done));
    KK_TRY(required_text(body, "notes", notes, state == ExitCheckState::not_applicable));
    json stored = {{"state", to_string(state)}, {"evidence", evidence}, {"notes", notes}};
    return save(tx, actor, *c, entry_kind::exit_check, check_name, stored, version, "contract.exit_check");
  });
}

Result<json> ContractLifeService::add_file(const Actor& actor, const std::string& id, const std::string& subject,
                                           const std::string& file_name, const std::string& bytes) {
  return write([&](Transaction& tx) -> Result<json> {
    auto c = KK_TRY(readable_contract(tx, actor, id));
    if (!actor.user.is_supplier()) KK_TRY(authorize(actor, Permission::manage_contracts));
    auto checked = KK_TRY(checked_evidence(file_name, bytes));
    auto colon = subject.find(':');
    if (colon == std::string::npos || colon + 1 == subject.size())
      return Error::unprocessable("error.unknown_value", "subject").with("value", subject);
    std::string kind = subject.substr(0, colon), key = subject.substr(colon + 1);
    const std::string& org = actor.org_id();
    KK_TRY(still_open(tx, org, c));
    bool known = false;
    if (actor.user.is_supplier()) {
      // A supplier's user adds evidence to what its company reported, nothing else.
      auto e = supplier_kind(kind) ? find_entry(tx, org, id, kind, key) : std::nullopt;
      known = e && object_of(e->body).value("by_supplier", false);
      if (!known) return Error::unprocessable("error.unknown_value", "subject").with("value", subject);
    } else {
      if (kind == "record") {
        for (const auto& r : tx.follow_up_records(org, id)) known = known || r.id == key;
      } else if (kind == "deviation") {
        auto d = tx.deviation(org, key);
        known = d && d->contract_id == id;
      } else if (kind == entry_kind::delivery_check) {
        known = find_measure(tx, org, id, key).has_value();
      } else if (kind == entry_kind::exit_check) {
        known = parse_enum<ExitCheck>(key).has_value();
      } else if (supplier_kind(kind) || kind == entry_kind::agreement || kind == entry_kind::change) {
        known = find_entry(tx, org, id, kind, key).has_value();
      }
      if (!known) return Error::unprocessable("error.unknown_value", "subject").with("value", subject);
    }
    ContractFile f;
    f.id = new_id();
    f.contract_id = id;
    f.subject = subject;
    f.file_name = checked.name;
    f.media_type = checked.media_type;
    f.size = static_cast<std::int64_t>(bytes.size());
    f.content = seal_file(bytes, org, f.id);
    f.uploaded_by = actor.user.id;
    f.uploaded_by_name = actor.user.display_name;
    f.uploaded_at = now_utc();
    tx.insert_contract_file(org, f);
    record_audit(tx, actor, "contract.file_add", "contract", id, nullptr,
                 {{"file_id", f.id}, {"subject", subject}, {"size", f.size}, {"sha256", sha256_hex(bytes)}});
    return file_json(f);
  });
}

Result<ContractFile> ContractLifeService::file(const Actor& actor, const std::string& id, const std::string& file_id) {
  return read([&](Transaction& tx) -> Result<ContractFile> {
    auto c = KK_TRY(readable_contract(tx, actor, id));
    auto f = tx.contract_file(actor.org_id(), file_id);
    if (!f || f->contract_id != id) return Error::not_found();
    if (actor.user.is_supplier() && !supplier_kind(f->subject.substr(0, f->subject.find(':')))) return Error::not_found();
    f->content = KK_TRY(open_file(f->content, actor.org_id(), f->id));
    return *f;
  });
}

}  // namespace kk::app
