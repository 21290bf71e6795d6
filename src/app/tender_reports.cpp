// Documents about tenders: the evaluation report (DOCX and XLSX) with each tender's result per
// requirement and the evaluation group's judgements, and a copy of one tender, masked or not,
// for a request for public documents. Until the award decision every one of them is marked
// secret (OSL 19 kap. 3 §).
#include <algorithm>

#include "app/case_document.hpp"
#include "app/clock.hpp"
#include "app/tenders.hpp"
#include "domain/deadline.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
using Kind = io::DocBlock::Kind;

io::DocTable table_of(std::vector<std::vector<std::string>> cells) {
  io::DocTable t;
  for (const auto& row : cells) t.fills.push_back(std::vector<std::string>(row.size(), ""));
  if (!t.fills.empty()) std::fill(t.fills[0].begin(), t.fills[0].end(), "D9E1F2");  // the header row
  t.cells = std::move(cells);
  return t;
}

json find_by_id(const json& list, const std::string& id) {
  for (const auto& x : list)
    if (x["id"] == id) return x;
  return json::object();
}

std::string kronor(const json& v) { return v.is_number() ? std::to_string(v.get<std::int64_t>()) : "–"; }
}  // namespace

Result<TenderService::Report> TenderService::report(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<Report> {
    auto tg = read_tendering(tx, actor.org_id(), case_id);
    if (!tg) return Error::not_found();
    if (!tg->sees_contents(actor)) return Error::unprocessable("error.tenders_sealed", "tender");
    auto t = [&](const std::string& key, const std::map<std::string, std::string>& params = {}) {
      return content_.messages.text(actor.lang, key, params);
    };
    json ev = evaluation_json(tx, actor, *tg);
    bool deduction = tg->model.method == EvaluationMethod::price_deduction;
    Report report{case_document(tx, content_, actor.lang, tg->c, t("ui.evaluation.report_title")), {}};
    io::SpecDocument& doc = report.doc;
    if (tg->secret()) doc.intro.push_back(t("ui.tender.secrecy_marking"));
    doc.intro.push_back(t("ui.evaluation.model_line", {{"method", t("enum.evaluation_method." + std::string(to_string(tg->model.method)))}}));
    if (tg->opening)
      doc.intro.push_back(t("ui.evaluation.opened_line", {{"by", tg->opening->updated_by_name},
                                                          {"at", stockholm_time(tg->opening->updated_at)}}));

    // The comparison of all tenders.
    std::vector<std::vector<std::string>> summary = {{t("field.supplier_id"), t("field.price_sek"),
                                                      deduction ? t("ui.evaluation.deduction") : t("ui.evaluation.points"),
                                                      t("ui.evaluation.comparison_price"), t("ui.evaluation.result")}};
    auto result_text = [&](const json& r) {
      if (r["disqualified"].get<bool>()) return t("ui.evaluation.disqualified");
      if (!r["complete"].get<bool>()) return t("ui.evaluation.to_judge", {{"count", std::to_string(r["to_judge"].size())}});
      return t("ui.evaluation.rank", {{"rank", std::to_string(r["rank"].get<int>())}});
    };
    for (const auto& r : ev["tenders"])
      summary.push_back({r["supplier_name"], kronor(r["price_sek"]),
                         deduction ? kronor(r["deduction_sek"])
                                   : std::to_string(r["points"].get<int>()) + " / " + std::to_string(r["max_points"].get<int>()),
                         kronor(r["comparison_price_sek"]), result_text(r)});
    doc.blocks.push_back({Kind::heading1, t("ui.evaluation.summary"), {}});
    doc.blocks.push_back({Kind::table, "", table_of(summary)});

    report.table.sheet = t("ui.evaluation.sheet");
    report.table.title = doc.title + " – " + tg->c.registry_number + (tg->secret() ? " – " + t("ui.tender.secret_short") : "");
    report.table.headers = {t("field.supplier_id"), t("field.requirement_id"), t("doc.label_kind"), t("field.choice"),
                            t("field.value"), t("field.comment"), t("ui.evaluation.outcome"),
                            deduction ? t("ui.evaluation.deduction") : t("ui.evaluation.points"), t("field.met"),
                            t("field.reasoning"), t("ui.evaluation.judged_by")};

    // Each tender, requirement by requirement, with the judgements and their reasoning.
    for (const auto& r : ev["tenders"]) {
      std::string tender_id = r["tender_id"];
      auto answers = tx.tender_answers(actor.org_id(), tender_id);
      auto judgements = tx.tender_judgements(actor.org_id(), tender_id);
      ByRequirement<StoredAnswer> answer_of(answers);
      ByRequirement<StoredJudgement> judgement_of(judgements);
      doc.blocks.push_back({Kind::heading1, r["supplier_name"].get<std::string>(), {}});
      doc.blocks.push_back({Kind::paragraph, result_text(r), {}});
      if (!r["knocked_out"].empty()) {
        std::string ids;
        for (const auto& id : r["knocked_out"]) ids += (ids.empty() ? "" : ", ") + id.get<std::string>();
        doc.blocks.push_back({Kind::paragraph, t("ui.evaluation.knocked_out", {{"requirements", ids}}), {}});
      }
      std::vector<std::vector<std::string>> rows = {{t("field.requirement_id"), t("field.choice"), t("ui.evaluation.outcome"),
                                                     deduction ? t("ui.evaluation.deduction") : t("ui.evaluation.points"),
                                                     t("field.reasoning")}};
      for (const auto& per : r["requirements"]) {
        std::string id = per["id"];
        const StoredAnswer* a = answer_of[id];
        const StoredJudgement* j = judgement_of[id];
        bool mandatory = find_by_id(ev["requirements"], id).value("mandatory", true);
        std::string choice = a && a->answer.choice ? t("enum.answer_choice." + std::string(to_string(*a->answer.choice))) : "";
        std::string value = a ? a->answer.value : "";
        std::string shown = choice.empty() ? value : value.empty() ? choice : choice + ": " + value;
        std::string outcome = t("enum.answer_outcome." + per["outcome"].get<std::string>());
        std::string score = mandatory ? "" : deduction ? kronor(per["deduction_sek"]) : std::to_string(per["points"].get<int>());
        std::string reasoning = j ? j->judgement.reasoning + " (" + j->judged_by_name + ")" : "";
        rows.push_back({id, shown, outcome, score, reasoning});
        report.table.rows.push_back({r["supplier_name"], id, t(mandatory ? "doc.kind_ska" : "doc.kind_bor"), choice, value,
                                     a ? a->answer.comment : "", outcome, score,
                                     j ? t(j->judgement.met ? "ui.yes" : "ui.no") : "", j ? j->judgement.reasoning : "",
                                     j ? j->judged_by_name : ""});
      }
      doc.blocks.push_back({Kind::table, "", table_of(rows)});
    }
    return report;
  });
}

Result<io::SpecDocument> TenderService::copy(const Actor& actor, const std::string& tender_id, bool masked) {
  return read([&](Transaction& tx) -> Result<io::SpecDocument> {
    auto l = KK_TRY(load(tx, actor, tender_id));
    if (!l.readable(actor)) return Error::unprocessable("error.tenders_sealed", "tender");
    auto t = [&](const std::string& key, const std::map<std::string, std::string>& params = {}) {
      return content_.messages.text(actor.lang, key, params);
    };
    io::SpecDocument doc = case_document(tx, content_, actor.lang, l.tendering.c,
                                         t("ui.tender.copy_title", {{"supplier", l.tender.supplier_name}}));
    if (l.tendering.secret()) doc.intro.push_back(t("ui.tender.secrecy_marking"));
    if (masked) doc.intro.push_back(t("ui.tender.masked_note"));
    doc.intro.push_back(t("field.price_sek") + ": " + (l.tender.price_sek ? std::to_string(*l.tender.price_sek) : "–"));
    if (!l.tender.service.empty()) doc.intro.push_back(t("field.service") + ": " + l.tender.service);
    auto answers = tx.tender_answers(actor.org_id(), tender_id);
    ByRequirement<StoredAnswer> answer_of(answers);
    std::vector<std::vector<std::string>> rows = {
        {t("doc.label_requirement"), t("field.choice"), t("field.value"), t("field.comment")}};
    for (const io::DocRequirement* r : l.doc.all()) {
      const StoredAnswer* a = answer_of[r->id];
      std::vector<std::string> row = {r->number + " " + r->id, "", "", ""};
      if (a && a->answer.secret && masked) {
        row[1] = t("ui.tender.masked");
      } else if (a) {
        row[1] = a->answer.choice ? t("enum.answer_choice." + std::string(to_string(*a->answer.choice))) : "";
        row[2] = a->answer.value;
        row[3] = a->answer.comment;
        if (a->answer.secret) row[3] += (row[3].empty() ? "" : "\n") + t("ui.tender.secrecy_requested", {{"reason", a->answer.secrecy_reason}});
      }
      rows.push_back(row);
    }
    doc.blocks.push_back({Kind::table, "", table_of(rows)});
    return doc;
  });
}

}  // namespace kk::app
