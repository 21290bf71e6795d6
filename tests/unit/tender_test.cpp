#include <gtest/gtest.h>

#include "domain/tender.hpp"

using namespace kk::domain;

namespace {
AnswerTerms ska(std::string id, bool equivalent = false) {
  AnswerTerms t;
  t.requirement_id = std::move(id);
  t.equivalent_allowed = equivalent;
  return t;
}
AnswerTerms bor(std::string id, int weight, AnswerKind kind = AnswerKind::yes_no) {
  AnswerTerms t;
  t.requirement_id = std::move(id);
  t.mandatory = false;
  t.weight = weight;
  t.answer = kind;
  return t;
}
TenderAnswer answer(std::string id, std::optional<AnswerChoice> choice, std::string value = "") {
  TenderAnswer a;
  a.requirement_id = std::move(id);
  a.choice = choice;
  a.value = std::move(value);
  return a;
}
}  // namespace

TEST(Tender, TheChoicesFollowTheAnswerMatrix) {
  EXPECT_EQ(allowed_choices(ska("A")), (std::vector{AnswerChoice::yes, AnswerChoice::no}));
  EXPECT_EQ(allowed_choices(ska("A", true)), (std::vector{AnswerChoice::yes, AnswerChoice::no, AnswerChoice::other_way}));
  EXPECT_EQ(allowed_choices(bor("B", 5)), (std::vector{AnswerChoice::yes, AnswerChoice::no, AnswerChoice::partly}));
  EXPECT_EQ(allowed_choices(bor("B", 5, AnswerKind::acceptance)),
            (std::vector{AnswerChoice::accepted, AnswerChoice::not_accepted}));
  EXPECT_TRUE(allowed_choices(bor("B", 5, AnswerKind::value)).empty());
}

TEST(Tender, AnswersOutsideTheAllowedValuesAreRefusedNamingTheField) {
  auto s = check_answer(ska("A"), answer("A", AnswerChoice::partly));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().key, "error.answer_not_allowed");
  EXPECT_EQ(s.error().field, "choice");
  EXPECT_EQ(check_answer(ska("A", true), answer("A", AnswerChoice::other_way)).error().field, "value");
  EXPECT_TRUE(check_answer(ska("A", true), answer("A", AnswerChoice::other_way, "Egen motsvarande kontroll")));
  EXPECT_EQ(check_answer(bor("V", 1, AnswerKind::value), answer("V", AnswerChoice::yes)).error().key,
            "error.answer_free_text");
  TenderAnswer secret = answer("A", AnswerChoice::yes);
  secret.secret = true;
  EXPECT_EQ(check_answer(ska("A"), secret).error().field, "secrecy_reason");
}

TEST(Tender, OutcomesAndJudgements) {
  auto yes = answer("A", AnswerChoice::yes), no = answer("A", AnswerChoice::no),
       other = answer("A", AnswerChoice::other_way, "Motsvarande");
  EXPECT_EQ(outcome(ska("A"), nullptr, nullptr), AnswerOutcome::missing);
  EXPECT_EQ(outcome(ska("A"), &yes, nullptr), AnswerOutcome::met);
  EXPECT_EQ(outcome(ska("A"), &no, nullptr), AnswerOutcome::not_met);
  EXPECT_EQ(outcome(ska("A", true), &other, nullptr), AnswerOutcome::to_judge);
  Judgement accepted{"A", true, "Likvärdig kontroll"};
  Judgement rejected{"A", false, "Intyget saknas"};
  EXPECT_EQ(outcome(ska("A", true), &other, &accepted), AnswerOutcome::met);
  EXPECT_EQ(outcome(ska("A"), &yes, &rejected), AnswerOutcome::not_met);
  EXPECT_FALSE(check_judgement(&no, accepted));  // a judgement never turns a no into met
  EXPECT_FALSE(check_judgement(nullptr, rejected));
  // A value or a description is judged: only the evaluation group says whether it meets the need.
  auto value = answer("V", std::nullopt, "99,9 %");
  EXPECT_EQ(outcome(bor("V", 3, AnswerKind::value), &value, nullptr), AnswerOutcome::to_judge);
  Judgement enough{"V", true, "Tillgängligheten räcker."};
  EXPECT_EQ(outcome(bor("V", 3, AnswerKind::value), &value, &enough), AnswerOutcome::met);
}

// A fixed example, computed by hand:
//   ska S1, S2 (S2 may be met in another way); bör B1 weight 10 / 20 000 kr, B2 weight 5 /
//   50 000 kr, B3 (acceptance) weight 3 / 10 000 kr.
//   Tender T1: S1 yes, S2 yes; B1 yes, B2 no, B3 accepted; price 1 000 000.
//     points 10 + 3 = 13 of 18; deduction 30 000; comparison price 970 000.
//   Tender T2: S1 yes, S2 other way (judged met); B1 yes, B2 yes, B3 not accepted; price 1 050 000.
//     points 10 + 5 = 15 of 18; deduction 70 000; comparison price 980 000.
//   Tender T3: S1 no: disqualified whatever else it offers (all bör met, price 500 000).
//   Points: T2 first (15), T1 second (13). Price deduction: T1 first (970 000), T2 second.
TEST(Tender, AFixedExampleMatchesTheHandComputedFigures) {
  std::vector<AnswerTerms> terms = {ska("S1"), ska("S2", true), bor("B1", 10), bor("B2", 5),
                                    bor("B3", 3, AnswerKind::acceptance)};
  TenderInput t1{"T1", 1000000,
                 {answer("S1", AnswerChoice::yes), answer("S2", AnswerChoice::yes), answer("B1", AnswerChoice::yes),
                  answer("B2", AnswerChoice::no), answer("B3", AnswerChoice::accepted)},
                 {}};
  TenderInput t2{"T2", 1050000,
                 {answer("S1", AnswerChoice::yes), answer("S2", AnswerChoice::other_way, "Eget SOC"),
                  answer("B1", AnswerChoice::yes), answer("B2", AnswerChoice::yes),
                  answer("B3", AnswerChoice::not_accepted)},
                 {{"S2", true, "Likvärdigt"}}};
  TenderInput t3{"T3", 500000,
                 {answer("S1", AnswerChoice::no), answer("S2", AnswerChoice::yes), answer("B1", AnswerChoice::yes),
                  answer("B2", AnswerChoice::yes), answer("B3", AnswerChoice::accepted)},
                 {}};

  EvaluationModel points;
  auto r = evaluate_tenders(points, terms, {t1, t2, t3});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].points, 13);
  EXPECT_EQ(r[0].max_points, 18);
  EXPECT_EQ(r[1].points, 15);
  EXPECT_EQ(r[1].rank, 1);
  EXPECT_EQ(r[0].rank, 2);
  EXPECT_TRUE(r[2].disqualified());
  EXPECT_EQ(r[2].knocked_out, std::vector<std::string>{"S1"});
  EXPECT_EQ(r[2].rank, 0);

  EvaluationModel deduction{EvaluationMethod::price_deduction, {{"B1", 20000}, {"B2", 50000}, {"B3", 10000}}};
  EXPECT_TRUE(missing_deductions(deduction, terms).empty());
  auto d = evaluate_tenders(deduction, terms, {t1, t2, t3});
  EXPECT_EQ(d[0].deduction_sek, 30000);
  EXPECT_EQ(d[0].comparison_price_sek, 970000);
  EXPECT_EQ(d[1].deduction_sek, 70000);
  EXPECT_EQ(d[1].comparison_price_sek, 980000);
  EXPECT_EQ(d[0].rank, 1);
  EXPECT_EQ(d[1].rank, 2);
  EXPECT_EQ(d[2].rank, 0);
}

TEST(Tender, AnswersWaitingForJudgementKeepATenderUnranked) {
  std::vector<AnswerTerms> terms = {ska("S1", true), bor("B1", 4)};
  TenderInput t{"T", 100, {answer("S1", AnswerChoice::other_way, "Annan lösning"), answer("B1", AnswerChoice::partly)}, {}};
  auto r = evaluate_tenders(EvaluationModel{}, terms, {t});
  EXPECT_EQ(r[0].to_judge, (std::vector<std::string>{"S1", "B1"}));
  EXPECT_FALSE(r[0].disqualified());
  EXPECT_EQ(r[0].rank, 0);
}

TEST(Tender, APriceDeductionModelNeedsAPriceAndAnAmountForEveryBorKrav) {
  std::vector<AnswerTerms> terms = {ska("S1"), bor("B1", 4), bor("B2", 2)};
  EvaluationModel model{EvaluationMethod::price_deduction, {{"B1", 1000}}};
  EXPECT_EQ(missing_deductions(model, terms), std::vector<std::string>{"B2"});
  TenderInput t{"T", std::nullopt, {answer("S1", AnswerChoice::yes)}, {}};
  auto r = evaluate_tenders(model, terms, {t});
  EXPECT_TRUE(r[0].price_missing);
  EXPECT_TRUE(r[0].disqualified());
}

TEST(Tender, EqualStandingSharesARank) {
  std::vector<AnswerTerms> terms = {bor("B1", 4)};
  TenderInput a{"A", 100, {answer("B1", AnswerChoice::yes)}, {}};
  TenderInput b{"B", 100, {answer("B1", AnswerChoice::yes)}, {}};
  auto r = evaluate_tenders(EvaluationModel{}, terms, {a, b});
  EXPECT_EQ(r[0].rank, 1);
  EXPECT_EQ(r[1].rank, 1);
}
