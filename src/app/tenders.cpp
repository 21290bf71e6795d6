#include "app/tenders.hpp"

#include <algorithm>

#include "app/accounts.hpp"
#include "app/import_problems.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/file_sealing.hpp"
#include "app/input.hpp"
#include "app/suppliers.hpp"
#include "app/views.hpp"
#include "domain/deadline.hpp"
#include "io/answer_matrix.hpp"
#include "domain/text.hpp"

namespace kk::app {
using namespace kk::domain;

std::vector<AnswerTerms> answer_terms(const io::SpecDocument& doc, const EvaluationModel& model) {
  std::vector<AnswerTerms> out;
  for (const io::DocRequirement* r : doc.all()) {
    AnswerTerms t;
    t.requirement_id = r->id;
    t.mandatory = r->mandatory;
    t.answer = parse_enum<AnswerKind>(r->answer).value_or(AnswerKind::description);
    t.equivalent_allowed = r->equivalent_allowed;
    t.weight = r->weight;
    auto d = model.deductions.find(r->id);
    t.deduction_sek = d == model.deductions.end() ? 0 : d->second;
    out.push_back(t);
  }
  return out;
}

namespace {
const AnswerTerms* find_terms(const std::vector<AnswerTerms>& terms, const std::string& id) {
  for (const auto& t : terms)
    if (t.requirement_id == id) return &t;
  return nullptr;
}

json answer_json(const StoredAnswer& a) {
  return {{"choice", a.answer.choice ? json(to_string(*a.answer.choice)) : json()},
          {"value", a.answer.value},
          {"comment", a.answer.comment},
          {"secret", a.answer.secret},
          {"secrecy_reason", a.answer.secrecy_reason},
          {"updated_at", a.updated_at}};
}

json file_json(const TenderFile& f) {
  return {{"id", f.id},         {"requirement_id", f.requirement_id}, {"file_name", f.file_name},
          {"media_type", f.media_type}, {"size", f.size},            {"uploaded_at", f.uploaded_at}};
}

// The facts of a tender anyone who may see it at all sees: never its answers.
json tender_summary(const Tender& t, const Tendering& tg) {
  return {{"id", t.id},
          {"case_id", t.case_id},
          {"supplier_id", t.supplier_id},
          {"supplier_name", t.supplier_name},
          {"status", to_string(t.status)},
          {"submitted_at", t.submitted_at ? json(*t.submitted_at) : json()},
          {"version", t.version},
          {"case", {{"title", tg.c.title},
                    {"registry_number", tg.c.registry_number},
                    {"deadline", tg.deadline ? json(*tg.deadline) : json()},
                    {"deadline_local", tg.deadline ? json(stockholm_time(*tg.deadline)) : json()},
                    {"deadline_passed", tg.deadline_passed(now_utc())}}}};
}

std::vector<TenderAnswer> plain_answers(const std::vector<StoredAnswer>& stored) {
  std::vector<TenderAnswer> out;
  for (const auto& a : stored) out.push_back(a.answer);
  return out;
}

std::vector<Judgement> plain_judgements(const std::vector<StoredJudgement>& stored) {
  std::vector<Judgement> out;
  for (const auto& j : stored) out.push_back(j.judgement);
  return out;
}

// One answer from a request; errors name "answers[i].field".
Result<TenderAnswer> read_answer(const json& j, const std::vector<AnswerTerms>& terms) {
  KK_TRY(input::only_fields(j, {"requirement_id", "choice", "value", "comment", "secret", "secrecy_reason"}));
  KK_TRY(input::require(j, "requirement_id"));
  TenderAnswer a;
  KK_TRY(input::text(j, "requirement_id", a.requirement_id, 64));
  const AnswerTerms* t = find_terms(terms, a.requirement_id);
  if (!t) return Error::unprocessable("error.unknown_requirement", "requirement_id").with("value", a.requirement_id);
  KK_TRY(input::optional_enumeration(j, "choice", a.choice));
  KK_TRY(input::text(j, "value", a.value, input::long_text));
  KK_TRY(input::text(j, "comment", a.comment, input::long_text));
  KK_TRY(input::boolean(j, "secret", a.secret));
  KK_TRY(input::text(j, "secrecy_reason", a.secrecy_reason, input::long_text));
  KK_TRY(check_answer(*t, a));
  return a;
}

bool empty_answer(const TenderAnswer& a) { return !a.choice && blank(a.value) && blank(a.comment) && !a.secret; }
}  // namespace

Status TenderService::Loaded::answerable() const {
  if (!own) return Error::forbidden();
  if (tendering.deadline_passed(now_utc())) return Error::unprocessable("error.deadline_passed", "tender_deadline");
  return ok();
}

bool TenderService::Loaded::readable(const Actor& actor) const {
  return own || (tender.status == TenderStatus::submitted && tendering.sees_contents(actor));
}

Result<TenderService::Loaded> TenderService::load(Transaction& tx, const Actor& actor, const std::string& tender_id) {
  auto t = tx.tender(actor.org_id(), tender_id);
  if (!t) return Error::not_found();
  Loaded l;
  if (actor.user.is_supplier()) {
    auto users = tx.tender_users(actor.org_id(), tender_id);
    l.own = actor.user.supplier_id == t->supplier_id && std::find(users.begin(), users.end(), actor.user.id) != users.end();
    if (!l.own) return Error::not_found();  // another supplier's tender does not exist for it
  } else {
    KK_TRY(authorize(actor, Permission::read));
  }
  auto tg = read_tendering(tx, actor.org_id(), t->case_id);
  if (!tg) return Error::not_found();
  l.tender = *t;
  l.tendering = std::move(*tg);
  l.doc = specs_.document_of(tx, l.tendering.c);
  l.terms = answer_terms(l.doc, l.tendering.model);
  return l;
}

json TenderService::tender_json(Transaction& tx, const Actor& actor, const Loaded& l, bool with_contents) {
  json j = tender_summary(l.tender, l.tendering);
  j["sealed"] = !with_contents;
  j["secret"] = l.tendering.secret();
  j["opened"] = l.tendering.opened();
  j["may_answer"] = l.answerable().ok();
  j["may_judge"] = with_contents && !l.own && l.tendering.evaluators.count(actor.user.id) > 0 && !l.tendering.awarded();
  std::vector<StoredAnswer> answers;
  std::vector<StoredJudgement> judgements;
  std::vector<TenderFile> files;
  if (with_contents) {
    answers = tx.tender_answers(actor.org_id(), l.tender.id);
    files = tx.tender_files(actor.org_id(), l.tender.id);
    if (!l.own) judgements = tx.tender_judgements(actor.org_id(), l.tender.id);
    j["service"] = l.tender.service;
    j["price_sek"] = l.tender.price_sek ? json(*l.tender.price_sek) : json();
  }
  ByRequirement<StoredAnswer> answer_by_id(answers);
  ByRequirement<StoredJudgement> judgement_by_id(judgements);
  json requirements = json::array();
  std::size_t answered = 0;
  for (const io::DocRequirement* r : l.doc.all()) {
    const AnswerTerms& terms = *find_terms(l.terms, r->id);
    json choices = json::array();
    for (auto c : allowed_choices(terms))
      choices.push_back({{"value", to_string(c)}, {"label", content_.messages.text(actor.lang, "enum.answer_choice." + std::string(to_string(c)))}});
    json item = {{"number", r->number},   {"id", r->id},          {"mandatory", r->mandatory},
                 {"kind_label", r->kind_label}, {"weight", r->weight}, {"text", r->text},
                 {"answer_kind", r->answer}, {"answer_label", r->answer_label}, {"choices", choices},
                 {"placement", r->placement_label}, {"area", r->area_label}};
    if (with_contents) {
      const StoredAnswer* a = answer_by_id[r->id];
      const StoredJudgement* jd = judgement_by_id[r->id];
      item["answer"] = a ? answer_json(*a) : json();
      item["files"] = json::array();
      for (const auto& f : files)
        if (f.requirement_id == r->id) item["files"].push_back(file_json(f));
      auto o = outcome(terms, a ? &a->answer : nullptr, jd ? &jd->judgement : nullptr);
      if (o != AnswerOutcome::missing) ++answered;
      if (!l.own) {
        item["outcome"] = to_string(o);
        item["judgement"] = jd ? json{{"met", jd->judgement.met}, {"reasoning", jd->judgement.reasoning},
                                      {"judged_by_name", jd->judged_by_name}, {"judged_at", jd->judged_at}}
                               : json();
      }
    }
    requirements.push_back(std::move(item));
  }
  j["requirements"] = requirements;
  j["answered"] = answered;
  j["total"] = requirements.size();
  return j;
}

Result<json> TenderService::list(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto tg = read_tendering(tx, actor.org_id(), case_id);
    if (!tg) return Error::not_found();
    UserNames names = user_names(tx.users(actor.org_id()));
    json tenders = json::array();
    for (const auto& t : tx.case_tenders(actor.org_id(), case_id)) {
      json j = tender_summary(t, *tg);
      j["invited"] = json::array();
      for (const auto& u : tx.tender_users(actor.org_id(), t.id))
        j["invited"].push_back({{"user_id", u}, {"display_name", names.count(u) ? names[u] : u}});
      tenders.push_back(std::move(j));
    }
    json group = json::array();
    for (const auto& id : tg->evaluators) group.push_back({{"user_id", id}, {"display_name", names.count(id) ? names[id] : id}});
    json opening = nullptr;
    if (tg->opening) {
      opening = {{"opened_by_name", tg->opening->updated_by_name}, {"opened_at", tg->opening->updated_at}};
    }
    std::string now = now_utc();
    return json{{"case_id", case_id},
                {"receives_tenders", receives_tenders(tg->c.kind)},
                {"documents_approved", tg->progress.passed(Gate::documents_approved)},
                {"deadline", tg->deadline ? json(*tg->deadline) : json()},
                {"deadline_local", tg->deadline ? json(stockholm_time(*tg->deadline)) : json()},
                {"deadline_passed", tg->deadline_passed(now)},
                {"opened", opening},
                {"evaluation_group", group},
                {"evaluation_group_version", tg->group_version},
                {"evaluation_model", tg->model_version ? model_json(tg->model) : json()},
                {"evaluation_model_version", tg->model_version},
                {"award", tg->award ? award_json(*tg->award) : json()},
                {"sees_contents", tg->sees_contents(actor)},
                {"tenders", tenders}};
  });
}

Result<json> TenderService::invite(const Actor& actor, const std::string& case_id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_tenders));
  // A case of another organisation is missing before anything about the body is said. The new
  // account's password is hashed before the write lock, as argon2 takes its time.
  KK_TRY(read([&](Transaction& tx) -> Status {
    return tx.get_case(actor.org_id(), case_id) ? ok() : Status(Error::not_found());
  }));
  KK_TRY(input::require_object(body));
  KK_TRY(input::only_fields(body, {"supplier_id", "user_id", "username", "display_name", "password"}));
  KK_TRY(input::require(body, "supplier_id"));
  std::string supplier_id, user_id;
  KK_TRY(input::text(body, "supplier_id", supplier_id, 64));
  KK_TRY(input::text(body, "user_id", user_id, 64));
  std::optional<NewAccount> account;
  if (!user_id.empty() && body.contains("username"))
    return Error::unprocessable("error.invite_user_or_new", "username");
  if (user_id.empty()) {
    if (!body.contains("username")) return Error::unprocessable("error.required", "user_id");
    account = KK_TRY(read_new_account(body));
  }
  return write([&](Transaction& tx) -> Result<json> {
    auto tg = read_tendering(tx, actor.org_id(), case_id);
    if (!tg) return Error::not_found();
    if (tg->c.status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
    if (!receives_tenders(tg->c.kind)) return Error::unprocessable("error.no_tenders_for_kind", "kind");
    if (!tg->progress.passed(Gate::documents_approved))
      return Error::unprocessable("error.documents_not_approved", "gate");
    if (!tg->deadline) return Error::unprocessable("error.deadline_missing", "tender_deadline");
    if (tg->deadline_passed(now_utc())) return Error::unprocessable("error.deadline_passed", "tender_deadline");
    auto supplier = tx.supplier(actor.org_id(), supplier_id);
    if (!supplier) return Error::unprocessable("error.unknown_supplier", "supplier_id").with("value", supplier_id);

    json user_out;
    if (account) {
      account->user.org_id = actor.org_id();
      account->user.supplier_id = supplier_id;
      KK_TRY(insert_account(tx, *account));
      user_id = account->user.id;
      user_out = user_json(account->user);
      record_audit(tx, actor, "user.create", "user", user_id, nullptr, user_out);
      if (account->generated) user_out["initial_password"] = account->password;
    } else {
      auto u = tx.user(actor.org_id(), user_id);
      if (!u || !u->active || u->supplier_id != supplier_id)
        return Error::unprocessable("error.user_not_of_supplier", "user_id").with("value", user_id);
      user_out = user_json(*u);
    }

    Tender t;
    bool created = false;
    for (const auto& existing : tx.case_tenders(actor.org_id(), case_id))
      if (existing.supplier_id == supplier_id) t = existing;
    if (t.id.empty()) {
      t.id = new_id();
      t.case_id = case_id;
      t.supplier_id = supplier_id;
      t.supplier_name = supplier->name;
      t.created_at = t.updated_at = now_utc();
      if (!tx.insert_tender(actor.org_id(), t)) return Error::conflict("error.stale_version");
      created = true;
    }
    if (!tx.add_tender_user(actor.org_id(), t.id, user_id, now_utc()))
      return Error::conflict("error.already_invited").with("value", user_id);
    json summary = tender_summary(t, *tg);
    record_audit(tx, actor, created ? "tender.invite" : "tender.invite_user", "case", case_id, nullptr,
                 {{"tender_id", t.id}, {"supplier_id", supplier_id}, {"user_id", user_id}});
    return json{{"tender", summary}, {"user", user_out}};
  });
}

Result<json> TenderService::mine(const Actor& actor) {
  if (!actor.user.is_supplier() || !actor.user.active) return Error::forbidden();
  return read([&](Transaction& tx) -> Result<json> {
    json items = json::array();
    for (const auto& t : tx.user_tenders(actor.org_id(), actor.user.id)) {
      if (actor.user.supplier_id != t.supplier_id) continue;
      auto tg = read_tendering(tx, actor.org_id(), t.case_id);
      if (tg) items.push_back(tender_summary(t, *tg));
    }
    return json{{"items", items}};
  });
}

Result<json> TenderService::get(const Actor& actor, const std::string& tender_id) {
  return read([&](Transaction& tx) -> Result<json> {
    auto l = KK_TRY(load(tx, actor, tender_id));
    return tender_json(tx, actor, l, l.readable(actor));
  });
}

Result<json> TenderService::save_answers(Transaction& tx, const Actor& actor, Loaded& l,
                                         const std::vector<TenderAnswer>& answers, const json& fields) {
  std::string now = now_utc();
  KK_TRY(l.answerable());
  Tender next = l.tender;
  KK_TRY(input::text(fields, "service", next.service, input::short_text));
  KK_TRY(input::optional_integer(fields, "price_sek", next.price_sek, 0, 1'000'000'000'000LL));
  for (const auto& a : answers) {
    if (empty_answer(a)) tx.delete_tender_answer(actor.org_id(), l.tender.id, a.requirement_id);
    else tx.save_tender_answer(actor.org_id(), l.tender.id, {a, actor.user.id, now});
  }
  bool was_submitted = next.status == TenderStatus::submitted;
  next.status = TenderStatus::invited;  // changed: to be submitted again
  next.submitted_at.reset();
  next.submitted_by.reset();
  next.updated_at = now;
  if (!tx.update_tender(actor.org_id(), next, l.tender.version)) return stale(tender_summary(l.tender, l.tendering));
  next.version = l.tender.version + 1;
  // The audit names what changed and a hash of each answer, never the contents: they are sealed
  // until the opening, and the hash lets a later dispute show which answer was given when.
  json changed = json::array();
  for (const auto& a : answers)
    changed.push_back({{"requirement_id", a.requirement_id},
                       {"sha256", empty_answer(a) ? json() : json(sha256_hex(answer_json(StoredAnswer{a, std::nullopt, ""}).dump()))}});
  record_audit(tx, actor, "tender.save", "tender", l.tender.id, nullptr,
               {{"answers", changed}, {"withdrew_submission", was_submitted}});
  l.tender = next;
  return tender_json(tx, actor, l, true);
}

Result<json> TenderService::save(const Actor& actor, const std::string& tender_id, const json& body) {
  return write([&](Transaction& tx) -> Result<json> {
    auto l = KK_TRY(load(tx, actor, tender_id));
    KK_TRY(l.answerable());
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "service", "price_sek", "answers"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    if (body.contains("answers") && !body["answers"].is_array()) return Error::invalid("error.type_array", "answers");
    if (l.tender.version != version) return stale(tender_summary(l.tender, l.tendering));
    std::vector<TenderAnswer> answers;
    if (body.contains("answers"))
      for (std::size_t i = 0; i < body["answers"].size(); ++i) {
        std::string path = "answers[" + std::to_string(i) + "]";
        if (!body["answers"][i].is_object()) return Error::invalid("error.type_object", path);
        auto a = read_answer(body["answers"][i], l.terms);
        if (!a) return input::within(a.take_error(), path).take_error();
        answers.push_back(std::move(*a));
      }
    return save_answers(tx, actor, l, answers, body);
  });
}

Result<json> TenderService::submit(const Actor& actor, const std::string& tender_id, const json& body) {
  return write([&](Transaction& tx) -> Result<json> {
    auto l = KK_TRY(load(tx, actor, tender_id));
    KK_TRY(l.answerable());
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    std::string now = now_utc();
    if (l.tender.version != version) return stale(tender_summary(l.tender, l.tendering));
    auto stored = tx.tender_answers(actor.org_id(), tender_id);
    ByRequirement<StoredAnswer> answers(stored);
    std::string missing;
    int count = 0;
    for (const auto& t : l.terms) {
      const StoredAnswer* a = answers[t.requirement_id];
      if (outcome(t, a ? &a->answer : nullptr, nullptr) == AnswerOutcome::missing && ++count <= 20)
        missing += (missing.empty() ? "" : ", ") + t.requirement_id;
    }
    if (count > 0) return Error::unprocessable("error.tender_incomplete", "answers").with("requirements", missing);
    if (!l.tender.price_sek) return Error::unprocessable("error.required", "price_sek");
    Tender next = l.tender;
    next.status = TenderStatus::submitted;
    next.submitted_at = now;
    next.submitted_by = actor.user.id;
    next.updated_at = now;
    if (!tx.update_tender(actor.org_id(), next, version)) return stale(tender_summary(l.tender, l.tendering));
    next.version = version + 1;
    record_audit(tx, actor, "tender.submit", "tender", tender_id, nullptr, {{"submitted_at", now}});
    l.tender = next;
    return tender_json(tx, actor, l, true);
  });
}

Result<json> TenderService::add_file(const Actor& actor, const std::string& tender_id, const std::string& requirement_id,
                                     const std::string& file_name, const std::string& bytes) {
  return write([&](Transaction& tx) -> Result<json> {
    auto l = KK_TRY(load(tx, actor, tender_id));
    KK_TRY(l.answerable());
    auto checked = KK_TRY(checked_evidence(file_name, bytes));
    if (!find_terms(l.terms, requirement_id))
      return Error::unprocessable("error.unknown_requirement", "requirement_id").with("value", requirement_id);
    TenderFile f;
    f.id = new_id();
    f.tender_id = tender_id;
    f.requirement_id = requirement_id;
    f.file_name = checked.name;
    f.media_type = checked.media_type;
    f.size = static_cast<std::int64_t>(bytes.size());
    f.content = seal_file(bytes, actor.org_id(), f.id);
    f.uploaded_by = actor.user.id;
    f.uploaded_at = now_utc();
    tx.insert_tender_file(actor.org_id(), f);
    record_audit(tx, actor, "tender.file_add", "tender", tender_id, nullptr,
                 {{"file_id", f.id}, {"requirement_id", requirement_id}, {"size", f.size}, {"sha256", sha256_hex(bytes)}});
    return file_json(f);
  });
}

Result<json> TenderService::remove_file(const Actor& actor, const std::string& tender_id, const std::string& file_id) {
  return write([&](Transaction& tx) -> Result<json> {
    auto l = KK_TRY(load(tx, actor, tender_id));
    KK_TRY(l.answerable());
    auto f = tx.tender_file(actor.org_id(), file_id);
    if (!f || f->tender_id != tender_id) return Error::not_found();
    tx.delete_tender_file(actor.org_id(), file_id);
    record_audit(tx, actor, "tender.file_remove", "tender", tender_id, {{"file_id", file_id}}, nullptr);
    return json{{"removed", file_id}};
  });
}

Result<TenderFile> TenderService::file(const Actor& actor, const std::string& tender_id, const std::string& file_id) {
  return read([&](Transaction& tx) -> Result<TenderFile> {
    auto l = KK_TRY(load(tx, actor, tender_id));
    if (!l.readable(actor)) return Error::unprocessable("error.tenders_sealed", "tender");
    auto f = tx.tender_file(actor.org_id(), file_id);
    if (!f || f->tender_id != tender_id) return Error::not_found();
    f->content = KK_TRY(open_file(f->content, actor.org_id(), f->id));
    return *f;
  });
}

Result<json> TenderService::open(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::manage_tenders));
  return write([&](Transaction& tx) -> Result<json> {
    auto tg = read_tendering(tx, actor.org_id(), case_id);
    if (!tg) return Error::not_found();
    if (tg->c.status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
    if (!tg->deadline_passed(now_utc())) return Error::unprocessable("error.deadline_not_passed", "tender_deadline");
    if (tg->opened()) return Error::conflict("error.already_opened");
    int submitted = 0;
    for (const auto& t : tx.case_tenders(actor.org_id(), case_id))
      if (t.status == TenderStatus::submitted) ++submitted;
    std::string now = now_utc();
    CaseRecord r{record_kind::tender_opening, single_record, json{{"submitted", submitted}}.dump(), 1,
                 actor.user.id, actor.user.display_name, now};
    if (!tx.save_case_record(actor.org_id(), case_id, r, 0)) return Error::conflict("error.already_opened");
    record_audit(tx, actor, "tender.open", "case", case_id, nullptr, {{"opened_at", now}, {"submitted", submitted}});
    return json{{"opened_at", now}, {"opened_by_name", actor.user.display_name}, {"submitted", submitted}};
  });
}

Result<json> TenderService::set_evaluation_group(const Actor& actor, const std::string& case_id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_tenders));
  return write([&](Transaction& tx) -> Result<json> {
    auto tg = read_tendering(tx, actor.org_id(), case_id);
    if (!tg) return Error::not_found();
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "user_ids"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    if (!body.contains("user_ids") || !body["user_ids"].is_array()) return Error::invalid("error.type_array", "user_ids");
    if (tg->c.status != CaseStatus::open) return Error::unprocessable("error.case_closed", "status");
    if (tg->awarded()) return Error::unprocessable("error.already_awarded", "gate");
    if (tg->group_version != version) return stale(json{{"version", tg->group_version}});
    std::set<std::string> team;
    for (const auto& m : tx.team(actor.org_id(), case_id)) team.insert(m.user_id);
    json ids = json::array();
    for (std::size_t i = 0; i < body["user_ids"].size(); ++i) {
      const json& id = body["user_ids"][i];
      std::string field = "user_ids[" + std::to_string(i) + "]";
      if (!id.is_string()) return Error::invalid("error.type_text", field);
      if (!team.count(id.get<std::string>()))
        return Error::unprocessable("error.not_in_team", field).with("value", id.get<std::string>());
      ids.push_back(id);
    }
    CaseRecord r{record_kind::evaluation_group, single_record, json{{"user_ids", ids}}.dump(), version + 1,
                 actor.user.id, actor.user.display_name, now_utc()};
    if (!tx.save_case_record(actor.org_id(), case_id, r, version)) return stale(json{{"version", tg->group_version}});
    record_audit(tx, actor, "case.evaluation_group", "case", case_id, nullptr, {{"user_ids", ids}});
    return json{{"user_ids", ids}, {"version", version + 1}};
  });
}

Result<json> TenderService::set_evaluation_model(const Actor& actor, const std::string& case_id, const json& body) {
  KK_TRY(authorize(actor, Permission::manage_tenders));
  return write([&](Transaction& tx) -> Result<json> {
    auto tg = read_tendering(tx, actor.org_id(), case_id);
    if (!tg) return Error::not_found();
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "method", "deductions"}));
    KK_TRY(input::require(body, "method"));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    EvaluationModel model;
    KK_TRY(input::enumeration(body, "method", model.method));
    if (body.contains("deductions") && !body["deductions"].is_null()) {
      if (!body["deductions"].is_object()) return Error::invalid("error.type_object", "deductions");
      for (const auto& [id, amount] : body["deductions"].items()) {
        std::string field = "deductions." + id;
        if (!amount.is_number_integer()) return Error::invalid("error.type_integer", field);
        if (amount.get<std::int64_t>() < 0 || amount.get<std::int64_t>() > 1'000'000'000'000LL)
          return Error::unprocessable("error.out_of_range", field).with("min", "0").with("max", "1000000000000");
        model.deductions[id] = amount.get<std::int64_t>();
      }
    }
    if (!receives_tenders(tg->c.kind)) return Error::unprocessable("error.no_tenders_for_kind", "kind");
    // The model is published with the documents and frozen with them.
    if (tg->progress.passed(Gate::documents_approved)) return Error::unprocessable("error.model_frozen", "method");
    if (tg->model_version != version) return stale(json{{"version", tg->model_version}});
    auto terms = answer_terms(specs_.document_of(tx, tg->c), EvaluationModel{});
    for (const auto& [id, amount] : model.deductions) {
      const AnswerTerms* t = find_terms(terms, id);
      if (!t || t->mandatory) return Error::unprocessable("error.deduction_not_bor", "deductions." + id).with("value", id);
    }
    if (model.method == EvaluationMethod::points) model.deductions.clear();
    CaseRecord r{record_kind::evaluation_model, single_record, model_json(model).dump(), version + 1, actor.user.id,
                 actor.user.display_name, now_utc()};
    if (!tx.save_case_record(actor.org_id(), case_id, r, version)) return stale(json{{"version", tg->model_version}});
    json after = model_json(model);
    after["missing"] = missing_deductions(model, terms);
    record_audit(tx, actor, "case.evaluation_model", "case", case_id, nullptr, after);
    after["version"] = version + 1;
    return after;
  });
}

Result<json> TenderService::judge(const Actor& actor, const std::string& tender_id, const std::string& requirement_id,
                                  const json& body) {
  return write([&](Transaction& tx) -> Result<json> {
    auto l = KK_TRY(load(tx, actor, tender_id));
    if (l.own || !l.tendering.evaluators.count(actor.user.id)) return Error::forbidden();
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"met", "reasoning"}));
    std::optional<bool> met;
    Judgement j;
    j.requirement_id = requirement_id;
    KK_TRY(input::optional_boolean(body, "met", met));
    KK_TRY(input::text(body, "reasoning", j.reasoning, input::long_text));
    if (!l.tendering.opened()) return Error::unprocessable("error.tenders_sealed", "tender");
    if (l.tendering.awarded()) return Error::unprocessable("error.already_awarded", "gate");
    if (l.tender.status != TenderStatus::submitted) return Error::unprocessable("error.tender_not_submitted", "tender");
    if (!find_terms(l.terms, requirement_id)) return Error::not_found();
    auto judgements = tx.tender_judgements(actor.org_id(), tender_id);
    bool judged = std::any_of(judgements.begin(), judgements.end(),
                              [&](const StoredJudgement& x) { return x.judgement.requirement_id == requirement_id; });
    if (!met) {
      if (!judged) return Error::not_found();
      tx.delete_judgement(actor.org_id(), tender_id, requirement_id);
      record_audit(tx, actor, "tender.judgement_withdraw", "tender", tender_id, {{"requirement_id", requirement_id}}, nullptr);
      return json{{"requirement_id", requirement_id}, {"judgement", nullptr}};
    }
    j.met = *met;
    auto answers = tx.tender_answers(actor.org_id(), tender_id);
    const StoredAnswer* a = ByRequirement<StoredAnswer>(answers)[requirement_id];
    KK_TRY(check_judgement(a ? &a->answer : nullptr, j));
    std::string now = now_utc();
    tx.save_judgement(actor.org_id(), tender_id, {j, actor.user.id, actor.user.display_name, now});
    // The audit says who judged what, not the reasoning: it quotes sealed answers.
    record_audit(tx, actor, "tender.judge", "tender", tender_id, nullptr, {{"requirement_id", requirement_id}, {"met", j.met}});
    return json{{"requirement_id", requirement_id}, {"met", j.met}, {"reasoning", j.reasoning}, {"judged_at", now}};
  });
}

json TenderService::evaluation_json(Transaction& tx, const Actor& actor, const Tendering& tg) {
  auto doc = specs_.document_of(tx, tg.c);
  auto terms = answer_terms(doc, tg.model);
  std::vector<Tender> submitted;
  std::vector<TenderInput> inputs;
  for (const auto& t : tx.case_tenders(actor.org_id(), tg.c.id)) {
    if (t.status != TenderStatus::submitted) continue;
    submitted.push_back(t);
    inputs.push_back({t.id, t.price_sek, plain_answers(tx.tender_answers(actor.org_id(), t.id)),
                      plain_judgements(tx.tender_judgements(actor.org_id(), t.id))});
  }
  auto results = evaluate_tenders(tg.model, terms, inputs);
  json requirements = json::array();
  for (const auto& t : terms)
    requirements.push_back({{"id", t.requirement_id}, {"mandatory", t.mandatory}, {"weight", t.weight},
                            {"deduction_sek", t.deduction_sek}});
  json tenders = json::array();
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    json per = json::array();
    for (const auto& rr : r.requirements)
      per.push_back({{"id", rr.requirement_id}, {"outcome", to_string(rr.outcome)}, {"points", rr.points},
                     {"deduction_sek", rr.deduction_sek}});
    // What to look at about the supplier: its certificates, third countries and DPF listing,
    // and whether its ISO/IEC 27001 scope covers the service it offers.
    json findings = json::array();
    if (auto row = tx.supplier(actor.org_id(), submitted[i].supplier_id)) {
      Supplier s = supplier_of(*row);
      std::string today = stockholm_date(now_utc());
      auto list = check_supplier(s, today);
      for (auto& f : check_scope(s, submitted[i].service, today)) list.push_back(f);
      findings = supplier_findings_json(content_, actor.lang, list);
    }
    tenders.push_back({{"tender_id", r.tender_id},
                       {"supplier_findings", findings},
                       {"service", submitted[i].service},
                       {"supplier_name", submitted[i].supplier_name},
                       {"supplier_id", submitted[i].supplier_id},
                       {"price_sek", r.price_sek ? json(*r.price_sek) : json()},
                       {"points", r.points},
                       {"max_points", r.max_points},
                       {"deduction_sek", r.deduction_sek},
                       {"comparison_price_sek", r.comparison_price_sek ? json(*r.comparison_price_sek) : json()},
                       {"disqualified", r.disqualified()},
                       {"knocked_out", r.knocked_out},
                       {"price_missing", r.price_missing},
                       {"to_judge", r.to_judge},
                       {"complete", r.complete()},
                       {"rank", r.rank},
                       {"requirements", per}});
  }
  return {{"case_id", tg.c.id},
          {"model", model_json(tg.model)},
          {"model_defined", tg.model_version > 0},
          {"missing_deductions", missing_deductions(tg.model, terms)},
          {"secret", tg.secret()},
          {"requirements", requirements},
          {"tenders", tenders}};
}

Result<json> TenderService::evaluation(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto tg = read_tendering(tx, actor.org_id(), case_id);
    if (!tg) return Error::not_found();
    if (!tg->sees_contents(actor)) return Error::unprocessable("error.tenders_sealed", "tender");
    return evaluation_json(tx, actor, *tg);
  });
}

Result<std::optional<Award>> TenderService::award_for(Transaction& tx, const Actor& actor, const Case& c,
                                                     const json& body) {
  auto tg = read_tendering(tx, c.org_id, c.id);
  if (!tg) return Error::not_found();
  bool any_submitted = false;
  for (const auto& t : tx.case_tenders(c.org_id, c.id)) any_submitted = any_submitted || t.status == TenderStatus::submitted;
  if (!any_submitted) {
    if (body.contains("tender_id")) return Error::unprocessable("error.no_tenders_to_award", "tender_id");
    return std::optional<Award>();
  }
  // Only someone who sees the tenders decides on them; a refusal would otherwise tell others
  // which tender is disqualified or ranked first.
  if (!tg->sees_contents(actor)) return Error::unprocessable("error.tenders_sealed", "tender_id");
  KK_TRY(input::require(body, "tender_id"));
  KK_TRY(input::require(body, "notice"));
  Award award;
  KK_TRY(input::text(body, "tender_id", award.tender_id, 64));
  KK_TRY(input::enumeration(body, "notice", award.notice));
  KK_TRY(input::text(body, "rationale", award.reasoning, input::long_text));
  if (blank(award.reasoning)) return Error::unprocessable("error.required", "rationale");

  json ev = evaluation_json(tx, actor, *tg);
  json chosen = nullptr;
  for (const auto& t : ev["tenders"])
    if (t["tender_id"] == award.tender_id) chosen = t;
  if (chosen.is_null()) return Error::unprocessable("error.unknown_tender", "tender_id").with("value", award.tender_id);
  if (chosen["disqualified"].get<bool>())
    return Error::unprocessable("error.award_disqualified", "tender_id").with("value", chosen["supplier_name"].get<std::string>());
  // Every qualified tender is judged in full first: one still open might rank above the choice.
  for (const auto& t : ev["tenders"])
    if (!t["disqualified"].get<bool>() && !t["complete"].get<bool>())
      return Error::unprocessable("error.award_unjudged", "tender_id").with("value", t["supplier_name"].get<std::string>());
  if (chosen["rank"] != 1) return Error::unprocessable("error.award_not_first", "tender_id");

  // The award-stage risk register names the chosen supplier and each of its subcontractors.
  auto supplier_row = tx.supplier(c.org_id, chosen["supplier_id"].get<std::string>());
  std::vector<std::string> to_cover;
  if (supplier_row) {
    Supplier s = supplier_of(*supplier_row);
    to_cover.push_back(s.name);
    for (const auto& sub : s.subcontractors) to_cover.push_back(sub.name);
  }
  std::string missing;
  auto risks = tx.risks(c.org_id, c.id);
  for (const auto& name : to_cover) {
    bool covered = std::any_of(risks.begin(), risks.end(), [&](const Risk& r) {
      return r.stage == RiskStage::award &&
             (r.title.find(name) != std::string::npos || r.description.find(name) != std::string::npos);
    });
    if (!covered) missing += (missing.empty() ? "" : ", ") + name;
  }
  if (!missing.empty()) return Error::unprocessable("error.award_risks_missing", "gate").with("names", missing);

  award.record_version = tg->award ? tg->award->record_version : 0;
  award.decided_at = now_utc();
  award.standstill_ends = end_of_day_after(award.decided_at, award.notice == NoticeMethod::electronic ? 10 : 15);
  return std::optional<Award>(award);
}

Status TenderService::record_award(Transaction& tx, const Actor& actor, const Case& c, const Award& award) {
  std::int64_t version = award.record_version;
  CaseRecord r{record_kind::award, single_record, award_json(award).dump(), version + 1, actor.user.id,
               actor.user.display_name, award.decided_at};
  if (!tx.save_case_record(c.org_id, c.id, r, version)) return Error::conflict("error.stale_version");
  record_audit(tx, actor, "tender.award", "case", c.id, nullptr, award_json(award));
  return ok();
}

Status TenderService::deadline_change_check(Transaction& tx, const Case& c, const std::optional<std::string>& next) {
  if (tx.case_tenders(c.org_id, c.id).empty()) return ok();
  auto tg = read_tendering(tx, c.org_id, c.id);
  std::string now = now_utc();
  if (tg && tg->deadline_passed(now)) return Error::unprocessable("error.deadline_locked", "tender_deadline");
  auto moment = next ? parse_moment(*next) : std::nullopt;
  if (!moment || *moment <= now || (tg && tg->deadline && *moment < *tg->deadline))
    return Error::unprocessable("error.deadline_not_ahead", "tender_deadline");
  return ok();
}

Status TenderService::standstill_check(Transaction& tx, const Case& c) {
  auto tg = read_tendering(tx, c.org_id, c.id);
  if (!tg || !tg->award || !tg->progress.passed(Gate::award_decided)) return ok();
  if (now_utc() <= tg->award->standstill_ends)
    return Error::unprocessable("error.standstill", "gate").with("until", stockholm_time(tg->award->standstill_ends));
  return ok();
}

Result<io::SpecDocument> TenderService::matrix(const Actor& actor, const std::string& tender_id) {
  return read([&](Transaction& tx) -> Result<io::SpecDocument> {
    auto l = KK_TRY(load(tx, actor, tender_id));
    return l.doc;
  });
}

Result<json> TenderService::import_matrix(const Actor& actor, const std::string& tender_id, const std::string& bytes) {
  return write([&](Transaction& tx) -> Result<json> {
    auto l = KK_TRY(load(tx, actor, tender_id));
    KK_TRY(l.answerable());
    auto reading = KK_TRY(io::answer_matrix::read_filled(bytes, l.doc));

    // Each row's answer read as the online form reads it; every problem is reported, by row.
    std::vector<io::answer_matrix::RowProblem> problems = reading.problems;
    std::vector<TenderAnswer> answers;
    // The matrix has no column for secrecy: what the supplier asked online is kept.
    std::map<std::string, TenderAnswer> stored;
    for (auto& a : tx.tender_answers(actor.org_id(), tender_id)) stored[a.answer.requirement_id] = a.answer;
    for (const auto& row : reading.answers) {
      const AnswerTerms& terms = *find_terms(l.terms, row.requirement_id);
      TenderAnswer a;
      a.requirement_id = row.requirement_id;
      if (auto it = stored.find(row.requirement_id); it != stored.end()) {
        a.secret = it->second.secret;
        a.secrecy_reason = it->second.secrecy_reason;
      }
      a.comment = row.comment;
      if (!blank(row.attachment))
        a.comment += (a.comment.empty() ? "" : "\n") + content_.messages.text(actor.lang, "ui.tender.attachment_ref",
                                                                            {{"ref", row.attachment}});
      auto choices = allowed_choices(terms);
      if (choices.empty()) {
        a.value = row.answer;
      } else if (!blank(row.answer)) {
        auto choice = io::answer_matrix::choice_of(row.answer);
        if (!choice || std::find(choices.begin(), choices.end(), *choice) == choices.end()) {
          std::string allowed;
          for (auto c : choices) allowed += (allowed.empty() ? "" : ", ") + io::answer_matrix::choice_word(l.doc.language, c);
          problems.push_back({row.row, "answer_not_allowed", {{"value", row.answer}, {"allowed", allowed}}});
          continue;
        }
        a.choice = choice;
        if (a.choice == AnswerChoice::other_way) std::swap(a.value, a.comment);  // the comment says how
      }
      if (utf8_length(a.value) > input::long_text || utf8_length(a.comment) > input::long_text) {
        problems.push_back({row.row, "too_long", {{"max", std::to_string(input::long_text)}}});
        continue;
      }
      if (auto checked = check_answer(terms, a); !checked) {
        problems.push_back({row.row, "answer_invalid", {{"problem", content_.messages.error_text(actor.lang, checked.error())}}});
        continue;
      }
      answers.push_back(std::move(a));
    }
    if (!problems.empty())
      return rows_rejected(content_.messages, actor.lang, "error.matrix_rejected", "matrix", problems);
    // The matrix is the whole tender: a requirement left blank there is unanswered here.
    return save_answers(tx, actor, l, answers, json::object());
  });
}

}  // namespace kk::app
