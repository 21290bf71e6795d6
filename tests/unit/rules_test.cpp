// The rule engine on a small catalogue written here: selection with reasons, findings,
// suppression at level 4, locks, and the load-time checks with file and line.
#include <gtest/gtest.h>

#include "domain/rule_evaluation.hpp"
#include "io/catalogue_loader.hpp"

using namespace kk::domain;
using kk::io::SourceText;

namespace {
const char* catalogue_yaml = R"(
id: test
version: 2
language: sv
name: {sv: Testkatalog, en: Test catalogue}
areas:
  - {key: avslut, code: AVS, name: {sv: Avslut, en: Exit}}
  - {key: kryptering, code: KRY, name: {sv: Kryptering, en: Crypto}}
requirements:
  - id: KRY-01
    area: kryptering
    kind: ska
    placement: object
    answer: yes_no
    ska_text: "Leverantören ska kryptera all trafik."
    motive: "Skydd mot avlyssning."
    verification: [beskrivning]
    checked: [tender]
    references: {seed: ["003:30"]}
  - id: AVS-01
    area: avslut
    kind: ska
    placement: contract
    answer: acceptance
    ska_text: "Leverantören ska lämna tillbaka all information vid avtalets slut."
    motive: "Inget ska bli kvar."
    verification: [avtal]
    checked: [contract]
    references: {seed: ["000:5.3"]}
  - id: AVS-02
    area: avslut
    kind: bor
    weight: 2
    placement: award
    answer: description
    ska_text: "Leverantören bör beskriva hur återlämnandet går till."
    motive: "Ett tydligt avslut minskar inlåsning."
    verification: [beskrivning]
    checked: [tender]
    references: {seed: ["000:6.4"]}
)";

const char* rules_yaml = R"(
id: test-regler
version: 3
name: {sv: Testregler, en: Test rules}
rules:
  - id: alltid-avslut
    include_areas: [avslut]
  - id: konf-2
    when: { confidentiality: { gte: 2 } }
    include: [KRY-01]
    lock: true
  - id: moln-utanfor-eu
    when: { all: [ { cloud: true }, { hosting_location: third_country } ] }
    finding: { severity: warning, text: { sv: "Tredjeland.", en: "Third country." } }
  - id: niva-4
    when: { max_level: { gte: 4 } }
    suppress_requirements: true
    finding: { severity: block, blocks_gate: procure_decision, text: { sv: "Nivå 4 kräver egen analys.", en: "Level 4 needs its own analysis." } }
    activity: { key: level4_analysis, name: { sv: "Fördjupad analys för nivå 4", en: "Deeper analysis for level 4" }, blocks_gate: procure_decision }
examples:
  - facts: { confidentiality: 2, max_level: 2 }
    expect: { includes: [KRY-01, AVS-01], no_findings: [block] }
  - facts: { confidentiality: 4, max_level: 4 }
    expect: { excludes: [KRY-01, AVS-01], findings: [block] }
)";

Catalogue catalogue() {
  auto c = kk::io::load_catalogue({catalogue_yaml, "test.yaml"});
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().field + " " + (c.error().params.count("detail") ? c.error().params.at("detail") : std::string()));
  return *c;
}

CaseFacts facts(std::initializer_list<std::pair<const std::string, FactValue>> values) {
  CaseFacts f;
  f.values = values;
  return f;
}
}  // namespace

TEST(Rules, SelectsRequirementsWithTheRuleAndFactsThatProducedThem) {
  auto cat = catalogue();
  auto set = kk::io::load_rule_set({rules_yaml, "rules.yaml"}, cat);
  ASSERT_TRUE(set.ok()) << set.error().field;
  auto ev = evaluate_rules(facts({{"confidentiality", 3LL}, {"max_level", 3LL}}), {&*set}, cat);
  ASSERT_NE(ev.find("KRY-01"), nullptr);
  const auto& reason = ev.find("KRY-01")->reasons.at(0);
  EXPECT_EQ(reason.rule_set, "test-regler");
  EXPECT_EQ(reason.rule_set_version, 3);
  EXPECT_EQ(reason.rule_id, "konf-2");
  EXPECT_EQ(std::get<long long>(reason.facts.at("confidentiality")), 3);
  EXPECT_TRUE(ev.find("KRY-01")->locked);
  EXPECT_FALSE(ev.find("AVS-01")->locked);
  EXPECT_EQ(ev.find("AVS-02")->kind, RequirementKind::bor);
  EXPECT_EQ(ev.find("AVS-02")->weight, 2);
  EXPECT_TRUE(ev.findings.empty());
}

TEST(Rules, LowLevelsLeaveOutWhatTheyDoNotNeed) {
  auto cat = catalogue();
  auto set = kk::io::load_rule_set({rules_yaml, "rules.yaml"}, cat);
  auto ev = evaluate_rules(facts({{"confidentiality", 1LL}, {"max_level", 1LL}}), {&*set}, cat);
  EXPECT_EQ(ev.find("KRY-01"), nullptr);
  EXPECT_NE(ev.find("AVS-01"), nullptr);
}

TEST(Rules, EntriesComeInDocumentOrderPlacementThenArea) {
  auto cat = catalogue();
  auto set = kk::io::load_rule_set({rules_yaml, "rules.yaml"}, cat);
  auto ev = evaluate_rules(facts({{"confidentiality", 2LL}}), {&*set}, cat);
  ASSERT_EQ(ev.entries.size(), 3u);
  EXPECT_EQ(ev.entries[0].requirement_id, "KRY-01");  // object
  EXPECT_EQ(ev.entries[1].requirement_id, "AVS-01");  // contract
  EXPECT_EQ(ev.entries[2].requirement_id, "AVS-02");  // award
}

TEST(Rules, LevelFourSelectsNothingAndBlocksWithAnActivity) {
  auto cat = catalogue();
  auto set = kk::io::load_rule_set({rules_yaml, "rules.yaml"}, cat);
  auto ev = evaluate_rules(facts({{"confidentiality", 4LL}, {"max_level", 4LL}}), {&*set}, cat);
  EXPECT_TRUE(ev.suppressed);
  EXPECT_TRUE(ev.entries.empty());
  ASSERT_FALSE(ev.findings.empty());
  EXPECT_EQ(ev.findings[0].severity, Severity::block);
  EXPECT_EQ(ev.findings[0].blocks_gate, Gate::procure_decision);
  ASSERT_EQ(ev.activities.size(), 1u);
  EXPECT_EQ(ev.activities[0].key, "level4_analysis");
}

TEST(Rules, AnyAndAllExplainWithTheFactsThatHeld) {
  Condition c;
  c.kind = Condition::Kind::any;
  Condition a{Condition::Kind::fact, {}, "operator", {Matcher::Op::eq, {std::string("external")}}};
  Condition b{Condition::Kind::fact, {}, "supplier_data_copies", {Matcher::Op::eq, {true}}};
  c.children = {a, b};
  std::map<std::string, FactValue> used;
  EXPECT_TRUE(condition_holds(c, facts({{"operator", std::string("own")}, {"supplier_data_copies", true}}), used));
  EXPECT_EQ(used.count("operator"), 0u);
  EXPECT_EQ(used.count("supplier_data_copies"), 1u);
}

TEST(Rules, UnknownFactsNeverMatchComparisons) {
  Matcher gte{Matcher::Op::gte, {2LL}};
  EXPECT_FALSE(gte.matches(FactValue{}));
  Matcher ne{Matcher::Op::ne, {std::string("own")}};
  EXPECT_TRUE(ne.matches(FactValue{}));
}

TEST(RuleLoading, ARuleNamingAMissingRequirementIsRefusedWithFileAndLine) {
  auto cat = catalogue();
  auto set = kk::io::load_rule_set({"id: x\nversion: 1\nname: X\nrules:\n  - id: a\n    include: [NOPE-01]\n", "x.yaml"}, cat);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().key, "error.unknown_requirement");
  EXPECT_EQ(set.error().field.rfind("x.yaml:5", 0), 0u) << set.error().field;
  EXPECT_EQ(set.error().params.at("value"), "NOPE-01");
}

TEST(RuleLoading, AnUnknownFactOrOperatorIsRefused) {
  auto cat = catalogue();
  auto fact = kk::io::load_rule_set({"id: x\nversion: 1\nname: X\nrules:\n  - id: a\n    when: { colour: red }\n    include: [KRY-01]\n", "x.yaml"}, cat);
  ASSERT_FALSE(fact.ok());
  EXPECT_NE(fact.error().params.at("detail").find("colour"), std::string::npos);
  auto op = kk::io::load_rule_set({"id: x\nversion: 1\nname: X\nrules:\n  - id: a\n    when: { max_level: { about: 2 } }\n    include: [KRY-01]\n", "x.yaml"}, cat);
  ASSERT_FALSE(op.ok());
  EXPECT_NE(op.error().params.at("detail").find("about"), std::string::npos);
}

TEST(RuleLoading, AFailingExampleRefusesTheRuleSet) {
  auto cat = catalogue();
  std::string broken = std::string(rules_yaml) + "  - facts: { confidentiality: 0 }\n    expect: { includes: [KRY-01] }\n";
  auto set = kk::io::load_rule_set({broken, "rules.yaml"}, cat);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().key, "error.example_missing");
  EXPECT_NE(set.error().field.find("examples[3]"), std::string::npos);
}

TEST(CatalogueLoading, DuplicateIdsAndUnknownAreasNameTheRequirement) {
  std::string dup = std::string(catalogue_yaml) + R"(  - id: KRY-01
    area: kryptering
    kind: ska
    placement: object
    answer: yes_no
    ska_text: "Igen."
    motive: "M."
    verification: [intyg]
    references: {seed: ["003:1"]}
)";
  auto c = kk::io::load_catalogue({dup, "dup.yaml"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().key, "error.duplicate_requirement");
  std::string bad_area = std::string(catalogue_yaml);
  bad_area.replace(bad_area.find("area: kryptering"), 16, "area: kryptografi");
  auto a = kk::io::load_catalogue({bad_area, "area.yaml"});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().key, "error.unknown_area");
  EXPECT_NE(a.error().field.find("area.yaml:"), std::string::npos);
}

TEST(CatalogueLoading, AwardCriteriaMustBeBorWithAWeight) {
  std::string bad = std::string(catalogue_yaml);
  const std::string bor = "kind: bor\n    weight: 2";
  bad.replace(bad.find(bor), bor.size(), "kind: ska");
  auto c = kk::io::load_catalogue({bad, "award.yaml"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().key, "error.award_must_be_bor");
}
