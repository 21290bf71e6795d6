// The built-in catalogue and baseline rules, as shipped.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "app/content.hpp"
#include "domain/rule_evaluation.hpp"

using namespace kk::domain;

namespace {
const kk::app::Content& content() {
  static const kk::app::Content c = kk::app::load_builtin_content();
  return c;
}
const Catalogue& base() { return content().catalogue("kravkedja-bas"); }

// The baseline rule set alone (the cloud routine has tests of its own).
std::vector<const RuleSet*> rules() {
  std::vector<const RuleSet*> out;
  for (const auto& s : content().rule_sets)
    if (s.id == "baslinje") out.push_back(&s);
  return out;
}

const RuleSet& cloud_routine() {
  for (const auto& s : content().rule_sets)
    if (s.id == "molntjanst-rutin") return s;
  throw std::runtime_error("the cloud routine is not shipped");
}

CaseFacts facts(int c, int i, int a, std::set<Flag> flags = {},
                DeliveryModel model = DeliveryModel::cloud_saas, HostingLocation hosting = HostingLocation::eu_eea_cloud) {
  CaseFactInput in;
  Classification levels;
  levels[Aspect::confidentiality] = c;
  levels[Aspect::integrity] = i;
  levels[Aspect::availability] = a;
  in.classification = classify_case({{"a1", "Tillgång", levels}});
  in.flags = std::move(flags);
  in.delivery_model = model;
  in.hosting_location = hosting;
  in.operator_party = Party::external;
  return make_case_facts(in);
}

bool has_area(const Evaluation& ev, const std::string& area) {
  for (const auto& e : ev.entries)
    if (base().find(e.requirement_id)->area == area) return true;
  return false;
}
}  // namespace

TEST(BuiltinCatalogue, HasAtLeast120RequirementsEachWithMotiveAndVerification) {
  EXPECT_GE(base().requirements.size(), 120u);
  for (const auto& r : base().requirements) {
    EXPECT_FALSE(r.motive.empty()) << r.id;
    EXPECT_FALSE(r.verification.empty()) << r.id;
    EXPECT_FALSE(r.sources.empty()) << r.id;
  }
}

TEST(BuiltinCatalogue, CoversEveryConditionOfTheTrygghetslarmAppendix) {
  std::set<int> covered;
  for (const auto& r : base().requirements)
    for (const auto& s : r.sources)
      if (s.rfind("003:", 0) == 0) covered.insert(std::stoi(s.substr(4)));
  for (int n = 1; n <= 37; ++n) EXPECT_TRUE(covered.count(n)) << "seed 003 condition " << n << " has no requirement";
}

TEST(BuiltinCatalogue, CoversTheGuidanceQuestionLists) {
  std::set<std::string> sections;
  for (const auto& r : base().requirements)
    for (const auto& s : r.sources) sections.insert(s);
  for (const char* s : {"000:4.4.5", "000:6.5.1", "000:4.4.4", "000:5.3"})
    EXPECT_TRUE(sections.count(s)) << s;
}

TEST(BuiltinCatalogue, EveryAreaHasRequirements) {
  for (const auto& area : base().areas) {
    bool any = false;
    for (const auto& r : base().requirements) any = any || r.area == area.key;
    EXPECT_TRUE(any) << area.key;
  }
}

TEST(BaselineRules, ModerateCloudCaseGetsAccessAndCryptoWithReasons) {
  auto ev = evaluate_rules(facts(2, 2, 2), rules(), base());
  EXPECT_FALSE(ev.suppressed);
  EXPECT_TRUE(has_area(ev, "behorighet"));
  EXPECT_TRUE(has_area(ev, "kryptering"));
  EXPECT_TRUE(has_area(ev, "avslut"));
  EXPECT_TRUE(has_area(ev, "kontinuitet"));
  EXPECT_FALSE(has_area(ev, "dataskydd"));
  EXPECT_FALSE(has_area(ev, "utveckling"));
  for (const auto& e : ev.entries) EXPECT_FALSE(e.reasons.empty()) << e.requirement_id;
  EXPECT_TRUE(ev.findings.empty() || ev.findings.front().severity != Severity::block);
}

TEST(BaselineRules, LowConfidentialityLeavesOutCryptography) {
  auto ev = evaluate_rules(facts(1, 1, 1, {}, DeliveryModel::on_premises, HostingLocation::own_premises), rules(), base());
  EXPECT_FALSE(has_area(ev, "kryptering"));
  EXPECT_TRUE(has_area(ev, "avtal"));
}

TEST(BaselineRules, PersonalDataAddsLockedDataProtectionRequirements) {
  auto ev = evaluate_rules(facts(2, 1, 1, {Flag::personal_data}), rules(), base());
  bool locked_dataskydd = false;
  for (const auto& e : ev.entries)
    if (base().find(e.requirement_id)->area == "dataskydd") locked_dataskydd = locked_dataskydd || e.locked;
  EXPECT_TRUE(locked_dataskydd);
}

TEST(BaselineRules, LevelFourSelectsNothingAndBlocksTheProcureDecision) {
  auto ev = evaluate_rules(facts(4, 2, 2), rules(), base());
  EXPECT_TRUE(ev.entries.empty());
  ASSERT_FALSE(ev.findings.empty());
  EXPECT_EQ(ev.findings.front().severity, Severity::block);
  EXPECT_EQ(ev.findings.front().blocks_gate, Gate::procure_decision);
}

TEST(CloudRoutine, ShippedExamplesPass) {
  const RuleSet& routine = cloud_routine();
  EXPECT_GE(routine.examples.size(), 6u);
  for (std::size_t i = 0; i < routine.examples.size(); ++i)
    EXPECT_TRUE(check_example(routine, base(), i).ok()) << "example " << i + 1;
}

TEST(CloudRoutine, LevelsSelectCumulativeMeasuresForExternalOperation) {
  const RuleSet& routine = cloud_routine();
  auto at = [&](int level) { return evaluate_rules(facts(level, 1, 1), {&routine}, base()); };
  EXPECT_TRUE(at(1).find("DAT-54") && at(1).find("DAT-54")->locked);
  EXPECT_FALSE(at(1).find("KON-52"));
  EXPECT_TRUE(at(2).find("KON-52") && at(2).find("LEV-53") && at(2).find("DAT-54"));
  auto three = at(3);
  ASSERT_FALSE(three.activities.empty());
  bool analysis = false;
  for (const auto& a : three.activities) analysis = analysis || (a.key == "cloud_move_analysis" && a.blocks_gate == Gate::procure_decision);
  EXPECT_TRUE(analysis);
  bool blocks = false;
  for (const auto& f : at(4).findings) blocks = blocks || (f.severity == Severity::block && f.reason.rule_id == "niva-4-ej-tillatet");
  EXPECT_TRUE(blocks);
}

TEST(CloudRoutine, OwnOperationOnOwnPremisesIsOutsideTheRoutine) {
  CaseFactInput in;
  Classification levels;
  levels[Aspect::confidentiality] = 3;
  in.classification = classify_case({{"a", "A", levels}});
  in.delivery_model = DeliveryModel::on_premises;
  auto ev = evaluate_rules(make_case_facts(in), {&cloud_routine()}, base());
  EXPECT_TRUE(ev.entries.empty());
  EXPECT_TRUE(ev.findings.empty());
}

