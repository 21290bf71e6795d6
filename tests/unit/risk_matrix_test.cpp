#include <gtest/gtest.h>

#include "app/content.hpp"
#include "io/content_loader.hpp"

using namespace kk::domain;

namespace {
const kk::app::Content& content() {
  static const kk::app::Content c = kk::app::load_builtin_content();
  return c;
}
}  // namespace

TEST(RiskMatrix, BuiltInMatricesAreFourAndFiveStepsAndMonotone) {
  const auto& four = content().risk_matrix("matris-4x4");
  const auto& five = content().risk_matrix("matris-5x5");
  EXPECT_EQ(four.size(), 4);
  EXPECT_EQ(five.size(), 5);
  for (const auto* m : {&four, &five}) {
    EXPECT_TRUE(m->validate().ok());
    EXPECT_EQ(m->level(1, 1).key, m->levels.front().key);
    EXPECT_EQ(m->level(m->size(), m->size()).key, m->levels.back().key);
    EXPECT_TRUE(m->acceptable(1, 1));
    EXPECT_FALSE(m->acceptable(m->size(), m->size()));
  }
}

TEST(RiskMatrix, LevelsOutsideTheScaleNameTheField) {
  const auto& m = content().risk_matrix("matris-4x4");
  auto s = m.check(5, 2, "residual_");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "residual_likelihood");
  EXPECT_EQ(s.error().params.at("max"), "4");
  EXPECT_FALSE(m.check(2, 0).ok());
  EXPECT_TRUE(m.check(4, 4).ok());
}

TEST(RiskMatrix, AMatrixThatFallsWhenRiskGrowsIsRefused) {
  const char* yaml = R"(id: trasig
version: 1
name: Trasig
likelihood: [{level: 1, name: L1}, {level: 2, name: L2}]
consequence: [{level: 1, name: K1}, {level: 2, name: K2}]
risk_levels: [{key: low, name: Låg}, {key: high, name: Hög}]
matrix:
  - [low, high]
  - [low, low]
acceptance: low
)";
  auto m = kk::io::load_risk_matrix(yaml, "trasig.yaml");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().key, "error.matrix_not_monotone");
  EXPECT_NE(m.error().field.find("trasig.yaml"), std::string::npos);
}

TEST(RiskMatrix, StarterRisksCoverTheCommonProcurementRisks) {
  const auto& starters = content().starter_risks;
  ASSERT_TRUE(starters.is_array());
  EXPECT_GE(starters.size(), 20u);
  for (const auto& r : starters) {
    EXPECT_TRUE(r.contains("key"));
    EXPECT_TRUE(r["title"].contains("sv"));
  }
}
