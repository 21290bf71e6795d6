// The built-in catalogue and baseline rules, as shipped.
#include <gtest/gtest.h>

#include <set>

#include "app/content.hpp"
#include "domain/rule_evaluation.hpp"

using namespace kk::domain;

namespace {
const kk::app::Content& content() {
  static const kk::app::Content c = kk::app::load_builtin_content();
  return c;
}
const Catalogue& base() { return content().catalogue("kravkedja-bas"); }

std::vector<const RuleSet*> rules() {
  std::vector<const RuleSet*> out;
  for (const auto& s : content().rule_sets) out.push_back(&s);
  return out;
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

TEST(BaselineRules, SecurityProtectionSelectsNothingAndBlocks) {
  auto ev = evaluate_rules(facts(2, 2, 2, {Flag::security_protection}), rules(), base());
  EXPECT_TRUE(ev.entries.empty());
  ASSERT_FALSE(ev.findings.empty());
  EXPECT_EQ(ev.findings.front().severity, Severity::block);
  ASSERT_FALSE(ev.activities.empty());
  EXPECT_EQ(ev.activities.front().key, "security_protection_assessment");
}

TEST(BaselineRules, ThirdCountryHostingWarns) {
  auto ev = evaluate_rules(facts(2, 2, 2, {}, DeliveryModel::cloud_saas, HostingLocation::third_country), rules(), base());
  bool warned = false;
  for (const auto& f : ev.findings) warned = warned || f.severity == Severity::warning;
  EXPECT_TRUE(warned);
}
