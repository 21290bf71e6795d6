#include <gtest/gtest.h>

#include "domain/contract_change.hpp"
#include "domain/contract_checks.hpp"

using namespace kk::domain;
using Q = ChangeQuestion;

TEST(ContractChange, AReviewClauseAllowsTheChangeWhateverElseIsAnswered) {
  auto a = assess_contract_change({{Q::review_clause, true}});
  EXPECT_EQ(a.verdict, ChangeVerdict::allowed);
  EXPECT_EQ(a.basis, "LOU 17 kap. 10 §");
}

TEST(ContractChange, ASuccessorAfterATakeOverIsAllowed) {
  auto a = assess_contract_change({{Q::review_clause, false}, {Q::successor_supplier, true}});
  EXPECT_EQ(a.verdict, ChangeVerdict::allowed);
  EXPECT_EQ(a.basis, "LOU 17 kap. 13 §");
}

TEST(ContractChange, ASmallChangeNeedsTheNatureUnchangedToo) {
  auto open = assess_contract_change({{Q::review_clause, false}, {Q::successor_supplier, false}, {Q::minor_value, true}});
  EXPECT_EQ(open.verdict, ChangeVerdict::incomplete);
  // Only questions of grounds that can still hold are asked.
  EXPECT_EQ(open.unanswered, (std::vector<Q>{Q::additional_deliveries, Q::unforeseeable, Q::nature_unchanged,
                                             Q::within_half_value, Q::not_substantial}));
  auto done = assess_contract_change(
      {{Q::review_clause, false}, {Q::successor_supplier, false}, {Q::minor_value, true}, {Q::nature_unchanged, true}});
  EXPECT_EQ(done.verdict, ChangeVerdict::allowed);
  EXPECT_EQ(done.basis, "LOU 17 kap. 9 §");
}

TEST(ContractChange, UnforeseeableCircumstancesNeedHalfTheValueAtMost) {
  std::map<Q, bool> answers{{Q::review_clause, false}, {Q::successor_supplier, false}, {Q::minor_value, false},
                            {Q::additional_deliveries, false}, {Q::unforeseeable, true}, {Q::nature_unchanged, true},
                            {Q::within_half_value, false}, {Q::not_substantial, false}};
  EXPECT_EQ(assess_contract_change(answers).verdict, ChangeVerdict::new_procurement);
  answers[Q::within_half_value] = true;
  EXPECT_EQ(assess_contract_change(answers).basis, "LOU 17 kap. 12 §");
}

TEST(ContractChange, EveryGroundAnsweredNoNeedsANewProcurement) {
  std::map<Q, bool> answers;
  for (std::size_t i = 0; i < enum_names(Q{}).size(); ++i) answers[static_cast<Q>(i)] = false;
  answers[Q::nature_unchanged] = true;  // alone it allows nothing
  auto a = assess_contract_change(answers);
  EXPECT_EQ(a.verdict, ChangeVerdict::new_procurement);
  EXPECT_TRUE(a.unanswered.empty());
  EXPECT_EQ(assess_contract_change({}).verdict, ChangeVerdict::incomplete);
}

TEST(DeliveryChecks, EveryMandatoryMeasureIsVerifiedOrExcepted) {
  std::vector<DeliveryItem> items{{"A", true, DeliveryState::verified},
                                  {"B", true, DeliveryState::exception},
                                  {"C", true, DeliveryState::not_verified},
                                  {"D", true, DeliveryState::open},
                                  {"E", false, DeliveryState::open}};
  EXPECT_EQ(delivery_outstanding(items), (std::vector<std::string>{"C", "D"}));
  items[2].state = items[3].state = DeliveryState::verified;
  EXPECT_TRUE(delivery_outstanding(items).empty());
}

TEST(ExitChecks, OnlyLeasedEquipmentMayNotApply) {
  std::map<ExitCheck, ExitCheckState> s;
  EXPECT_EQ(exit_outstanding(s).size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) s[static_cast<ExitCheck>(i)] = ExitCheckState::done;
  EXPECT_TRUE(exit_outstanding(s).empty());
  s[ExitCheck::equipment_wiped] = ExitCheckState::not_applicable;
  EXPECT_TRUE(exit_outstanding(s).empty());
  s[ExitCheck::backups_deleted] = ExitCheckState::not_applicable;
  EXPECT_EQ(exit_outstanding(s), (std::vector<ExitCheck>{ExitCheck::backups_deleted}));
}
