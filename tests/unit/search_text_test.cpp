// The requirement filter: every word typed must occur, in any order and any case, Swedish
// letters included.
#include <gtest/gtest.h>

#include "domain/search_text.hpp"

namespace {
using kk::domain::fold_case;
using kk::domain::matches_search;

TEST(SearchText, FoldsSwedishCapitalsAsWellAsAscii) {
  EXPECT_EQ(fold_case("ÅTKOMST Ärende Öppen LOG-01"), "åtkomst ärende öppen log-01");
  EXPECT_EQ(fold_case("Édition Ü"), "édition ü");
  EXPECT_EQ(fold_case("5 × 3"), "5 × 3") << "the multiplication sign is no letter";
}

TEST(SearchText, EveryWordMustOccurInAnyOrder) {
  const char* text = "ÅTK-03 Åtkomststyrning Leverantören ska logga varje åtkomst till informationen.";
  EXPECT_TRUE(matches_search(text, ""));
  EXPECT_TRUE(matches_search(text, "   "));
  EXPECT_TRUE(matches_search(text, "åtk-03"));
  EXPECT_TRUE(matches_search(text, "LOGGA åtkomst"));
  EXPECT_TRUE(matches_search(text, "informationen   leverantören"));
  EXPECT_FALSE(matches_search(text, "logga kryptering"));
  EXPECT_FALSE(matches_search(text, "DRI-01"));
}
}  // namespace
