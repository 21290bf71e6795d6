#include <gtest/gtest.h>

#include "domain/deadline.hpp"
#include "domain/follow_up.hpp"

using namespace kk::domain;

TEST(FollowUp, MonthsAreAddedToTheLastDayOfShortMonths) {
  EXPECT_EQ(add_months("2027-01-31", 1), "2027-02-28");
  EXPECT_EQ(add_months("2028-01-31", 1), "2028-02-29");  // a leap year
  EXPECT_EQ(add_months("2027-01-31", 2), "2027-03-31");  // counted from the start, not from February
  EXPECT_EQ(add_months("2026-11-30", 3), "2027-02-28");
  EXPECT_EQ(add_months("2026-12-15", 1), "2027-01-15");  // over the year end
  EXPECT_EQ(add_months("2028-02-29", 12), "2029-02-28");
  EXPECT_FALSE(add_months("2027-02-30", 1));
}

TEST(FollowUp, QuarterlyChecksOverAYearFromAMonthEnd) {
  auto d = due_dates("2026-11-30", "2027-11-30", FollowUpFrequency::quarterly);
  EXPECT_EQ(d, (std::vector<std::string>{"2027-02-28", "2027-05-30", "2027-08-30", "2027-11-30"}));
  auto leap = due_dates("2027-08-31", "2028-08-31", FollowUpFrequency::half_yearly);
  EXPECT_EQ(leap, (std::vector<std::string>{"2028-02-29", "2028-08-31"}));
}

TEST(FollowUp, FrequenciesAndEvents) {
  EXPECT_EQ(due_dates("2027-01-01", "2027-12-31", FollowUpFrequency::monthly).size(), 11u);  // Feb to Dec
  EXPECT_EQ(due_dates("2027-01-01", "2030-01-01", FollowUpFrequency::yearly).size(), 3u);
  EXPECT_EQ(due_dates("2027-01-01", "2028-01-01", FollowUpFrequency::every_n_months, 4),
            (std::vector<std::string>{"2027-05-01", "2027-09-01", "2028-01-01"}));
  EXPECT_TRUE(due_dates("2027-01-01", "2030-01-01", FollowUpFrequency::on_event).empty());
  EXPECT_TRUE(due_dates("2027-01-01", "2030-01-01", FollowUpFrequency::every_n_months, 0).empty());
  EXPECT_EQ(next_due("2026-11-30", "2027-11-30", FollowUpFrequency::quarterly, "2027-03-01"), "2027-05-30");
  EXPECT_FALSE(next_due("2026-11-30", "2027-11-30", FollowUpFrequency::quarterly, "2027-12-01"));
}

TEST(FollowUp, DaysAreAddedOverMonthAndYearEndsAndLeapDays) {
  EXPECT_EQ(add_days("2027-12-25", 14), "2028-01-08");
  EXPECT_EQ(add_days("2028-02-20", 14), "2028-03-05");  // 29 February counted
  EXPECT_EQ(add_days("2027-02-20", 14), "2027-03-06");
  EXPECT_EQ(add_days("2027-03-01", -1), "2027-02-28");
  EXPECT_FALSE(add_days("2027-02-29", 1));
}

TEST(FollowUp, TheNextDueDateIsTheFirstOfTheScheduleOnOrAfterTheDay) {
  // next_due goes straight to the period of the day asked; it must agree with the whole schedule.
  const FollowUpFrequency frequencies[] = {FollowUpFrequency::monthly, FollowUpFrequency::quarterly,
                                           FollowUpFrequency::half_yearly, FollowUpFrequency::yearly,
                                           FollowUpFrequency::every_n_months};
  const char* starts[] = {"2026-01-31", "2026-02-28", "2024-02-29", "2026-11-30", "2027-06-15"};
  const char* days[] = {"2020-01-01", "2026-01-31", "2026-03-01", "2026-12-31", "2027-02-28",
                        "2027-03-01", "2028-02-29", "2029-08-30", "2031-01-01"};
  for (auto f : frequencies)
    for (const char* start : starts)
      for (const char* day : days) {
        std::optional<std::string> expected;
        for (const auto& d : due_dates(start, "2030-06-30", f, 5))
          if (d >= day) {
            expected = d;
            break;
          }
        EXPECT_EQ(next_due(start, "2030-06-30", f, day, 5), expected) << start << " " << day << " " << to_string(f);
      }
}
