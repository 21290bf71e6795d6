#include "app/case_forms.hpp"

#include "app/case_document.hpp"
#include "app/case_records.hpp"
#include "app/clock.hpp"
#include "app/input.hpp"
#include "app/risks.hpp"
#include "app/views.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
std::optional<CaseRecord> stored_form(Transaction& tx, const Case& c, const std::string& form_id) {
  for (auto& r : tx.case_records(c.org_id, c.id, record_kind::form))
    if (r.key == form_id) return r;
  return std::nullopt;
}
}  // namespace

json FormService::form_json(Transaction& tx, const Actor& actor, const Case& c, const CaseForm& form) {
  return form_json(actor, form, read_case_facts(tx, content_, c), stored_form(tx, c, form.id));
}

json FormService::form_json(const Actor& actor, const CaseForm& form, const CaseFacts& facts,
                            const std::optional<CaseRecord>& record) const {
  auto lang = actor.lang;
  FormAnswers answers = record ? form_answers(record->body) : FormAnswers{};
  json sections = json::array();
  int asked = 0, answered = 0;
  for (const auto& s : form.sections) {
    json questions = json::array();
    for (const auto& q : s.questions) {
      bool applies = question_applies(q, facts);
      json options = json::array();
      for (const auto& o : q.options) options.push_back({{"key", o.key}, {"text", o.text.in(lang)}});
      auto it = answers.find(q.key);
      FormAnswer a = it == answers.end() ? FormAnswer{} : it->second;
      if (applies) {
        ++asked;
        answered += a.value.empty() ? 0 : 1;
      }
      questions.push_back({{"key", q.key},
                           {"kind", to_string(q.kind)},
                           {"text", q.text.in(lang)},
                           {"help", q.help.in(lang)},
                           {"criterion", q.criterion},
                           {"reasoning", q.reasoning},
                           {"required", q.required},
                           {"fact", q.fact.empty() ? json() : json(q.fact)},
                           {"applies", applies},
                           {"options", options},
                           {"answer", {{"value", a.value}, {"reasoning", a.reasoning}}}});
    }
    sections.push_back({{"key", s.key}, {"title", s.title.in(lang)}, {"intro", s.intro.in(lang)}, {"questions", questions}});
  }
  json sets = json::object();
  for (const auto& [name, value] : form_facts(form, answers, facts)) sets[name] = fact_value_json(value);
  auto missing = unanswered(form, answers, facts);
  return {{"id", form.id},
          {"form_version", form.version},
          {"name", form.name.in(lang)},
          {"intro", form.intro.in(lang)},
          {"document", form.document},
          {"applies", form_applies(form, facts)},
          {"sections", sections},
          {"asked", asked},
          {"answered", answered},
          {"unanswered", missing},
          {"complete", missing.empty() && answered > 0},
          {"facts", sets},
          {"version", record ? record->version : 0},
          {"updated_by_name", record ? json(record->updated_by_name) : json()},
          {"updated_at", record ? json(record->updated_at) : json()}};
}

Result<json> FormService::list(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    // The facts and the recorded answers are read once for every form.
    CaseFacts facts = read_case_facts(tx, content_, *c);
    auto records = tx.case_records(c->org_id, c->id, record_kind::form);
    json items = json::array();
    for (const auto& f : content_.forms) {
      std::optional<CaseRecord> record;
      for (const auto& r : records)
        if (r.key == f.id) record = r;
      json full = form_json(actor, f, facts, record);
      full.erase("sections");
      items.push_back(std::move(full));
    }
    return json{{"items", items}};
  });
}

Result<json> FormService::get(const Actor& actor, const std::string& case_id, const std::string& form_id) {
  KK_TRY(authorize(actor, Permission::read));
  const CaseForm* form = content_.form(form_id);
  if (!form) return Error::not_found();
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    return form_json(tx, actor, *c, *form);
  });
}

Result<json> FormService::save(const Actor& actor, const std::string& case_id, const std::string& form_id,
                               const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  const CaseForm* form = content_.form(form_id);
  if (!form) return Error::not_found();
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::record_assessments));
    std::int64_t version = 0;
    KK_TRY(input::versioned_answers(body, version));
    FormAnswers given;
    for (const auto& [key, a] : body["answers"].items()) {
      std::string field = "answers." + key;
      if (!a.is_object()) return Error::invalid("error.type_object", field);
      KK_TRY(input::only_fields(a, {"value", "reasoning"}));
      FormAnswer answer;
      for (auto [name, target] : {std::pair{"value", &answer.value}, std::pair{"reasoning", &answer.reasoning}})
        if (auto s = input::text(a, name, *target, input::long_text); !s) {
          Error e = s.error();
          e.field = field + "." + name;  // the answer it concerns, not just "value"
          return e;
        }
      given[key] = answer;
    }
    KK_TRY(check_answers(*form, given));
    if (c->status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
    auto record = stored_form(tx, *c, form_id);
    if ((record ? record->version : 0) != version) return stale(form_json(tx, actor, *c, *form));
    FormAnswers before = record ? form_answers(record->body) : FormAnswers{};
    FormAnswers after = before;
    for (const auto& [key, a] : given) {
      if (a.value.empty() && a.reasoning.empty()) after.erase(key);
      else after[key] = a;
    }
    CaseRecord next{record_kind::form, form_id, json{{"answers", form_answers_json(after)}}.dump(), 0,
                    actor.user.id, "", now_utc()};
    if (!tx.save_case_record(actor.org_id(), case_id, next, version)) return stale(form_json(tx, actor, *c, *form));
    record_audit(tx, actor, "case.form", "case", case_id,
                 record ? json{{"form", form_id}, {"answers", form_answers_json(before)}} : json(),
                 {{"form", form_id}, {"answers", form_answers_json(after)}});
    return form_json(tx, actor, *c, *form);
  });
}

Result<io::SpecDocument> FormService::decision_basis(const Actor& actor, const std::string& case_id,
                                                     const std::string& form_id) {
  const CaseForm* form = content_.form(form_id);
  if (!form || !form->document) return Error::not_found();
  auto shown = get(actor, case_id, form_id);
  if (!shown) return shown.error();
  RiskService risks(store_, content_, registry_);
  auto register_list = risks.list(actor, case_id);
  if (!register_list) return register_list.error();
  auto t = [&](const std::string& key, const std::map<std::string, std::string>& params = {}) {
    return content_.messages.text(actor.lang, key, params);
  };
  const json& f = *shown;
  using Kind = io::DocBlock::Kind;
  auto started = read([&](Transaction& tx) -> Result<io::SpecDocument> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    return case_document(tx, content_, actor.lang, *c, t("ui.forms.decision_basis") + ": " + f["name"].get<std::string>());
  });
  if (!started) return started.error();
  io::SpecDocument doc = std::move(started).value();
  doc.intro = {f["intro"].get<std::string>()};
  if (!f["complete"].get<bool>())
    doc.intro.push_back(t("ui.forms.draft", {{"count", std::to_string(f["unanswered"].size())}}));
  if (f["updated_by_name"].is_string())
    doc.intro.push_back(t("ui.forms.answered_by", {{"name", f["updated_by_name"].get<std::string>()},
                                                   {"at", f["updated_at"].get<std::string>().substr(0, 10)}}));

  // Each question with its answer and reasoning; the last section holds the proposal.
  for (const auto& s : f["sections"]) {
    bool any = false;
    for (const auto& q : s["questions"]) any = any || q["applies"].get<bool>();
    if (!any) continue;
    doc.blocks.push_back({Kind::heading1, s["title"], {}});
    if (!s["intro"].get<std::string>().empty()) doc.blocks.push_back({Kind::paragraph, s["intro"], {}});
    for (const auto& q : s["questions"]) {
      if (!q["applies"].get<bool>()) continue;
      doc.blocks.push_back({Kind::heading2, q["text"], {}});
      std::string value = q["answer"]["value"];
      std::string shown_value = value.empty() ? t("ui.forms.unanswered") : value;
      if (q["kind"] == "yes_no" && !value.empty()) shown_value = t(value == "yes" ? "ui.yes" : "ui.no");
      for (const auto& o : q["options"])
        if (o["key"] == value) shown_value = o["text"];
      doc.blocks.push_back({Kind::paragraph, t("ui.forms.answer") + ": " + shown_value, {}});
      std::string why = q["answer"]["reasoning"];
      if (q["reasoning"].get<bool>())
        doc.blocks.push_back({Kind::paragraph, t("ui.forms.reasoning") + ": " + (why.empty() ? t("ui.forms.unanswered") : why), {}});
    }
  }

  // The risks of the case's register that are not yet acceptable, or accepted by decision.
  doc.blocks.push_back({Kind::heading1, t("ui.forms.remaining_risks"), {}});
  io::DocTable table;
  table.cells.push_back({t("field.title"), t("ui.risks.level"), t("ui.risks.residual_level"), t("field.treatment"),
                         t("ui.risks.decision")});
  table.fills.push_back({"", "", "", "", ""});
  const json items = (*register_list)["items"];
  for (const auto& r : items) {
    const json& level = r["residual_level"].is_object() ? r["residual_level"] : r["level"];
    if (level["acceptable"].get<bool>() && !r["decision"].is_string()) continue;
    table.cells.push_back({r["title"], r["level"]["name"],
                           r["residual_level"].is_object() ? r["residual_level"]["name"].get<std::string>() : "",
                           t("enum.treatment." + r["treatment"].get<std::string>()),
                           r["decision"].is_string() ? t("enum.risk_decision." + r["decision"].get<std::string>()) : ""});
    table.fills.push_back({"", "", "", "", ""});
  }
  if (table.cells.size() == 1) doc.blocks.push_back({Kind::paragraph, t("ui.forms.no_remaining_risks"), {}});
  else doc.blocks.push_back({Kind::table, "", table});
  return doc;
}

}  // namespace kk::app
