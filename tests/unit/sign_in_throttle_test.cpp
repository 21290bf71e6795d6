#include <gtest/gtest.h>

#include "domain/deadline.hpp"
#include "domain/sign_in_throttle.hpp"

using namespace kk::domain;

TEST(SignInThrottle, TheFifthFailureWithinTheWindowLocksForFifteenMinutes) {
  ThrottleState s;
  std::string t0 = "2026-11-22T10:00:00Z";
  for (int i = 0; i < 4; ++i) {
    s = after_failure(s, *add_seconds(t0, i * 60), account_throttle);
    EXPECT_FALSE(throttle_locked(s, *add_seconds(t0, i * 60)));
  }
  s = after_failure(s, "2026-11-22T10:05:00Z", account_throttle);
  EXPECT_TRUE(throttle_locked(s, "2026-11-22T10:05:00Z"));
  EXPECT_TRUE(throttle_locked(s, "2026-11-22T10:19:59Z"));
  EXPECT_FALSE(throttle_locked(s, "2026-11-22T10:20:00Z"));
}

TEST(SignInThrottle, FailuresSpreadOverMoreThanTheWindowNeverLock) {
  ThrottleState s;
  for (int i = 0; i < 20; ++i) {
    std::string now = *add_seconds("2026-11-22T10:00:00Z", i * 1000);  // one every 16 minutes
    s = after_failure(s, now, account_throttle);
    EXPECT_FALSE(throttle_locked(s, now)) << i;
  }
  EXPECT_EQ(s.failures, 1);
}

TEST(SignInThrottle, AnAddressTakesTwentyFailures) {
  ThrottleState s;
  for (int i = 0; i < 19; ++i) s = after_failure(s, "2026-11-22T10:00:00Z", address_throttle);
  EXPECT_FALSE(throttle_locked(s, "2026-11-22T10:00:00Z"));
  s = after_failure(s, "2026-11-22T10:00:01Z", address_throttle);
  EXPECT_TRUE(throttle_locked(s, "2026-11-22T10:00:01Z"));
  EXPECT_EQ(add_seconds("2026-12-31T23:59:30Z", 45), "2027-01-01T00:00:15Z");
  EXPECT_FALSE(add_seconds("2026-11-22 10:00", 1));
}
