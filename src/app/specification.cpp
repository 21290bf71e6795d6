#include "app/specification.hpp"
#include "domain/text.hpp"

#include "app/case_records.hpp"
#include "app/case_document.hpp"
#include "app/case_evaluation.hpp"
#include "app/tendering.hpp"
#include "app/clock.hpp"
#include "app/input.hpp"
#include "app/views.hpp"
#include "domain/case_progress.hpp"

#include <algorithm>
#include <tuple>

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

ContentRegistry::Selection SpecificationService::selection_of(Transaction& tx, const Case& c) {
  auto stored = tx.specification(c.org_id, c.id);
  return stored ? registry_.pinned(tx, c.org_id, json::parse(stored->catalogues_json, nullptr, false),
                                   json::parse(stored->rule_sets_json, nullptr, false))
                : registry_.active(tx, c.org_id, c.catalogue_ids);
}

SpecificationService::Situation SpecificationService::situation(Transaction& tx, const Case& c) {
  auto selection = selection_of(tx, c);
  Evaluation ev = evaluate_case(tx, content_, c, selection);
  return {std::move(selection), std::move(ev)};
}

json SpecificationService::reason_json(const Actor& actor, const Reason& r, const Situation& now) const {
  const auto& messages = content_.messages;
  std::string set_name = r.rule_set;
  for (const auto& s : now.selection.rule_sets)
    if (s->id == r.rule_set) set_name = s->name.in(actor.lang);
  if (messages.has(actor.lang, "rule_set_name." + r.rule_set)) set_name = messages.text(actor.lang, "rule_set_name." + r.rule_set);
  json facts = json::object();
  std::string because;
  for (const auto& [fact, value] : r.facts) {
    std::string shown = fact_text(value);
    if (std::holds_alternative<bool>(value)) shown = messages.text(actor.lang, std::get<bool>(value) ? "ui.yes" : "ui.no");
    else if (std::holds_alternative<std::monostate>(value)) shown = messages.text(actor.lang, "ui.not_set");
    else if (auto group = value_group(fact); !group.empty()) shown = messages.text(actor.lang, "enum." + group + "." + shown);
    facts[fact] = fact_value_json(value);
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

json SpecificationService::findings_json(const Actor& actor, const Situation& now) const {
  const Evaluation& ev = now.evaluation;
  json findings = json::array(), activities = json::array();
  for (const auto& f : ev.findings)
    findings.push_back({{"severity", to_string(f.severity)},
                        {"text", f.text.in(actor.lang)},
                        {"blocks_gate", f.blocks_gate ? json(to_string(*f.blocks_gate)) : json()},
                        {"reasons", json::array({reason_json(actor, f.reason, now)})}});
  for (const auto& a : ev.activities)
    activities.push_back({{"key", a.key},
                          {"name", a.name.in(actor.lang)},
                          {"blocks_gate", a.blocks_gate ? json(to_string(*a.blocks_gate)) : json()},
                          {"reasons", json::array({reason_json(actor, a.reason, now)})}});
  json problems = json(now.selection.problems);
  return {{"findings", findings}, {"activities", activities}, {"suppressed", ev.suppressed},
          {"rule_set_problems", problems}};
}

Result<json> SpecificationService::findings(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    return findings_json(actor, situation(tx, *c));
  });
}

json SpecificationService::entry_json(const Actor& actor, const SpecEntry& e, const Situation& now) const {
  const Catalogue& cat = now.catalogue();
  const Requirement* found = cat.find(e.requirement_id);
  json reasons = json::array();
  // A rule entry still selected shows today's reasons; otherwise those it was stored with.
  const GeneratedEntry* current = now.evaluation.find(e.requirement_id);
  for (const auto& reason : current && e.origin == EntryOrigin::rule ? current->reasons : e.reasons)
    reasons.push_back(reason_json(actor, reason, now));
  json j = {{"id", e.requirement_id},
            {"requirement_id", e.requirement_id},
            {"catalogue", e.catalogue_id},
            {"kind", to_string(e.kind)},
            {"weight", e.kind == RequirementKind::bor ? json(e.weight) : json()},
            {"status", to_string(e.status)},
            {"origin", to_string(e.origin)},
            {"locked", e.locked},
            {"note", e.note},
            {"case_text", e.case_text},
            {"changed_by", e.changed_by ? json(*e.changed_by) : json()},
            {"changed_at", e.changed_at ? json(*e.changed_at) : json()},
            {"version", e.version},
            {"reasons", reasons}};
  if (!found) return j;
  const Requirement& r = *found;
  const Area* area = cat.find_area(r.area);
  j.update({{"area", r.area},
            {"area_name", area ? area->name.in(actor.lang) : r.area},
            {"placement", to_string(r.placement)},
            {"answer", to_string(r.answer)},
            {"ska_text", r.ska_text},
            {"ar_text", r.ar_text},
            {"motive", r.motive},
            {"verification", enum_list_json(r.verification)},
            {"checked", enum_list_json(r.checked)},
            {"follow_up", r.follow_up ? json{{"method", r.follow_up->method}, {"frequency", to_string(r.follow_up->frequency)}}
                                      : json()},
            {"references", {{"iso27001", string_list(r.iso27001)}, {"law", string_list(r.law)},
                            {"sources", string_list(r.sources)}}},
            {"standard_named", r.standard_named}});
  return j;
}

// Once suppliers are invited they answer the specification as it stands: it no longer changes.
Status SpecificationService::not_tendered(Transaction& tx, const Case& c) const {
  if (!tx.case_tenders(c.org_id, c.id).empty()) return Error::unprocessable("error.specification_tendered", "gate");
  return ok();
}

bool SpecificationService::frozen(Transaction& tx, const Case& c) const {
  return progress_of(tx, c).passed(Gate::documents_approved);
}

bool SpecificationService::owns_rules(const Actor& actor, const Situation& now) const {
  for (const auto& s : now.selection.rule_sets) {
    auto role = parse_enum<Role>(s->owner_role);
    if (role && actor.user.has(*role)) return true;
  }
  return false;
}

json SpecificationService::build(Transaction& tx, const Actor& actor, const Case& c) {
  return build(tx, actor, c, situation(tx, c));
}

json SpecificationService::build(Transaction& tx, const Actor& actor, const Case& c, const Situation& now) {
  const Evaluation& ev = now.evaluation;
  const Catalogue& cat = now.catalogue();
  auto stored = tx.specification(actor.org_id(), c.id);
  std::vector<SpecEntry> entries = stored ? tx.specification_entries(actor.org_id(), c.id) : entries_from(ev, cat);
  if (!stored)
    for (auto& e : entries) e.version = 0;  // computed: the first edit stores it

  // Document order: placement, area, id — for stored entries as for computed ones.
  std::stable_sort(entries.begin(), entries.end(), [&](const SpecEntry& a, const SpecEntry& b) {
    auto key = [&](const SpecEntry& e) {
      const Requirement* r = cat.find(e.requirement_id);
      return std::tuple(r ? static_cast<int>(r->placement) : 9, r ? cat.area_index(r->area) : cat.areas.size(),
                        e.requirement_id);
    };
    return key(a) < key(b);
  });
  // Traceability: which risks of the register each requirement treats.
  std::map<std::string, json> treats;
  for (const auto& r : tx.risks(actor.org_id(), c.id))
    for (const auto& id : r.requirement_ids)
      treats[id].push_back({{"id", r.id}, {"title", r.title}, {"stage", to_string(r.stage)}});
  json list = json::array();
  for (const auto& e : entries) {
    json j = entry_json(actor, e, now);
    j["risks"] = treats.count(e.requirement_id) ? treats[e.requirement_id] : json::array();
    list.push_back(std::move(j));
  }

  json proposal = {{"add", json::array()}, {"remove", json::array()}};
  if (stored) {
    SpecProposal p = propose_changes(ev, entries);
    for (const auto& g : p.add) {
      SpecEntry s = entries_from(Evaluation{{g}, {}, {}, false}, cat).front();
      proposal["add"].push_back(entry_json(actor, s, now));
    }
    for (const auto& id : p.remove)
      for (const auto& e : entries)
        if (e.requirement_id == id) proposal["remove"].push_back(entry_json(actor, e, now));
  }
  json out = findings_json(actor, now);
  out["case_id"] = c.id;
  out["catalogue"] = {{"id", cat.id}, {"version", cat.version}};
  out["catalogues"] = now.selection.catalogue_versions();
  out["rule_sets"] = now.selection.rule_set_versions();
  // A stored specification stays on its versions until someone upgrades it.
  json upgrade = nullptr;
  if (stored) {
    auto newest = registry_.active(tx, c.org_id, c.catalogue_ids);
    if (newest.catalogue_versions() != now.selection.catalogue_versions() ||
        newest.rule_set_versions() != now.selection.rule_set_versions())
      upgrade = {{"catalogue", {{"id", newest.catalogue->id}, {"version", newest.catalogue->version}}},
                 {"catalogues", newest.catalogue_versions()},
                 {"rule_sets", newest.rule_set_versions()}};
  }
  out["upgrade_available"] = upgrade;
  out["stored"] = stored.has_value();
  out["version"] = stored ? stored->version : 0;
  out["frozen"] = frozen(tx, c);
  out["entries"] = list;
  out["proposal"] = proposal;
  return out;
}

std::int64_t SpecificationService::ensure_stored(Transaction& tx, const Actor& actor, const Case& c,
                                                 const Situation& now) {
  if (auto s = tx.specification(actor.org_id(), c.id)) return s->version;
  const Catalogue& cat = now.catalogue();
  StoredSpecification spec{cat.id,    cat.version, now.selection.rule_set_versions().dump(),
                           false,     1,           now_utc(),
                           now_utc(), now.selection.catalogue_versions().dump()};
  tx.insert_specification(actor.org_id(), c.id, spec);
  for (const auto& e : entries_from(now.evaluation, cat)) tx.insert_spec_entry(actor.org_id(), c.id, e);
  record_audit(tx, actor, "specification.store", "case", c.id, nullptr,
               {{"catalogues", now.selection.catalogue_versions()},
                {"rule_sets", now.selection.rule_set_versions()}, {"entries", now.evaluation.entries.size()}});
  return spec.version;
}

Result<json> SpecificationService::upgrade(const Actor& actor, const std::string& case_id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_specification));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "decision"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    std::string decision;
    KK_TRY(input::text(body, "decision", decision, input::long_text));
    KK_TRY(not_tendered(tx, *c));
    auto stored = tx.specification(actor.org_id(), case_id);
    if (!stored) return Error::unprocessable("error.nothing_to_upgrade", "version");
    if (stored->version != version) return stale(build(tx, actor, *c));
    if (frozen(tx, *c) && blank(decision))
      return Error::unprocessable("error.specification_frozen", "decision");
    auto newest = registry_.active(tx, actor.org_id(), c->catalogue_ids);
    json before = {{"catalogues", json::parse(stored->catalogues_json, nullptr, false)},
                   {"rule_sets", json::parse(stored->rule_sets_json, nullptr, false)}};
    json after = {{"catalogues", newest.catalogue_versions()},
                  {"rule_sets", newest.rule_set_versions()}, {"decision", decision}};
    StoredSpecification versions = *stored;
    versions.catalogue_id = newest.catalogue->id;
    versions.catalogue_version = newest.catalogue->version;
    versions.rule_sets_json = newest.rule_set_versions().dump();
    versions.catalogues_json = newest.catalogue_versions().dump();
    if (!tx.set_specification_versions(actor.org_id(), case_id, versions, version, now_utc()))
      return Error::conflict("error.stale_version");
    record_audit(tx, actor, "specification.upgrade", "case", case_id, before, after);
    return build(tx, actor, *c);
  });
}

Result<json> SpecificationService::get(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    return build(tx, actor, *c);
  });
}

Result<std::shared_ptr<const Catalogue>> SpecificationService::catalogue_of(const Actor& actor,
                                                                          const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<std::shared_ptr<const Catalogue>> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    return selection_of(tx, *c).catalogue;
  });
}

Result<io::SpecDocument> SpecificationService::document(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<io::SpecDocument> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    return document_of(tx, *c);
  });
}

// How tenders are evaluated, as the documents publish it: ska-krav are knock-outs, bör-krav
// earn points or a price deduction by the case's evaluation model.
std::vector<std::string> SpecificationService::evaluation_text(Transaction& tx, const Case& c, const io::SpecDocument& doc,
                                                               Language lang) const {
  const auto& m = content_.messages;
  auto reqs = doc.all();
  if (reqs.empty()) return {};
  std::vector<std::string> out = {m.text(lang, "doc.eval_knockout")};
  int max_points = 0;
  for (const auto* r : reqs) max_points += r->mandatory ? 0 : r->weight;
  if (max_points == 0 && std::all_of(reqs.begin(), reqs.end(), [](const auto* r) { return r->mandatory; })) return out;
  auto tendering = read_tendering(tx, c.org_id, c.id);
  if (!tendering || tendering->model_version == 0) {
    out.push_back(m.text(lang, "doc.eval_undecided"));
    return out;
  }
  if (tendering->model.method == EvaluationMethod::points) {
    out.push_back(m.text(lang, "doc.eval_points", {{"max", std::to_string(max_points)}}));
    return out;
  }
  out.push_back(m.text(lang, "doc.eval_price_deduction"));
  for (const auto* r : reqs) {
    if (r->mandatory) continue;
    auto d = tendering->model.deductions.find(r->id);
    out.push_back(m.text(lang, "doc.eval_deduction_line",
                         {{"number", r->number}, {"id", r->id},
                          {"amount", d == tendering->model.deductions.end() ? "–" : std::to_string(d->second)}}));
  }
  return out;
}

io::SpecDocument SpecificationService::document_of(Transaction& tx, const Case& case_) {
    const Case* c = &case_;
    // The document speaks the catalogue's language, whatever the reader's interface language.
    Actor in_catalogue_language = system_actor(case_.org_id);
    Situation now = situation(tx, *c);
    in_catalogue_language.lang = parse_enum<Language>(now.catalogue().language).value_or(Language::sv);
    json spec = build(tx, in_catalogue_language, *c, now);
    const auto& m = content_.messages;
    Language lang = in_catalogue_language.lang;
    auto t = [&](const std::string& key) { return m.text(lang, key); };

    io::SpecDocument doc = case_document(tx, content_, lang, *c, t("doc.title"));
    doc.intro = {t("doc.intro_1"), t("doc.intro_2"), t("doc.intro_3")};
    doc.reasons_title = t("doc.reasons_title");
    doc.reasons_intro = t("doc.reasons_intro");
    doc.label_requirement = t("doc.label_requirement");
    doc.label_kind = t("doc.label_kind");
    doc.label_weight = t("doc.label_weight");
    doc.label_verification = t("doc.label_verification");
    doc.label_answer = t("doc.label_answer");
    doc.label_comment = t("doc.label_comment");
    doc.label_attachment = t("doc.label_attachment");
    doc.label_area = t("doc.label_area");
    doc.label_placement = t("doc.label_placement");
    doc.label_motive = t("doc.label_motive");
    doc.label_reasons = t("doc.label_reasons");
    doc.label_evaluation = t("doc.label_evaluation");

    for (const auto& e : spec["entries"]) {
      if (e["status"] != "active" || !e.contains("placement")) continue;
      std::string placement = e["placement"];
      if (doc.sections.empty() || doc.sections.back().title != t("enum.placement." + placement)) {
        io::DocSection section;
        section.number = std::to_string(doc.sections.size() + 1);
        section.title = t("enum.placement." + placement);
        section.intro = t("doc.section_intro." + placement);
        doc.sections.push_back(std::move(section));
      }
      auto& section = doc.sections.back();
      std::string area = e["area_name"];
      if (section.areas.empty() || section.areas.back().title != area) section.areas.push_back({area, {}});
      io::DocRequirement r;
      std::size_t n = 1;
      for (const auto& a : section.areas) n += a.requirements.size();
      r.number = section.number + "." + std::to_string(n);
      r.id = e["requirement_id"];
      r.mandatory = e["kind"] == "ska";
      r.kind_label = t(r.mandatory ? "doc.kind_ska" : "doc.kind_bor");
      r.weight = r.mandatory ? 0 : e["weight"].get<int>();
      r.placement_label = section.title;
      r.area_label = area;
      r.text = e["ska_text"].get<std::string>();
      if (e["standard_named"].get<bool>()) r.text += " " + t("doc.or_equivalent");
      if (!e["case_text"].get<std::string>().empty()) r.text += " " + e["case_text"].get<std::string>();
      r.answer = e["answer"];
      r.equivalent_allowed = e["standard_named"].get<bool>();
      r.answer_label = t("doc.answer." + r.answer);
      std::string verification;
      for (const auto& v : e["verification"]) {
        verification += (verification.empty() ? "" : ", ") + t("enum.verification." + v.get<std::string>());
        r.document_expected = r.document_expected || v == "certifikat" || v == "soa" || v == "dokumentation";
      }
      r.verification = verification;
      r.motive = e["motive"];
      for (const auto& reason : e["reasons"]) r.reasons.push_back(reason["text"]);
      if (r.reasons.empty() && !e["note"].get<std::string>().empty())
        r.reasons.push_back(t("ui.spec.added_by_hand") + ": " + e["note"].get<std::string>());
      section.areas.back().requirements.push_back(std::move(r));
    }
    // Within an area, ska-krav first and bör-krav after them, numbered in that order.
    for (auto& section : doc.sections) {
      std::size_t n = 0;
      for (auto& area : section.areas) {
        std::stable_sort(area.requirements.begin(), area.requirements.end(),
                         [](const io::DocRequirement& a, const io::DocRequirement& b) { return a.mandatory > b.mandatory; });
        for (auto& r : area.requirements) r.number = section.number + "." + std::to_string(++n);
      }
    }
    doc.evaluation = evaluation_text(tx, *c, doc, lang);
    return doc;
}

Result<json> SpecificationService::add_entry(const Actor& actor, const std::string& case_id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_specification));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"requirement_id", "reason", "decision"}));
    KK_TRY(input::require(body, "requirement_id"));
    KK_TRY(input::require(body, "reason"));
    std::string requirement_id, reason, decision;
    KK_TRY(input::text(body, "requirement_id", requirement_id, 64));
    KK_TRY(input::text(body, "reason", reason, input::long_text));
    KK_TRY(input::text(body, "decision", decision, input::long_text));
    KK_TRY(not_tendered(tx, *c));
    Situation now = situation(tx, *c);
    const Catalogue& cat = now.catalogue();
    const Requirement* r = cat.find(requirement_id);
    if (!r) return Error::unprocessable("error.unknown_requirement", "requirement_id").with("value", requirement_id);
    if (r->withdrawn) return Error::unprocessable("error.requirement_withdrawn", "requirement_id").with("value", requirement_id);
    if (frozen(tx, *c) && blank(decision))
      return Error::unprocessable("error.specification_frozen", "decision");
    std::int64_t spec_version = ensure_stored(tx, actor, *c, now);
    SpecEntry entry;
    entry.requirement_id = r->id;
    entry.catalogue_id = r->catalogue.empty() ? cat.id : r->catalogue;
    entry.origin = EntryOrigin::manual;
    entry.kind = r->kind;
    entry.weight = r->weight;
    entry.note = decision.empty() ? reason : decision;
    entry.changed_by = actor.user.id;
    entry.changed_at = now_utc();
    std::optional<SpecEntry> existing;
    for (const auto& e : tx.specification_entries(actor.org_id(), case_id))
      if (e.requirement_id == r->id) existing = e;
    if (existing && existing->status == EntryStatus::active)
      return Error::conflict("error.requirement_already_in_specification").with("value", r->id);
    if (existing) {
      entry.version = existing->version;
      entry.reasons = existing->reasons;
      if (!tx.update_spec_entry(actor.org_id(), case_id, entry, existing->version)) return Error::conflict("error.stale_version");
    } else {
      tx.insert_spec_entry(actor.org_id(), case_id, entry);
    }
    if (!tx.touch_specification(actor.org_id(), case_id, spec_version, now_utc())) return Error::conflict("error.stale_version");
    record_audit(tx, actor, "specification.add", "case", case_id, nullptr,
                 {{"requirement_id", r->id}, {"reason", reason}, {"decision", decision}});
    return build(tx, actor, *c);
  });
}

Result<json> SpecificationService::edit_entry(const Actor& actor, const std::string& case_id,
                                              const std::string& requirement_id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_specification));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "status", "kind", "weight", "case_text", "reason", "decision"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    EntryEdit edit;
    std::optional<EntryStatus> status;
    KK_TRY(input::optional_enumeration(body, "status", status));
    edit.status = status;
    std::optional<RequirementKind> kind;
    KK_TRY(input::optional_enumeration(body, "kind", kind));
    edit.kind = kind;
    std::optional<std::int64_t> weight;
    KK_TRY(input::optional_integer(body, "weight", weight, 1, 10));
    if (weight) edit.weight = static_cast<int>(*weight);
    KK_TRY(input::optional_text(body, "case_text", edit.case_text, input::long_text));
    if (body.contains("case_text") && !edit.case_text) edit.case_text = "";
    KK_TRY(input::text(body, "reason", edit.reason, input::long_text));
    KK_TRY(input::text(body, "decision", edit.decision, input::long_text));
    KK_TRY(not_tendered(tx, *c));
    Situation now = situation(tx, *c);
    bool was_stored = tx.specification(actor.org_id(), case_id).has_value();
    // A computed specification is read at version 0 everywhere; the first edit stores it.
    std::vector<SpecEntry> entries = was_stored ? tx.specification_entries(actor.org_id(), case_id)
                                                : entries_from(now.evaluation, now.catalogue());
    std::optional<SpecEntry> current;
    for (const auto& e : entries)
      if (e.requirement_id == requirement_id) current = e;
    if (!current) return Error::not_found();
    if (!was_stored) current->version = 0;
    auto current_json = [&] { return entry_json(actor, *current, now); };
    if (current->version != version) return stale(current_json());
    KK_TRY(check_entry_edit(*current, edit, frozen(tx, *c), owns_rules(actor, now)));
    std::int64_t spec_version = ensure_stored(tx, actor, *c, now);
    if (!was_stored) current->version = 1;
    SpecEntry next = *current;
    apply_entry_edit(next, edit);
    next.changed_by = actor.user.id;
    next.changed_at = now_utc();
    if (!tx.update_spec_entry(actor.org_id(), case_id, next, current->version)) return stale(current_json());
    if (!tx.touch_specification(actor.org_id(), case_id, spec_version, now_utc())) return Error::conflict("error.stale_version");
    next.version = current->version + 1;
    record_audit(tx, actor, "specification.edit", "case", case_id, entry_json(actor, *current, now),
                 entry_json(actor, next, now));
    return build(tx, actor, *c);
  });
}

Result<json> SpecificationService::resolve_proposal(const Actor& actor, const std::string& case_id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_specification));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "apply", "decline", "decision"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    std::string decision;
    KK_TRY(input::text(body, "decision", decision, input::long_text));
    auto ids = [&](const char* key) -> Result<std::vector<std::string>> {
      std::vector<std::string> out;
      if (!body.contains(key)) return out;
      if (!body[key].is_array()) return Error::invalid("error.type_array", key);
      for (const auto& v : body[key]) {
        if (!v.is_string()) return Error::invalid("error.type_text", key);
        out.push_back(v.get<std::string>());
      }
      return out;
    };
    auto apply = KK_TRY(ids("apply"));
    auto decline = KK_TRY(ids("decline"));
    KK_TRY(not_tendered(tx, *c));
    auto stored = tx.specification(actor.org_id(), case_id);
    if (!stored) return Error::unprocessable("error.nothing_proposed", "apply");
    if (stored->version != version) return stale(build(tx, actor, *c));
    if (frozen(tx, *c) && blank(decision))
      return Error::unprocessable("error.specification_frozen", "decision");
    Situation now = situation(tx, *c);
    auto entries = tx.specification_entries(actor.org_id(), case_id);
    SpecProposal p = propose_changes(now.evaluation, entries);
    json applied = json::array(), declined = json::array();
    auto handle = [&](const std::string& id, bool accept) -> Status {
      for (const auto& g : p.add)
        if (g.requirement_id == id) {
          SpecEntry e = entries_from(Evaluation{{g}, {}, {}, false}, now.catalogue()).front();
          e.status = accept ? EntryStatus::active : EntryStatus::declined;
          e.changed_by = actor.user.id;
          e.changed_at = now_utc();
          e.note = decision;
          tx.insert_spec_entry(actor.org_id(), case_id, e);
          return ok();
        }
      for (const auto& removed : p.remove)
        if (removed == id)
          for (auto e : entries)
            if (e.requirement_id == id) {
              std::int64_t v = e.version;
              if (accept) e.status = EntryStatus::removed;
              else e.keep = true;
              e.changed_by = actor.user.id;
              e.changed_at = now_utc();
              e.note = decision;
              if (!tx.update_spec_entry(actor.org_id(), case_id, e, v)) return Error::conflict("error.stale_version");
              return ok();
            }
      return Error::unprocessable("error.not_proposed", accept ? "apply" : "decline").with("value", id);
    };
    for (const auto& id : apply) {
      KK_TRY(handle(id, true));
      applied.push_back(id);
    }
    for (const auto& id : decline) {
      KK_TRY(handle(id, false));
      declined.push_back(id);
    }
    if (!tx.touch_specification(actor.org_id(), case_id, version, now_utc())) return Error::conflict("error.stale_version");
    record_audit(tx, actor, "specification.proposal", "case", case_id, nullptr,
                 {{"applied", applied}, {"declined", declined}, {"decision", decision}});
    return build(tx, actor, *c);
  });
}

}  // namespace kk::app
