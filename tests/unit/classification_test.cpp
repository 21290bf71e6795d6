#include <gtest/gtest.h>

#include "app/content.hpp"
#include "domain/classification.hpp"
#include "domain/guided_questions.hpp"
#include "io/content_loader.hpp"

using namespace kk::domain;

namespace {
const kk::app::Content& content() {
  static const kk::app::Content c = kk::app::load_builtin_content();
  return c;
}
Classification levels(std::optional<int> k, std::optional<int> r, std::optional<int> t) {
  Classification c;
  c[Aspect::confidentiality] = k;
  c[Aspect::integrity] = r;
  c[Aspect::availability] = t;
  return c;
}
}  // namespace

TEST(ClassificationModel, DefaultModelHasLevelsZeroToFourWithSwedishNames) {
  const auto& m = content().model("standard");
  ASSERT_EQ(m.levels.size(), 5u);
  EXPECT_EQ(m.min_level(), 0);
  EXPECT_EQ(m.max_level(), 4);
  EXPECT_EQ(m.find_level(0)->name.sv, "Försumbar");
  EXPECT_EQ(m.find_level(4)->name.sv, "Synnerligen allvarlig");
  EXPECT_TRUE(m.find_aspect(Aspect::traceability)->optional);
}

TEST(ClassificationModel, LevelOutsideTheModelNamesTheField) {
  const auto& m = content().model("standard");
  auto s = m.check_level(Aspect::integrity, 5);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "classification.integrity");
  EXPECT_EQ(s.error().params.at("max"), "4");
  EXPECT_TRUE(m.check_level(Aspect::integrity, 4).ok());
}

TEST(ClassificationModel, BrokenModelFileIsRefusedWithFileAndLine) {
  auto r = kk::io::load_classification_model("id: x\nversion: 1\nname: {sv: X}\naspects:\n  - key: colour\n", "test.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().field.find("test.yaml:"), std::string::npos);
}

TEST(CaseClassification, MaximumPerAspectNamesTheAssetThatSetIt) {
  auto cc = classify_case({{"a1", "Larmregister", levels(3, 2, 1)}, {"a2", "Journal", levels(2, 3, 4)}});
  EXPECT_EQ(cc[Aspect::confidentiality].level, 3);
  EXPECT_EQ(cc[Aspect::confidentiality].asset_name, "Larmregister");
  EXPECT_EQ(cc[Aspect::integrity].asset_id, "a2");
  EXPECT_EQ(cc[Aspect::availability].level, 4);
  EXPECT_FALSE(cc[Aspect::traceability].level.has_value());
  EXPECT_EQ(cc.max_level(), 4);
}

TEST(CaseClassification, NoAssetsMeansNoLevels) {
  auto cc = classify_case({});
  EXPECT_FALSE(cc.max_level().has_value());
}

TEST(GuidedQuestions, ProposalIsTheMaximumPerAspectAndCollectsFlags) {
  const auto& q = content().questions;
  ASSERT_FALSE(q.questions.empty());
  // Pick, for every question, its most severe option.
  std::map<std::string, std::string> answers;
  for (const auto& question : q.questions) answers[question.key] = question.options.back().key;
  auto r = propose_classification(q, answers);
  ASSERT_TRUE(r.ok());
  int highest = 0;
  for (const auto& question : q.questions)
    if (question.aspect == Aspect::confidentiality)
      for (const auto& o : question.options) highest = std::max(highest, o.proposes);
  EXPECT_GE(r->classification[Aspect::confidentiality].value_or(-1), 0);
  EXPECT_LE(r->classification[Aspect::confidentiality].value_or(-1), highest);
  EXPECT_FALSE(r->flags.empty());
}

TEST(GuidedQuestions, LeastSevereAnswersProposeLowLevels) {
  const auto& q = content().questions;
  std::map<std::string, std::string> answers;
  for (const auto& question : q.questions) answers[question.key] = question.options.front().key;
  auto r = propose_classification(q, answers);
  ASSERT_TRUE(r.ok());
  EXPECT_LE(r->classification.max_level().value_or(0), 1);
}

TEST(GuidedQuestions, UnknownOptionNamesTheQuestion) {
  const auto& q = content().questions;
  auto r = propose_classification(q, {{q.questions.front().key, "maybe"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "answers." + q.questions.front().key);
}

TEST(Enums, RoundTripThroughTheirWireNames) {
  EXPECT_EQ(to_string(Gate::award_decided), "award_decided");
  EXPECT_EQ(parse_enum<Gate>("contract_signed"), Gate::contract_signed);
  EXPECT_FALSE(parse_enum<Gate>("Contract_signed").has_value());
  EXPECT_EQ(to_string(Law::LUFS), "LUFS");
  EXPECT_EQ(enum_names(Role{}).size(), 8u);
}

TEST(Messages, ErrorTextNamesTheFieldInTheLanguage) {
  auto e = Error::unprocessable("error.too_long", "title").with("max", "200");
  EXPECT_EQ(content().messages.error_text(Language::sv, e), "Rubrik får vara högst 200 tecken.");
  EXPECT_EQ(content().messages.error_text(Language::en, e), "Title may have at most 200 characters.");
}
