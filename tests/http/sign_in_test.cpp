// Sign-in throttling as a person meets it: five wrong passwords lock the account for a quarter
// of an hour, during which even the right password is refused with 429 and a message that says
// what to do; other accounts from the same address still sign in.
#include "api_helpers.hpp"
#include "browser.hpp"

namespace kkt {
namespace {

TEST(SignIn, FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne) {
  Org org("sign-in-throttle");
  User target = org.user({"reader"});
  User colleague = org.user({"reader"});
  Browser b;
  for (int i = 0; i < 5; ++i) {
    auto wrong = b.post("/login", {{"username", target.username}, {"password", "gissning-nummer-" + std::to_string(i)}}, false);
    EXPECT_EQ(wrong.status, 401) << i;
  }
  auto locked = b.post("/login", {{"username", target.username}, {"password", kTestPassword}}, false);
  EXPECT_EQ(locked.status, 429);
  EXPECT_TRUE(has(locked, "För många misslyckade inloggningar")) << locked.body;
  EXPECT_TRUE(locked.header("set-cookie").empty()) << "no session while locked";
  // The lock is the account's: a colleague at the same address signs in.
  Browser other;
  EXPECT_EQ(other.sign_in(colleague.username, kTestPassword), "/todo");
}

TEST(SignIn, ASessionUnusedForHalfAnHourEnds) {
  Org org("sign-in-idle");
  User u = org.user({"reader"});
  Browser b;
  EXPECT_EQ(b.sign_in(u.username, kTestPassword), "/todo");
  EXPECT_EQ(b.get("/cases").status, 200);
  // Its last use pushed back 31 minutes, as if the person had left the desk.
  run_sql("UPDATE sessions SET last_seen = '" + utc_in(-31 * 60) + "' WHERE user_id = '" + u.id + "'");
  auto after = b.get("/cases");
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(after.header("location").rfind("/login", 0), 0u) << after.header("location");
  // Used within the half hour, it goes on.
  EXPECT_EQ(b.sign_in(u.username, kTestPassword), "/todo");
  run_sql("UPDATE sessions SET last_seen = '" + utc_in(-29 * 60) + "' WHERE user_id = '" + u.id + "'");
  EXPECT_EQ(b.get("/cases").status, 200);
}

}  // namespace
}  // namespace kkt
