#pragma once
// A tender's answers to a frozen specification and how tenders are evaluated: every ska-krav
// is a knock-out (a missing or failing answer disqualifies), every bör-krav met earns its
// weight in points or its deduction in kronor from the price (mervärdesavdrag), and answers
// that need a person's view ("partly", "met in another way", a value or a description) wait
// for the evaluation group's judgement (seed 000 §4.5.12).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/result.hpp"

namespace kk::domain {

KK_ENUM(TenderStatus, invited, submitted)
KK_ENUM(AnswerChoice, yes, no, partly, accepted, not_accepted, other_way)
KK_ENUM(AnswerOutcome, missing, met, not_met, to_judge)
KK_ENUM(EvaluationMethod, points, price_deduction)

// What the specification asks of one answer.
struct AnswerTerms {
  std::string requirement_id;
  bool mandatory = true;            // ska-krav: a knock-out
  AnswerKind answer = AnswerKind::yes_no;
  bool equivalent_allowed = false;  // "or equivalent": may be met in another way
  int weight = 0;                   // bör-krav: points when met
  std::int64_t deduction_sek = 0;   // bör-krav: kronor off the price when met (price deduction)
};

struct TenderAnswer {
  std::string requirement_id;
  std::optional<AnswerChoice> choice;
  std::string value;  // the value or description asked for, or how it is met in another way
  std::string comment;
  bool secret = false;  // the supplier asks for secrecy on this answer
  std::string secrecy_reason;
};

struct Judgement {
  std::string requirement_id;
  bool met = false;
  std::string reasoning;
};

// The choices an answer may take; empty when the answer is a free text (a bör-krav asking
// for a value or a description).
std::vector<AnswerChoice> allowed_choices(const AnswerTerms& terms);
// Error keys name the field: choice, value, secrecy_reason.
Status check_answer(const AnswerTerms& terms, const TenderAnswer& answer);
// Whether a judgement may be recorded: "met" never overrides an explicit no.
Status check_judgement(const TenderAnswer* answer, const Judgement& judgement);
AnswerOutcome outcome(const AnswerTerms& terms, const TenderAnswer* answer, const Judgement* judgement);

struct EvaluationModel {
  EvaluationMethod method = EvaluationMethod::points;
  std::map<std::string, std::int64_t> deductions;  // price deduction: kronor per bör-krav
};
// The bör-krav of a price deduction model that have no amount.
std::vector<std::string> missing_deductions(const EvaluationModel& model, const std::vector<AnswerTerms>& terms);

struct TenderInput {
  std::string tender_id;
  std::optional<std::int64_t> price_sek;
  std::vector<TenderAnswer> answers;
  std::vector<Judgement> judgements;
};

struct RequirementResult {
  std::string requirement_id;
  AnswerOutcome outcome = AnswerOutcome::missing;
  int points = 0;
  std::int64_t deduction_sek = 0;
};

struct TenderResult {
  std::string tender_id;
  std::vector<RequirementResult> requirements;  // in the order of the terms
  std::vector<std::string> knocked_out;         // ska-krav missing or not met
  bool price_missing = false;                   // a price deduction model needs a price
  std::vector<std::string> to_judge;            // answers waiting for the evaluation group
  int points = 0;
  int max_points = 0;
  std::int64_t deduction_sek = 0;
  std::optional<std::int64_t> price_sek;
  std::optional<std::int64_t> comparison_price_sek;  // price deduction: price less deductions
  int rank = 0;  // 1 is best; 0 when disqualified or not yet fully judged
  bool disqualified() const { return !knocked_out.empty() || price_missing; }
  bool complete() const { return to_judge.empty(); }
};

// Every tender's result, in the order given, ranked among those qualified and fully judged:
// by points (then the lower price) or by the comparison price. Equal standing shares a rank.
std::vector<TenderResult> evaluate_tenders(const EvaluationModel& model, const std::vector<AnswerTerms>& terms,
                                           const std::vector<TenderInput>& tenders);

}  // namespace kk::domain
