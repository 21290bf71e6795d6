#include "app/case_registers.hpp"

#include <algorithm>
#include <functional>

#include "app/case_evaluation.hpp"
#include "app/case_records.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/input.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
// Internal documents are the organisation's own; external ones bind it from outside.
bool category_fits(DocumentOrigin origin, DocumentCategory category) {
  switch (category) {
    case DocumentCategory::policy:
    case DocumentCategory::guideline:
    case DocumentCategory::sourcing_strategy:
    case DocumentCategory::routine:
      return origin == DocumentOrigin::internal;
    case DocumentCategory::law:
    case DocumentCategory::regulation:
    case DocumentCategory::agreement:
    case DocumentCategory::standard:
      return origin == DocumentOrigin::external;
    case DocumentCategory::other:
      return true;
  }
  return false;
}

// A governing document from a request merged over what is stored (nothing, when added).
Result<json> governing_document_body(const json& body, const json& current) {
  KK_TRY(input::only_fields(body, {"version", "origin", "category", "title", "reference", "note", "excludes"}));
  auto origin = parse_enum<DocumentOrigin>(current.value("origin", "internal")).value_or(DocumentOrigin::internal);
  auto category = parse_enum<DocumentCategory>(current.value("category", "other")).value_or(DocumentCategory::other);
  std::string title = current.value("title", ""), reference = current.value("reference", ""), note = current.value("note", "");
  bool excludes = current.value("excludes", false);
  KK_TRY(input::enumeration(body, "origin", origin));
  KK_TRY(input::enumeration(body, "category", category));
  KK_TRY(input::text(body, "title", title, input::short_text));
  KK_TRY(input::text(body, "reference", reference, input::short_text));
  KK_TRY(input::text(body, "note", note, input::long_text));
  KK_TRY(input::boolean(body, "excludes", excludes));
  if (title.empty()) return Error::invalid("error.required", "title");
  if (!category_fits(origin, category))
    return Error::unprocessable("error.category_origin", "category").with("value", std::string(to_string(category)));
  if (excludes && origin != DocumentOrigin::external) return Error::unprocessable("error.excludes_external", "excludes");
  return json{{"origin", to_string(origin)}, {"category", to_string(category)}, {"title", title},
              {"reference", reference}, {"note", note}, {"excludes", excludes}};
}

Result<json> framework_party_body(const json& body, const json& current) {
  KK_TRY(input::only_fields(body, {"version", "name", "levels", "note"}));
  std::string name = current.value("name", ""), note = current.value("note", "");
  json levels = current.contains("levels") ? current["levels"] : json::object();
  KK_TRY(input::text(body, "name", name, input::short_text));
  KK_TRY(input::text(body, "note", note, input::long_text));
  if (body.contains("levels")) {
    if (!body["levels"].is_object()) return Error::invalid("error.type_object", "levels");
    for (const auto& [aspect, level] : body["levels"].items()) {
      std::string field = "levels." + aspect;
      if (!parse_enum<Aspect>(aspect)) return Error::unprocessable("error.unknown_value", field).with("value", aspect);
      if (level.is_null()) {
        levels.erase(aspect);
        continue;
      }
      if (!level.is_number_integer()) return Error::invalid("error.type_integer", field);
      if (level.get<int>() < 0 || level.get<int>() > 4)
        return Error::unprocessable("error.level_out_of_range", field).with("value", level.dump());
      levels[aspect] = level.get<int>();
    }
  }
  if (name.empty()) return Error::invalid("error.required", "name");
  return json{{"name", name}, {"levels", levels}, {"note", note}};
}

Result<json> confirmation_body(const json& body, const json& current) {
  KK_TRY(input::only_fields(body, {"version", "evidence", "document"}));
  std::string evidence = current.value("evidence", ""), document = current.value("document", "");
  KK_TRY(input::text(body, "evidence", evidence, input::long_text));
  KK_TRY(input::text(body, "document", document, input::short_text));
  if (evidence.empty()) return Error::invalid("error.required", "evidence");
  return json{{"evidence", evidence}, {"document", document}};
}

json record_json(const CaseRecord& r) {
  json j = object_of(r.body);
  j["id"] = r.key;
  j["version"] = r.version;
  j["updated_by_name"] = r.updated_by_name;
  j["updated_at"] = r.updated_at;
  return j;
}

// The locked measures of the case's current specification.
std::vector<std::string> measures_to_confirm(Transaction& tx, const Case& c, const Evaluation& rules) {
  std::vector<std::string> out;
  for (const auto& e : current_entries(tx, c, rules))
    if (e.locked) out.push_back(e.requirement_id);
  return out;
}
}  // namespace

struct RegisterService::Kind {
  const char* record;
  const char* audit_action;
  Permission permission;
  std::function<Result<json>(const json& body, const json& current)> parse;
  // The key of a new item; empty means it comes from the request (the requirement confirmed).
  bool generated_key = true;
};

namespace {
const RegisterService::Kind governing_kind{record_kind::governing_document, "case.governing_document",
                                           Permission::record_assessments, governing_document_body, true};
const RegisterService::Kind party_kind{record_kind::framework_party, "case.framework_party",
                                       Permission::record_assessments, framework_party_body, true};
const RegisterService::Kind confirmation_kind{record_kind::confirmation, "case.confirmation",
                                              Permission::record_confirmations, confirmation_body, false};
}  // namespace

Result<json> RegisterService::list(const Actor& actor, const std::string& case_id, const Kind& kind) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    json items = json::array();
    for (const auto& r : tx.case_records(c->org_id, c->id, kind.record)) items.push_back(record_json(r));
    return json{{"items", items}};
  });
}

Result<json> RegisterService::add(const Actor& actor, const std::string& case_id, const Kind& kind, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, kind.permission));
    KK_TRY(input::require_object(body));
    auto parsed = KK_TRY(kind.parse(body, json::object()));
    if (c->status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
    CaseRecord r{kind.record, new_id(), parsed.dump(), 1, actor.user.id, actor.user.display_name, now_utc()};
    if (!tx.save_case_record(actor.org_id(), case_id, r, 0)) return Error::conflict("error.stale_version");
    record_audit(tx, actor, std::string(kind.audit_action) + ".add", "case", case_id, nullptr, record_json(r));
    return record_json(r);
  });
}

Result<json> RegisterService::edit(const Actor& actor, const std::string& case_id, const Kind& kind,
                                   const std::string& key, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, kind.permission));
    KK_TRY(input::require_object(body));
    std::int64_t version = 0;
    if (kind.generated_key || body.contains("version")) KK_TRY(input::version(body, version));
    if (c->status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
    auto current = find_case_record(tx, *c, kind.record, key);
    // Registers with generated keys are edited in place; a confirmation is saved under its requirement.
    if (!current && kind.generated_key) return Error::not_found();
    if ((current ? current->version : 0) != version) return stale(current ? record_json(*current) : json());
    auto parsed = KK_TRY(kind.parse(body, current ? object_of(current->body) : json::object()));
    CaseRecord r{kind.record, key, parsed.dump(), version + 1, actor.user.id, actor.user.display_name, now_utc()};
    if (!tx.save_case_record(actor.org_id(), case_id, r, version)) return stale(current ? record_json(*current) : json());
    record_audit(tx, actor, std::string(kind.audit_action) + (current ? ".edit" : ".add"), "case", case_id,
                 current ? record_json(*current) : json(), record_json(r));
    return record_json(r);
  });
}

Result<json> RegisterService::remove(const Actor& actor, const std::string& case_id, const Kind& kind,
                                     const std::string& key, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, kind.permission));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    if (c->status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
    auto current = find_case_record(tx, *c, kind.record, key);
    if (!current) return Error::not_found();
    if (!tx.delete_case_record(actor.org_id(), case_id, kind.record, key, version)) return stale(record_json(*current));
    record_audit(tx, actor, std::string(kind.audit_action) + ".remove", "case", case_id, record_json(*current), nullptr);
    return json{{"removed", key}};
  });
}

const RegisterService::Kind& RegisterService::kind_of(Register which) {
  return which == Register::governing_documents ? governing_kind : party_kind;
}
Result<json> RegisterService::list(const Actor& actor, const std::string& case_id, Register which) {
  return list(actor, case_id, kind_of(which));
}
Result<json> RegisterService::add(const Actor& actor, const std::string& case_id, Register which, const json& body) {
  return add(actor, case_id, kind_of(which), body);
}
Result<json> RegisterService::edit(const Actor& actor, const std::string& case_id, Register which,
                                   const std::string& id, const json& body) {
  return edit(actor, case_id, kind_of(which), id, body);
}
Result<json> RegisterService::remove(const Actor& actor, const std::string& case_id, Register which,
                                     const std::string& id, const json& body) {
  return remove(actor, case_id, kind_of(which), id, body);
}

Result<json> RegisterService::confirmations(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    auto stored = tx.case_records(c->org_id, c->id, record_kind::confirmation);
    auto selection = registry_.active(tx, c->org_id, c->catalogue_ids);
    Evaluation computed = tx.specification(c->org_id, c->id) ? Evaluation{} : rule_evaluation(tx, content_, *c, selection);
    json items = json::array();
    for (const auto& id : measures_to_confirm(tx, *c, computed)) {
      const Requirement* req = selection.catalogue->find(id);
      json item = {{"requirement_id", id}, {"text", req ? req->ska_text : ""}, {"confirmation", nullptr}};
      for (const auto& r : stored)
        if (r.key == id) item["confirmation"] = record_json(r);
      items.push_back(std::move(item));
    }
    return json{{"applies", confirms_measures(c->kind)}, {"items", items}};
  });
}

Result<json> RegisterService::confirm(const Actor& actor, const std::string& case_id, const std::string& requirement_id,
                                      const json& body) {
  // Only the measures the case must confirm can be confirmed.
  auto measures = confirmations(actor, case_id);
  if (!measures) return measures.error();
  const json items = (*measures)["items"];
  bool known = std::any_of(items.begin(), items.end(), [&](const json& i) { return i["requirement_id"] == requirement_id; });
  if (!known) return Error::not_found();
  return edit(actor, case_id, confirmation_kind, requirement_id, body);
}

Result<json> RegisterService::withdraw_confirmation(const Actor& actor, const std::string& case_id,
                                                    const std::string& requirement_id, const json& body) {
  return remove(actor, case_id, confirmation_kind, requirement_id, body);
}

bool confirms_measures(CaseKind kind) {
  return kind == CaseKind::operation_change || kind == CaseKind::acquisition_without_procurement;
}

std::vector<Finding> confirmation_findings(Transaction& tx, const Content& content, const Case& c,
                                           const Evaluation& rules) {
  if (!confirms_measures(c.kind) || c.status != CaseStatus::open) return {};
  std::set<std::string> confirmed;
  for (const auto& r : tx.case_records(c.org_id, c.id, record_kind::confirmation)) confirmed.insert(r.key);
  std::string missing;
  for (const auto& id : measures_to_confirm(tx, c, rules))
    if (!confirmed.count(id)) missing += (missing.empty() ? "" : ", ") + id;
  if (missing.empty()) return {};
  auto text = [&](Language lang) { return content.messages.text(lang, "finding.unconfirmed_measures", {{"requirements", missing}}); };
  return {Finding{Severity::block, Localized{text(Language::sv), text(Language::en)}, Gate::contract_signed,
                  Reason{"bekraftelser", 1, "leverantorens-bekraftelse", {}}}};
}

}  // namespace kk::app
