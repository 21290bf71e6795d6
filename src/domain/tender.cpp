#include "domain/tender.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "domain/text.hpp"

namespace kk::domain {

std::vector<AnswerChoice> allowed_choices(const AnswerTerms& terms) {
  std::vector<AnswerChoice> out;
  if (terms.mandatory || terms.answer == AnswerKind::yes_no) {
    out = {AnswerChoice::yes, AnswerChoice::no};
    if (!terms.mandatory) out.push_back(AnswerChoice::partly);
  } else if (terms.answer == AnswerKind::acceptance) {
    out = {AnswerChoice::accepted, AnswerChoice::not_accepted};
  }
  if (terms.equivalent_allowed && !out.empty()) out.push_back(AnswerChoice::other_way);
  return out;
}

Status check_answer(const AnswerTerms& terms, const TenderAnswer& a) {
  auto choices = allowed_choices(terms);
  if (choices.empty()) {
    if (a.choice) return Error::unprocessable("error.answer_free_text", "choice");
  } else if (a.choice && std::find(choices.begin(), choices.end(), *a.choice) == choices.end()) {
    return Error::unprocessable("error.answer_not_allowed", "choice").with("value", std::string(to_string(*a.choice)));
  }
  if (a.choice == AnswerChoice::other_way && blank(a.value))
    return Error::unprocessable("error.other_way_description", "value");
  if (a.secret && blank(a.secrecy_reason)) return Error::unprocessable("error.secrecy_reason", "secrecy_reason");
  return ok();
}

Status check_judgement(const TenderAnswer* a, const Judgement& j) {
  bool answered = a && (a->choice || !blank(a->value));
  if (!answered) return Error::unprocessable("error.judge_unanswered", "requirement_id");
  if (j.met && (a->choice == AnswerChoice::no || a->choice == AnswerChoice::not_accepted))
    return Error::unprocessable("error.judge_against_answer", "met");
  if (blank(j.reasoning)) return Error::unprocessable("error.required", "reasoning");
  return ok();
}

AnswerOutcome outcome(const AnswerTerms& terms, const TenderAnswer* a, const Judgement* j) {
  bool answered = a && (a->choice || !blank(a->value));
  if (!answered) return AnswerOutcome::missing;
  if (a->choice == AnswerChoice::no || a->choice == AnswerChoice::not_accepted) return AnswerOutcome::not_met;
  if (j) return j->met ? AnswerOutcome::met : AnswerOutcome::not_met;
  if (a->choice == AnswerChoice::partly || a->choice == AnswerChoice::other_way) return AnswerOutcome::to_judge;
  if (allowed_choices(terms).empty()) return AnswerOutcome::to_judge;  // a value or description is judged
  if (!a->choice) return AnswerOutcome::missing;                       // only a text, no choice
  return AnswerOutcome::met;
}

std::vector<std::string> missing_deductions(const EvaluationModel& model, const std::vector<AnswerTerms>& terms) {
  std::vector<std::string> out;
  if (model.method != EvaluationMethod::price_deduction) return out;
  for (const auto& t : terms)
    if (!t.mandatory && !model.deductions.count(t.requirement_id)) out.push_back(t.requirement_id);
  return out;
}

namespace {
TenderResult evaluate_one(const EvaluationModel& model, const std::vector<AnswerTerms>& terms, const TenderInput& in) {
  TenderResult r;
  r.tender_id = in.tender_id;
  r.price_sek = in.price_sek;
  // Answers and judgements by requirement: a large tender has a thousand of each.
  std::unordered_map<std::string_view, const TenderAnswer*> answers;
  std::unordered_map<std::string_view, const Judgement*> judgements;
  for (const auto& a : in.answers) answers.emplace(a.requirement_id, &a);
  for (const auto& j : in.judgements) judgements.emplace(j.requirement_id, &j);
  auto find = [](const auto& index, const std::string& id) {
    auto it = index.find(id);
    return it == index.end() ? nullptr : it->second;
  };
  for (const auto& t : terms) {
    RequirementResult rr{t.requirement_id, outcome(t, find(answers, t.requirement_id),
                                                   find(judgements, t.requirement_id)), 0, 0};
    if (t.mandatory) {
      if (rr.outcome == AnswerOutcome::missing || rr.outcome == AnswerOutcome::not_met)
        r.knocked_out.push_back(t.requirement_id);
    } else {
      r.max_points += t.weight;
      if (rr.outcome == AnswerOutcome::met) {
        rr.points = t.weight;
        auto d = model.deductions.find(t.requirement_id);
        rr.deduction_sek = d == model.deductions.end() ? 0 : d->second;
      }
      r.points += rr.points;
      r.deduction_sek += rr.deduction_sek;
    }
    if (rr.outcome == AnswerOutcome::to_judge) r.to_judge.push_back(t.requirement_id);
    r.requirements.push_back(rr);
  }
  if (model.method == EvaluationMethod::price_deduction) {
    r.price_missing = !in.price_sek;
    if (in.price_sek) r.comparison_price_sek = *in.price_sek - r.deduction_sek;
  }
  return r;
}
}  // namespace

std::vector<TenderResult> evaluate_tenders(const EvaluationModel& model, const std::vector<AnswerTerms>& terms,
                                           const std::vector<TenderInput>& tenders) {
  std::vector<TenderResult> results;
  for (const auto& t : tenders) results.push_back(evaluate_one(model, terms, t));

  // The standing of a ranked tender: smaller is better.
  auto standing = [&](const TenderResult& r) {
    constexpr std::int64_t no_price = INT64_MAX;
    if (model.method == EvaluationMethod::price_deduction) return std::tuple<std::int64_t, std::int64_t>(*r.comparison_price_sek, 0);
    return std::tuple<std::int64_t, std::int64_t>(-r.points, r.price_sek.value_or(no_price));
  };
  std::vector<TenderResult*> ranked;
  for (auto& r : results)
    if (!r.disqualified() && r.complete()) ranked.push_back(&r);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](const TenderResult* a, const TenderResult* b) { return standing(*a) < standing(*b); });
  for (std::size_t i = 0; i < ranked.size(); ++i)
    ranked[i]->rank = i > 0 && standing(*ranked[i]) == standing(*ranked[i - 1]) ? ranked[i - 1]->rank : int(i) + 1;
  return results;
}

}  // namespace kk::domain
