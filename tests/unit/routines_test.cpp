// The shipped routines and legal triage, each on both sides of its thresholds, evaluated
// from whole case facts as the application builds them.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "app/content.hpp"
#include "domain/case_form.hpp"
#include "domain/rule_evaluation.hpp"
#include "io/catalogue_loader.hpp"
#include "io/embedded.hpp"

using namespace kk::domain;

namespace {
const kk::app::Content& content() {
  static const kk::app::Content c = kk::app::load_builtin_content();
  return c;
}
const Catalogue& base() { return content().catalogue("kravkedja-bas"); }

const RuleSet& rule_set(const std::string& id) {
  for (const auto& s : content().rule_sets)
    if (s.id == id) return s;
  throw std::runtime_error("rule set not shipped: " + id);
}

// A case: one asset with these levels, external operation in an EU/EEA cloud unless changed.
struct CaseBuilder {
  CaseFactInput in;
  CaseBuilder(int c, int i = 1, int a = 1) {
    Classification levels;
    levels[Aspect::confidentiality] = c;
    levels[Aspect::integrity] = i;
    levels[Aspect::availability] = a;
    in.classification = classify_case({{"a1", "Tillgång", levels}});
    in.operator_party = Party::external;
    in.hosting_location = HostingLocation::eu_eea_cloud;
    in.org_kind = OrgKind::municipality;
  }
  CaseBuilder& flag(Flag f) { in.flags.insert(f); return *this; }
  CaseBuilder& fact(const std::string& name, FactValue v) { in.recorded[name] = std::move(v); return *this; }
  CaseBuilder& own_operation() {
    in.operator_party = Party::own;
    in.hosting_location = HostingLocation::own_premises;
    in.delivery_model = DeliveryModel::on_premises;
    return *this;
  }
  Evaluation under(const std::string& id) const { return evaluate_rules(make_case_facts(in), {&rule_set(id)}, base()); }
};

bool has_finding(const Evaluation& ev, Severity s, const std::string& rule = "") {
  return std::any_of(ev.findings.begin(), ev.findings.end(),
                     [&](const Finding& f) { return f.severity == s && (rule.empty() || f.reason.rule_id == rule); });
}
bool locked(const Evaluation& ev, const std::string& id) { return ev.find(id) && ev.find(id)->locked; }
bool blocks(const Evaluation& ev, Gate g) { return ev.blocked_gates().count(g) > 0; }
std::optional<Role> owner_of(const Evaluation& ev, const std::string& key) {
  const auto* a = ev.find_activity(key);
  return a ? a->owner : std::nullopt;
}

// The shipped cloud routine with its settings replaced.
RuleSet cloud_routine_with(const std::string& settings) {
  std::string text(*kk::io::embedded_file("catalog/rules/molntjanst-rutin.yaml"));
  auto at = text.find("settings:");
  auto end = text.find("\nrules:", at);
  text.replace(at, end - at, settings);
  auto loaded = kk::io::load_rule_set({text, "molntjanst-rutin.yaml"}, base(), false);
  if (!loaded) throw std::runtime_error(loaded.error().field);
  return std::move(loaded).value();
}
}  // namespace

TEST(Routines, EveryShippedExamplePasses) {
  for (const auto& s : content().rule_sets) {
    EXPECT_FALSE(s.examples.empty()) << s.id;
    for (std::size_t i = 0; i < s.examples.size(); ++i) EXPECT_TRUE(check_example(s, base(), i).ok()) << s.id << " " << i + 1;
  }
}

TEST(CloudRoutine, EachLevelGetsItsRowAndTheRowsBelow) {
  auto one = CaseBuilder(1).under("molntjanst-rutin");
  EXPECT_TRUE(locked(one, "DAT-54"));
  EXPECT_FALSE(one.find("KON-52"));
  EXPECT_FALSE(blocks(one, Gate::procure_decision) && one.find_activity("cloud_move_analysis"));

  auto two = CaseBuilder(2).under("molntjanst-rutin");
  EXPECT_TRUE(locked(two, "KON-52") && locked(two, "LEV-53") && locked(two, "DAT-54"));
  EXPECT_EQ(two.find("KON-52")->kind, RequirementKind::ska);
  EXPECT_FALSE(two.find_activity("cloud_move_analysis"));
  EXPECT_FALSE(has_finding(two, Severity::block));

  auto three = CaseBuilder(3).under("molntjanst-rutin");
  ASSERT_TRUE(three.find_activity("cloud_move_analysis"));
  EXPECT_EQ(three.find_activity("cloud_move_analysis")->blocks_gate, Gate::procure_decision);
  EXPECT_TRUE(locked(three, "KON-52") && locked(three, "DAT-54"));
  EXPECT_FALSE(has_finding(three, Severity::block, "niva-4-ej-tillatet"));

  auto four = CaseBuilder(4).under("molntjanst-rutin");
  EXPECT_TRUE(has_finding(four, Severity::block, "niva-4-ej-tillatet"));
  EXPECT_TRUE(blocks(four, Gate::procure_decision));
}

TEST(CloudRoutine, OperatingFormsDecideWhetherItApplies) {
  // Driftform 5 outside the EU/EEA and 4 (external operator on own premises) apply.
  CaseBuilder third(2);
  third.in.hosting_location = HostingLocation::third_country;
  EXPECT_TRUE(third.under("molntjanst-rutin").find("KON-52"));
  CaseBuilder external_on_premises(2);
  external_on_premises.in.hosting_location = HostingLocation::own_premises;
  EXPECT_TRUE(external_on_premises.under("molntjanst-rutin").find("KON-52"));

  // Driftform 2: external support with database copies, or with remote access.
  CaseBuilder copies(2);
  copies.own_operation();
  copies.in.support = Party::external;
  copies.in.supplier_data_copies = true;
  EXPECT_TRUE(copies.under("molntjanst-rutin").find("KON-52"));
  CaseBuilder remote = copies;
  remote.in.supplier_data_copies = false;
  remote.in.supplier_remote_access = true;
  EXPECT_TRUE(remote.under("molntjanst-rutin").find("KON-52"));

  // External support with neither matches no row: a warning, and no measures.
  CaseBuilder neither = remote;
  neither.in.supplier_remote_access = false;
  auto ev = neither.under("molntjanst-rutin");
  EXPECT_TRUE(has_finding(ev, Severity::warning, "ingen-rad-i-tabellen"));
  EXPECT_TRUE(ev.entries.empty());

  // Everything in-house: outside the routine, silent.
  auto own = CaseBuilder(3).own_operation().under("molntjanst-rutin");
  EXPECT_TRUE(own.entries.empty());
  EXPECT_TRUE(own.findings.empty());
  EXPECT_TRUE(own.activities.empty());
}

TEST(CloudRoutine, StepsAreOwnedActivities) {
  auto ev = CaseBuilder(2).under("molntjanst-rutin");
  for (const char* key : {"cloud_prerequisites", "cloud_classification_meeting", "cloud_classification",
                          "cloud_table_comparison", "cloud_specification_update"})
    EXPECT_TRUE(owner_of(ev, key).has_value()) << key;
  EXPECT_FALSE(ev.find_activity("cloud_supplier_confirmation"));

  // A change of operating form or an acquisition without procurement: the supplier confirms.
  for (CaseKind kind : {CaseKind::operation_change, CaseKind::acquisition_without_procurement}) {
    CaseBuilder change(2);
    change.in.kind = kind;
    auto confirmed = change.under("molntjanst-rutin");
    EXPECT_TRUE(confirmed.find_activity("cloud_supplier_confirmation")) << to_string(kind);
    EXPECT_FALSE(confirmed.find_activity("cloud_specification_update")) << to_string(kind);
  }
}

TEST(CloudRoutine, SettingsChooseTheLevelAndWhetherTheTableIsCumulative) {
  // Confidentiality alone: integrity 3 does not count, confidentiality 1 gets level 1 only.
  RuleSet conf = cloud_routine_with("settings:\n  level: confidentiality\n  cumulative: true\n");
  auto c1 = evaluate_rules(make_case_facts(CaseBuilder(1, 3, 3).in), {&conf}, base());
  EXPECT_TRUE(c1.find("DAT-54"));
  EXPECT_FALSE(c1.find("KON-52"));
  EXPECT_FALSE(c1.find_activity("cloud_move_analysis"));
  // The shipped default (maximum) reads the same case at level 3.
  EXPECT_TRUE(CaseBuilder(1, 3, 3).under("molntjanst-rutin").find_activity("cloud_move_analysis"));

  // Not cumulative: level 2 gets its own row and not level 1's.
  RuleSet own_row = cloud_routine_with("settings:\n  level: max_level\n  cumulative: false\n");
  auto two = evaluate_rules(make_case_facts(CaseBuilder(2).in), {&own_row}, base());
  EXPECT_TRUE(two.find("KON-52"));
  EXPECT_FALSE(two.find("DAT-54"));
  EXPECT_EQ(own_row.level_fact, "max_level");
  EXPECT_FALSE(own_row.cumulative);

  // A level that is not a level is refused, naming the file.
  std::string text(*kk::io::embedded_file("catalog/rules/molntjanst-rutin.yaml"));
  auto at = text.find("level: max_level");
  text.replace(at, std::string("level: max_level").size(), "level: kind");
  auto refused = kk::io::load_rule_set({text, "rutin.yaml"}, base(), false);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().field.find("rutin.yaml"), std::string::npos);
}

TEST(SecurityProtection, TheFlagOpensTheTrackWithNoAutomaticRequirements) {
  auto without = CaseBuilder(2).under("sakerhetsskyddad-upphandling");
  EXPECT_TRUE(without.findings.empty());
  EXPECT_TRUE(without.activities.empty());

  auto sua = CaseBuilder(2).flag(Flag::security_protection).under("sakerhetsskyddad-upphandling");
  EXPECT_TRUE(sua.suppressed);
  EXPECT_TRUE(has_finding(sua, Severity::block));
  for (const char* key : {"security_protection_assessment", "sua_special_assessment", "sua_suitability_assessment",
                          "sua_agreement_signed", "sua_requirements_communicated", "sua_staff_vetting"})
    EXPECT_EQ(owner_of(sua, key), Role::security_officer) << key;
  EXPECT_EQ(sua.find_activity("sua_agreement_signed")->blocks_gate, Gate::contract_signed);
  EXPECT_EQ(sua.find_activity("sua_staff_vetting")->blocks_gate, Gate::delivery_approved);
  // Whether the supervisory authority must be consulted is asked until answered.
  EXPECT_FALSE(sua.find_activity("sua_supervisory_consultation"));
  EXPECT_TRUE(has_finding(sua, Severity::warning, "samrad-fraga"));
  auto consult = CaseBuilder(2).flag(Flag::security_protection).fact("security_consultation_required", true)
                     .under("sakerhetsskyddad-upphandling");
  EXPECT_TRUE(consult.find_activity("sua_supervisory_consultation"));
  auto no_consult = CaseBuilder(2).flag(Flag::security_protection).fact("security_consultation_required", false)
                        .under("sakerhetsskyddad-upphandling");
  EXPECT_FALSE(no_consult.find_activity("sua_supervisory_consultation"));
  EXPECT_FALSE(has_finding(no_consult, Severity::warning, "samrad-fraga"));
}

TEST(SecurityProtection, ConfidentialityFourWithoutTheFlagAsks) {
  EXPECT_TRUE(has_finding(CaseBuilder(4).under("sakerhetsskyddad-upphandling"), Severity::warning,
                          "niva-4-sakerhetsskydd-fraga"));
  EXPECT_FALSE(has_finding(CaseBuilder(3).under("sakerhetsskyddad-upphandling"), Severity::warning,
                           "niva-4-sakerhetsskydd-fraga"));
  EXPECT_FALSE(has_finding(CaseBuilder(4).flag(Flag::security_protection).under("sakerhetsskyddad-upphandling"),
                           Severity::warning, "niva-4-sakerhetsskydd-fraga"));
}

TEST(DataProtection, ProcessorAgreementAndDpiaFromTwoCriteria) {
  EXPECT_FALSE(CaseBuilder(2).under("dataskydd").find("DAT-50"));
  auto unscreened = CaseBuilder(2).flag(Flag::personal_data).under("dataskydd");
  EXPECT_TRUE(locked(unscreened, "DAT-50"));
  EXPECT_TRUE(unscreened.find_activity("dpia_screening"));

  auto one = CaseBuilder(2).flag(Flag::personal_data).fact("dpia_criteria", 1LL).under("dataskydd");
  EXPECT_FALSE(one.find_activity("dpia"));
  EXPECT_FALSE(one.find_activity("dpia_screening"));
  auto two = CaseBuilder(2).flag(Flag::personal_data).fact("dpia_criteria", 2LL).under("dataskydd");
  EXPECT_TRUE(two.find_activity("dpia"));
  EXPECT_TRUE(has_finding(two, Severity::warning));
  EXPECT_FALSE(blocks(two, Gate::contract_signed));

  auto residual = CaseBuilder(2).flag(Flag::personal_data).fact("dpia_criteria", 3LL)
                      .fact("dpia_high_residual_risk", true).under("dataskydd");
  EXPECT_TRUE(has_finding(residual, Severity::block));
  EXPECT_TRUE(blocks(residual, Gate::contract_signed));
  EXPECT_EQ(owner_of(residual, "dpia_prior_consultation"), Role::legal);
}

TEST(Outsourcing, SecretInformationWithAProviderNeedsTheLegalAssessment) {
  EXPECT_FALSE(CaseBuilder(3).under("utkontraktering").find_activity("outsourcing_assessment"));
  EXPECT_FALSE(CaseBuilder(3).flag(Flag::secrecy).own_operation().under("utkontraktering").find_activity("outsourcing_assessment"));
  auto cloud = CaseBuilder(3).flag(Flag::secrecy).under("utkontraktering");
  EXPECT_EQ(owner_of(cloud, "outsourcing_assessment"), Role::legal);
  EXPECT_TRUE(blocks(cloud, Gate::procure_decision));

  auto refused = CaseBuilder(3).flag(Flag::secrecy).fact("outsourcing_outcome", std::string("not_permitted")).under("utkontraktering");
  EXPECT_TRUE(has_finding(refused, Severity::block, "utkontraktering-ej-tillaten"));
  auto conditions = CaseBuilder(3).flag(Flag::secrecy).fact("outsourcing_outcome", std::string("permitted_with_conditions")).under("utkontraktering");
  EXPECT_TRUE(has_finding(conditions, Severity::warning, "utkontraktering-villkor"));
  EXPECT_FALSE(has_finding(conditions, Severity::block, "utkontraktering-ej-tillaten"));
}

TEST(ThirdCountries, InsideAndOutsideTheEu) {
  auto inside = CaseBuilder(2).flag(Flag::personal_data).fact("supplier_outside_eu_eea", false).under("tredjeland");
  EXPECT_FALSE(has_finding(inside, Severity::warning));
  EXPECT_TRUE(locked(inside, "AVT-01"));  // the intended governing law is always a requirement

  CaseBuilder hosted(2);
  hosted.in.hosting_location = HostingLocation::third_country;
  auto outside = hosted.flag(Flag::personal_data).under("tredjeland");
  EXPECT_TRUE(has_finding(outside, Severity::warning, "tredjeland-tillamplig-lag"));
  EXPECT_TRUE(has_finding(outside, Severity::warning, "tredjeland-overforing"));

  auto parent = CaseBuilder(2).fact("supplier_outside_eu_eea", true).under("tredjeland");
  EXPECT_TRUE(has_finding(parent, Severity::warning, "tredjeland-tillamplig-lag"));
  EXPECT_FALSE(has_finding(parent, Severity::warning, "tredjeland-overforing"));  // no personal data

  EXPECT_TRUE(locked(CaseBuilder(2).fact("supplier_us_link", true).under("tredjeland"), "DAT-54"));
  EXPECT_FALSE(CaseBuilder(2).fact("supplier_us_link", false).under("tredjeland").find("DAT-54"));
}

TEST(FrameworkAgreements, CallOffTermsSufficientOrNot) {
  auto call_off = [](std::optional<bool> sufficient, std::optional<bool> additions, OrgKind org) {
    CaseBuilder b(2);
    b.in.kind = CaseKind::call_off;
    b.in.org_kind = org;
    if (sufficient) b.fact("framework_terms_sufficient", *sufficient);
    if (additions) b.fact("framework_allows_additions", *additions);
    return b.under("ramavtal-avrop");
  };
  EXPECT_TRUE(has_finding(call_off(std::nullopt, std::nullopt, OrgKind::municipality), Severity::info));
  auto enough = call_off(true, std::nullopt, OrgKind::municipality);
  EXPECT_FALSE(has_finding(enough, Severity::block));
  auto own = call_off(false, false, OrgKind::municipality);
  EXPECT_TRUE(has_finding(own, Severity::block, "avrop-egen-upphandling"));
  EXPECT_FALSE(own.find_activity("framework_deviation_notice"));
  EXPECT_TRUE(call_off(false, false, OrgKind::state_agency).find_activity("framework_deviation_notice"));
  auto add = call_off(false, true, OrgKind::municipality);
  EXPECT_FALSE(has_finding(add, Severity::block));
  EXPECT_TRUE(has_finding(add, Severity::warning, "avrop-komplettera"));

  CaseBuilder framework(2);
  framework.in.kind = CaseKind::framework_agreement;
  EXPECT_TRUE(has_finding(framework.under("ramavtal-avrop"), Severity::warning, "ramavtal-avropande-parter"));
  framework.fact("framework_parties", 3LL);
  EXPECT_FALSE(has_finding(framework.under("ramavtal-avrop"), Severity::warning, "ramavtal-avropande-parter"));
}

TEST(CriticalServices, ContinuityRequirementsAndTheOwnPlan) {
  EXPECT_TRUE(CaseBuilder(2).under("samhallsviktig").entries.empty());
  auto critical = CaseBuilder(2).flag(Flag::critical_service).under("samhallsviktig");
  for (const char* id : {"KON-03", "KON-04", "KON-05", "AVT-62"}) EXPECT_TRUE(locked(critical, id)) << id;
  EXPECT_EQ(owner_of(critical, "own_continuity_plan"), Role::information_owner);
  EXPECT_TRUE(has_finding(critical, Severity::info, "fullstandig-klassning"));
  CaseBuilder complete(2);
  complete.in.classification_complete = true;
  EXPECT_FALSE(has_finding(complete.flag(Flag::critical_service).under("samhallsviktig"), Severity::info,
                           "fullstandig-klassning"));
}

TEST(SharedServicesAndDirectAwards, PartnerCheckAndStandardContract) {
  CaseBuilder shared(2);
  shared.in.kind = CaseKind::shared_service;
  EXPECT_TRUE(blocks(shared.under("samverkan-direktupphandling"), Gate::contract_signed));
  EXPECT_FALSE(CaseBuilder(2).under("samverkan-direktupphandling").find_activity("partner_solution_check"));

  CaseBuilder direct(2);
  direct.in.procedure = Procedure::direct_award;
  direct.fact("standard_contract", true);
  auto ev = direct.under("samverkan-direktupphandling");
  EXPECT_TRUE(has_finding(ev, Severity::warning, "standardavtal-forhandla"));
  EXPECT_TRUE(locked(ev, "AVT-51"));
  direct.fact("standard_contract", false);
  EXPECT_FALSE(has_finding(direct.under("samverkan-direktupphandling"), Severity::warning));
}

TEST(GoverningDocuments, AnExcludingExternalRequirementBlocks) {
  auto none = CaseBuilder(2).fact("governing_documents", 0LL).fact("external_requirement_excludes", false).under("styrande-krav");
  EXPECT_TRUE(has_finding(none, Severity::info, "styrande-dokument-saknas"));
  EXPECT_FALSE(blocks(none, Gate::procure_decision));
  auto excluded = CaseBuilder(2).fact("governing_documents", 2LL).fact("external_requirement_excludes", true).under("styrande-krav");
  EXPECT_TRUE(blocks(excluded, Gate::procure_decision));
  EXPECT_FALSE(has_finding(excluded, Severity::info, "styrande-dokument-saknas"));
}

TEST(CaseForms, DpiaScreeningCountsCriteriaAndAppliesToPersonalData) {
  const CaseForm* form = content().form("dpia-screening");
  ASSERT_NE(form, nullptr);
  CaseFacts without = make_case_facts(CaseBuilder(2).in);
  CaseFacts with = make_case_facts(CaseBuilder(2).flag(Flag::personal_data).in);
  EXPECT_FALSE(form_applies(*form, without));
  EXPECT_TRUE(form_applies(*form, with));

  EXPECT_TRUE(form_facts(*form, {}, with).empty());  // not begun: unknown
  FormAnswers answers{{"sensitive_data", {"yes", ""}}, {"large_scale", {"no", ""}}};
  EXPECT_EQ(form_facts(*form, answers, with).at("dpia_criteria"), FactValue(1LL));
  answers["vulnerable_subjects"] = {"yes", ""};
  EXPECT_EQ(form_facts(*form, answers, with).at("dpia_criteria"), FactValue(2LL));

  EXPECT_TRUE(check_answers(*form, answers).ok());
  FormAnswers bad{{"sensitive_data", {"maybe", ""}}};
  ASSERT_FALSE(check_answers(*form, bad).ok());
  EXPECT_EQ(check_answers(*form, bad).error().field, "answers.sensitive_data");
  FormAnswers unknown{{"no_such_question", {"yes", ""}}};
  EXPECT_EQ(check_answers(*form, unknown).error().field, "answers.no_such_question");
}

TEST(CaseForms, TriageQuestionsApplyOnlyWhereTheyMatter) {
  const CaseForm* form = content().form("triage");
  ASSERT_NE(form, nullptr);
  FormAnswers answers{{"framework_terms_sufficient", {"no", "Saknar loggkrav"}}, {"supplier_us_link", {"yes", ""}}};
  CaseBuilder procurement(2);
  auto facts = form_facts(*form, answers, make_case_facts(procurement.in));
  EXPECT_FALSE(facts.count("framework_terms_sufficient"));  // not a call-off: the answer says nothing
  EXPECT_EQ(facts.at("supplier_us_link"), FactValue(true));
  CaseBuilder call_off(2);
  call_off.in.kind = CaseKind::call_off;
  EXPECT_EQ(form_facts(*form, answers, make_case_facts(call_off.in)).at("framework_terms_sufficient"), FactValue(false));
}

TEST(CaseForms, OutsourcingAssessmentIsCompleteWhenEveryQuestionHasItsReasoning) {
  const CaseForm* form = content().form("outsourcing");
  ASSERT_NE(form, nullptr);
  EXPECT_TRUE(form->document);
  CaseFacts facts = make_case_facts(CaseBuilder(3).flag(Flag::secrecy).in);
  auto missing = unanswered(*form, {}, facts);
  EXPECT_FALSE(missing.empty());
  FormAnswers answers;
  for (const auto& s : form->sections)
    for (const auto& q : s.questions)
      answers[q.key] = {q.kind == QuestionKind::choice ? q.options.front().key : q.kind == QuestionKind::yes_no ? "no" : "Text",
                        "Skäl"};
  EXPECT_TRUE(unanswered(*form, answers, facts).empty());
  answers["proposed_decision"] = {"permitted", ""};  // reasoning left out
  EXPECT_EQ(unanswered(*form, answers, facts), std::vector<std::string>{"proposed_decision"});
  answers["proposed_decision"] = {"not_permitted", "Olämpligt"};
  EXPECT_EQ(form_facts(*form, answers, facts).at("outsourcing_outcome"), FactValue(std::string("not_permitted")));
}
