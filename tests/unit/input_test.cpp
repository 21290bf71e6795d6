#include <gtest/gtest.h>

#include "app/input.hpp"

using namespace kk::app;
using nlohmann::json;

TEST(Input, LengthLimitCountsLettersNotBytes) {
  std::string name;
  std::string two_hundred;
  for (int i = 0; i < 200; ++i) two_hundred += "å";
  EXPECT_TRUE(input::text(json{{"name", two_hundred}}, "name", name, 200).ok());
  auto s = input::text(json{{"name", two_hundred + "a"}}, "name", name, 200);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().key, "error.too_long");
  EXPECT_EQ(s.error().field, "name");
}

TEST(Input, AbsentFieldsLeaveTheValueAlone) {
  std::string title = "kvar";
  EXPECT_TRUE(input::text(json::object(), "title", title, 10).ok());
  EXPECT_EQ(title, "kvar");
}

TEST(Input, WrongTypeIsAMalformedRequestNamingTheField) {
  bool flag = false;
  auto s = input::boolean(json{{"supplier_data_copies", "ja"}}, "supplier_data_copies", flag);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, kk::domain::ErrorKind::invalid);
  EXPECT_EQ(s.error().field, "supplier_data_copies");
}

TEST(Input, DatesMustBeRealCalendarShapes) {
  std::optional<std::string> d;
  EXPECT_TRUE(input::optional_date(json{{"tender_deadline", "2027-03-31"}}, "tender_deadline", d).ok());
  EXPECT_EQ(d, "2027-03-31");
  EXPECT_FALSE(input::optional_date(json{{"tender_deadline", "31/3/2027"}}, "tender_deadline", d).ok());
  EXPECT_FALSE(input::optional_date(json{{"tender_deadline", "2027-13-01"}}, "tender_deadline", d).ok());
  EXPECT_TRUE(input::optional_date(json{{"tender_deadline", nullptr}}, "tender_deadline", d).ok());
  EXPECT_FALSE(d.has_value());
}

TEST(Input, UnknownEnumValueIsUnprocessableWithTheValue) {
  kk::domain::Law law = kk::domain::Law::LOU;
  auto s = input::enumeration(json{{"law", "LOV"}}, "law", law);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, kk::domain::ErrorKind::unprocessable);
  EXPECT_EQ(s.error().params.at("value"), "LOV");
}

TEST(Input, IntegersOutsideTheRangeAreRefused) {
  std::optional<std::int64_t> v;
  auto s = input::optional_integer(json{{"estimated_value_sek", -5}}, "estimated_value_sek", v, 0, 100);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().key, "error.out_of_range");
}

TEST(Input, UnknownFieldsAreNamed) {
  auto s = input::only_fields(json{{"name", "x"}, {"colour", "red"}}, {"name"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "colour");
}
