#pragma once
// Tenders: a supplier invited to a case answers every requirement of the frozen
// specification online (or by importing the answer matrix), attaches evidence, and submits
// before the deadline; after it the tender is locked. The buying organisation opens the
// tenders once the deadline has passed; the evaluation group judges the answers that need a
// person's view and the tenders are evaluated by the case's evaluation model.
#include <map>

#include "app/service_base.hpp"
#include "app/specification.hpp"
#include "app/tendering.hpp"
#include "io/table_export.hpp"

namespace kk::app {

class TenderService : public ServiceBase {
 public:
  TenderService(Store& store, const Content& content, ContentRegistry& registry, SpecificationService& specs)
      : ServiceBase(store, content, registry), specs_(specs) {}

  // The case's tenders (who is invited, who has submitted), its deadline, opening, evaluation
  // group and model.
  domain::Result<json> list(const Actor& actor, const std::string& case_id);
  // {"supplier_id", "user_id"} invites a user of the supplier; {"supplier_id", "username",
  // "display_name", "password"} creates that user first (the password is returned once).
  domain::Result<json> invite(const Actor& actor, const std::string& case_id, const json& body);
  // A supplier's user: the tenders it is invited to.
  domain::Result<json> mine(const Actor& actor);
  domain::Result<json> get(const Actor& actor, const std::string& tender_id);
  // The supplier saves answers: {"version", "service", "price_sek", "answers": [{"requirement_id",
  // "choice", "value", "comment", "secret", "secrecy_reason"}]}. A submitted tender that is
  // changed must be submitted again.
  domain::Result<json> save(const Actor& actor, const std::string& tender_id, const json& body);
  domain::Result<json> submit(const Actor& actor, const std::string& tender_id, const json& body);
  // The specification the tender answers, for the answer matrix.
  domain::Result<io::SpecDocument> matrix(const Actor& actor, const std::string& tender_id);
  // The answers of a filled answer matrix (XLSX), all or nothing.
  domain::Result<json> import_matrix(const Actor& actor, const std::string& tender_id, const std::string& bytes);
  domain::Result<json> add_file(const Actor& actor, const std::string& tender_id, const std::string& requirement_id,
                                const std::string& file_name, const std::string& bytes);
  domain::Result<json> remove_file(const Actor& actor, const std::string& tender_id, const std::string& file_id);
  domain::Result<TenderFile> file(const Actor& actor, const std::string& tender_id, const std::string& file_id);

  // The buying organisation's side.
  domain::Result<json> open(const Actor& actor, const std::string& case_id);
  // {"version", "user_ids": [...]}: team members who evaluate.
  domain::Result<json> set_evaluation_group(const Actor& actor, const std::string& case_id, const json& body);
  // {"version", "method": points|price_deduction, "deductions": {requirement_id: kronor}}
  domain::Result<json> set_evaluation_model(const Actor& actor, const std::string& case_id, const json& body);
  // {"met", "reasoning"}; {"met": null} withdraws the judgement.
  domain::Result<json> judge(const Actor& actor, const std::string& tender_id, const std::string& requirement_id,
                             const json& body);
  // Every submitted tender's result by the model, side by side.
  domain::Result<json> evaluation(const Actor& actor, const std::string& case_id);

  // The evaluation report: the comparison and each tender's result per requirement with the
  // judgements (DOCX), and the same rows as a table (XLSX).
  struct Report {
    io::SpecDocument doc;
    io::Table table;
  };
  domain::Result<Report> report(const Actor& actor, const std::string& case_id);
  // A copy of one tender's answers; `masked` leaves out the answers its supplier asked to keep secret.
  domain::Result<io::SpecDocument> copy(const Actor& actor, const std::string& tender_id, bool masked);

  // The award_decided gate, inside its decision's unit of work. When the case has submitted
  // tenders the decision names the winner ({"tender_id", "notice": electronic|other}): it must
  // be qualified, fully judged and ranked first, and the award-stage risk register must name
  // the supplier and each of its subcontractors. Nothing to award when no tender was submitted
  // here (the tendering ran elsewhere).
  domain::Result<std::optional<Award>> award_for(Transaction& tx, const Actor& actor, const Case& c, const json& body);
  domain::Status record_award(Transaction& tx, const Actor& actor, const Case& c, const Award& award);
  // Once suppliers are invited the deadline may move only while it has not passed, and never
  // into the past: a passed deadline has locked the tenders.
  domain::Status deadline_change_check(Transaction& tx, const Case& c, const std::optional<std::string>& next);
  // contract_signed is refused until the standstill period (avtalsspärr) has ended.
  domain::Status standstill_check(Transaction& tx, const Case& c);

 private:
  // A tender with its case's tendering and the specification it answers, read for one actor.
  struct Loaded {
    Tender tender;
    Tendering tendering;
    io::SpecDocument doc;
    std::vector<domain::AnswerTerms> terms;
    bool own = false;  // the actor is a user invited to this tender
    // Its supplier may change it only before the deadline.
    domain::Status answerable() const;
    // Its supplier sees its contents; the buying organisation once it is submitted and opened to the reader.
    bool readable(const Actor& actor) const;
  };
  domain::Result<Loaded> load(Transaction& tx, const Actor& actor, const std::string& tender_id);
  json tender_json(Transaction& tx, const Actor& actor, const Loaded& l, bool with_contents);
  json evaluation_json(Transaction& tx, const Actor& actor, const Tendering& t);
  domain::Result<json> save_answers(Transaction& tx, const Actor& actor, Loaded& l,
                                    const std::vector<domain::TenderAnswer>& answers, const json& fields);
  SpecificationService& specs_;
};

// A tender's answers or judgements by requirement id (nullptr when there is none).
template <class Stored>
class ByRequirement {
 public:
  explicit ByRequirement(const std::vector<Stored>& list) {
    for (const auto& x : list) index_[id_of(x)] = &x;
  }
  const Stored* operator[](const std::string& requirement_id) const {
    auto it = index_.find(requirement_id);
    return it == index_.end() ? nullptr : it->second;
  }

 private:
  static const std::string& id_of(const StoredAnswer& a) { return a.answer.requirement_id; }
  static const std::string& id_of(const StoredJudgement& j) { return j.judgement.requirement_id; }
  std::map<std::string, const Stored*> index_;
};

// The terms every answer is checked against: the specification's requirements in document order.
std::vector<domain::AnswerTerms> answer_terms(const io::SpecDocument& doc, const domain::EvaluationModel& model);

}  // namespace kk::app
