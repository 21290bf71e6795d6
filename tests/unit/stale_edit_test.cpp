// Merging a stale edit on a page: each person's change survives; only fields both changed are
// left for the person to settle.
#include <gtest/gtest.h>

#include "web/stale_edit.hpp"

using nlohmann::json;
using kk::web::merge_stale_edit;

TEST(StaleEdit, TakesTheirChangesKeepsMineAndNamesTheFieldsBothChanged) {
  std::vector<std::string> fields{"likelihood", "consequence", "treatment", "requirement_ids", "owner"};
  json base = {{"likelihood", 2}, {"consequence", 2}, {"treatment", "reduce"}, {"requirement_ids", {"A.1", "B.2"}},
               {"owner", nullptr}};
  // As posted by the form: numbers as numbers, the list in another order, no owner chosen.
  json mine = {{"likelihood", 2}, {"consequence", 4}, {"treatment", "accept"}, {"requirement_ids", {"B.2", "A.1"}},
               {"owner", ""}};
  json theirs = {{"likelihood", 3}, {"consequence", 2}, {"treatment", "avoid"}, {"requirement_ids", {"A.1", "B.2", "C.3"}},
                 {"owner", nullptr}, {"version", 7}};
  auto m = merge_stale_edit(base, mine, theirs, fields);
  EXPECT_EQ(m.merged["likelihood"], 3) << "only they changed it";
  EXPECT_EQ(m.merged["consequence"], 4) << "only I changed it";
  EXPECT_EQ(m.merged["treatment"], "accept") << "both changed it: mine stays in the form";
  EXPECT_EQ(m.merged["requirement_ids"], (json{"A.1", "B.2", "C.3"})) << "same list in another order is no change of mine";
  EXPECT_EQ(m.conflicts, (std::vector<std::string>{"treatment"}));
  EXPECT_EQ(m.theirs_taken, (std::vector<std::string>{"likelihood", "requirement_ids"}));
  EXPECT_FALSE(m.merged.contains("version")) << "only the form's fields";
}

TEST(StaleEdit, TheSameChangeOnBothSidesIsNoConflictAndTextFormsOfNumbersCompareEqual) {
  auto m = merge_stale_edit(json{{"level", "2"}}, json{{"level", 3}}, json{{"level", "3"}}, {"level"});
  EXPECT_TRUE(m.conflicts.empty());
  EXPECT_TRUE(m.theirs_taken.empty());
  EXPECT_EQ(m.merged["level"], 3);
  // A form drawn without a base (an older page) merges nothing silently: every field that
  // differs from what is stored counts as changed by both.
  auto without_base = merge_stale_edit(json(), json{{"level", 1}}, json{{"level", 2}}, {"level"});
  EXPECT_EQ(without_base.conflicts, (std::vector<std::string>{"level"}));
  EXPECT_EQ(kk::web::edit_base(json{{"level", 2}, {"other", 1}}, {"level"}), R"({"level":2})");
}
