// Numbers on the pages as Swedish readers write them: a no-break space between groups of three
// digits and a decimal comma.
#include <gtest/gtest.h>

#include "web/forms.hpp"

namespace {
using kk::web::swedish_number;
using nlohmann::json;

TEST(SwedishNumber, GroupsThousandsWithANoBreakSpaceAndWritesADecimalComma) {
  EXPECT_EQ(swedish_number(json(0)), "0");
  EXPECT_EQ(swedish_number(json(999)), "999");
  EXPECT_EQ(swedish_number(json(1000)), "1\u00a0000");
  EXPECT_EQ(swedish_number(json(850000)), "850\u00a0000");
  EXPECT_EQ(swedish_number(json(1234567)), "1\u00a0234\u00a0567");
  EXPECT_EQ(swedish_number(json(1234.5)), "1\u00a0234,5");
  EXPECT_EQ(swedish_number(json(7.25)), "7,25");
  EXPECT_EQ(swedish_number(json(2.0 / 3.0)), "0,67");
  EXPECT_EQ(swedish_number(json(-1500)), "\u22121\u00a0500");
}

TEST(SwedishNumber, WhatIsNoNumberIsShownAsNothing) {
  EXPECT_EQ(swedish_number(json()), "");
  EXPECT_EQ(swedish_number(json("850000")), "");
}
}  // namespace
