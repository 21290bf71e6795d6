#include <gtest/gtest.h>

#include "app/content.hpp"
#include "domain/case_progress.hpp"

using namespace kk::domain;

namespace {
const ProcessModel& process() {
  static const kk::app::Content content = kk::app::load_builtin_content();
  return content.process;
}

std::map<std::string, ActivityStatus> all_done() {
  std::map<std::string, ActivityStatus> s;
  for (const auto& a : process().activities) s[a.key] = ActivityStatus::done;
  return s;
}
}  // namespace

TEST(CaseProgress, NewCaseStartsInPrestudyBeforeTheFirstGate) {
  auto p = replay_decisions({});
  EXPECT_EQ(p.next_gate(), Gate::need_identified);
  EXPECT_EQ(p.current_phase(process()), Phase::prestudy);
  EXPECT_EQ(p.current_step(process()), Step::prepare);
}

TEST(CaseProgress, ApprovingGatesInOrderMovesThroughPhasesAndSteps) {
  std::vector<DecisionRecord> log;
  for (Gate g : {Gate::need_identified, Gate::procure_decision}) log.push_back({g, Outcome::approved});
  auto p = replay_decisions(log);
  EXPECT_EQ(p.current_phase(process()), Phase::requirements);
  EXPECT_EQ(p.current_step(process()), Step::procure);
  log.push_back({Gate::documents_approved, Outcome::approved});
  log.push_back({Gate::award_decided, Outcome::approved});
  log.push_back({Gate::contract_signed, Outcome::approved});
  p = replay_decisions(log);
  EXPECT_EQ(p.current_phase(process()), Phase::delivery_check);
  EXPECT_EQ(p.current_step(process()), Step::realise);
}

TEST(CaseProgress, OutOfOrderGateIsRefusedNamingTheExpectedGate) {
  auto r = check_decision(process(), replay_decisions({}), CaseStatus::open,
                          {Gate::documents_approved, Outcome::approved, "klart"}, all_done());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.gate_out_of_order");
  EXPECT_EQ(r.error().params.at("expected"), "need_identified");
  EXPECT_EQ(r.error().field, "gate");
}

TEST(CaseProgress, GateCannotBePassedTwice) {
  auto p = replay_decisions({{Gate::need_identified, Outcome::approved}});
  auto r = check_decision(process(), p, CaseStatus::open, {Gate::need_identified, Outcome::approved, "igen"}, all_done());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.gate_already_passed");
}

TEST(CaseProgress, ApprovalNeedsTheGatesActivitiesSettled) {
  auto r = check_decision(process(), replay_decisions({}), CaseStatus::open,
                          {Gate::need_identified, Outcome::approved, "behovet finns"}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.activities_open");
  EXPECT_NE(r.error().params.at("activities").find("identify_need"), std::string::npos);
}

TEST(CaseProgress, RationaleIsRequired) {
  auto r = check_decision(process(), replay_decisions({}), CaseStatus::open, {Gate::need_identified, Outcome::approved, "  "},
                          all_done());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "rationale");
}

TEST(CaseProgress, ReopenReturnsTheCaseToBeforeTheGate) {
  std::vector<DecisionRecord> log{{Gate::need_identified, Outcome::approved},
                                  {Gate::procure_decision, Outcome::approved},
                                  {Gate::documents_approved, Outcome::approved}};
  auto p = replay_decisions(log);
  auto r = check_decision(process(), p, CaseStatus::open, {Gate::procure_decision, Outcome::reopened, "nya fakta"}, all_done());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->progress_after.next_gate(), Gate::procure_decision);
  log.push_back({Gate::procure_decision, Outcome::reopened});
  EXPECT_EQ(replay_decisions(log).next_gate(), Gate::procure_decision);
  EXPECT_EQ(replay_decisions(log).current_phase(process()), Phase::prestudy);
}

TEST(CaseProgress, ReopeningAGateNotPassedIsRefused) {
  auto r = check_decision(process(), replay_decisions({}), CaseStatus::open,
                          {Gate::award_decided, Outcome::reopened, "x"}, all_done());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.gate_not_passed");
}

TEST(CaseProgress, RejectedProcureDecisionClosesTheCaseAsMetOtherwise) {
  auto p = replay_decisions({{Gate::need_identified, Outcome::approved}});
  auto r = check_decision(process(), p, CaseStatus::open, {Gate::procure_decision, Outcome::rejected, "egen drift"}, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status_after, CaseStatus::met_otherwise);
  EXPECT_EQ(r->progress_after.passed_count, 1u);
}

TEST(CaseProgress, ClosedCaseTakesNoDecisions) {
  auto r = check_decision(process(), replay_decisions({}), CaseStatus::cancelled,
                          {Gate::need_identified, Outcome::approved, "x"}, all_done());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.case_closed");
}

TEST(CaseProgress, LastGateCompletesTheCase) {
  std::vector<DecisionRecord> log;
  for (std::size_t i = 0; i + 1 < gate_count; ++i) log.push_back({static_cast<Gate>(i), Outcome::approved});
  auto r = check_decision(process(), replay_decisions(log), CaseStatus::open,
                          {Gate::relationship_closed, Outcome::approved, "allt återlämnat"}, all_done());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status_after, CaseStatus::completed);
}

TEST(ActivityUpdate, PrestudyActivitiesCannotBeNotApplicable) {
  auto s = check_activity_update(process(), CaseStatus::open, "identify_information", ActivityStatus::not_applicable,
                                 "gäller inte");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().key, "error.not_applicable_not_allowed");
}

TEST(ActivityUpdate, NotApplicableNeedsAReason) {
  auto s = check_activity_update(process(), CaseStatus::open, "deep_risk_assessment", ActivityStatus::not_applicable, "");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "comment");
  EXPECT_TRUE(check_activity_update(process(), CaseStatus::open, "deep_risk_assessment", ActivityStatus::not_applicable,
                                    "ramavtalet har redan riskbedömts")
                  .ok());
}

TEST(ActivityUpdate, UnknownActivityIsNotFound) {
  auto s = check_activity_update(process(), CaseStatus::open, "no_such", ActivityStatus::done, "");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::not_found);
}
