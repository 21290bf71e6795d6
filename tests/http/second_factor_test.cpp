// The second factor of local accounts (RFC 6238): set up with a first code, asked for after the
// password, each code accepted once, wrong codes locking the account like wrong passwords, and
// removed by the administrator when a phone is lost.
#include "browser.hpp"
#include "io/totp.hpp"

#include <chrono>

using namespace kkt;

namespace {
std::int64_t step_now() {
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return now / kk::io::totp_step_seconds;
}

std::string code_at(const std::string& base32, std::int64_t step) {
  return kk::io::totp_code(*kk::io::base32_decode(base32), step);
}

Response post_form(const std::string& path, const std::string& body) {
  return anonymous().send("POST", path, body, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

Response password(const User& u) {
  return post_form("/login", "username=" + url_encode(u.username) + "&password=" + url_encode(kTestPassword) + "&next=%2Fcases");
}

std::string challenge_of(const Response& r) {
  auto at = r.body.find("name=\"challenge\" value=\"");
  if (at == std::string::npos) return {};
  at += std::string("name=\"challenge\" value=\"").size();
  return r.body.substr(at, r.body.find('"', at) - at);
}

Response code(const std::string& challenge, const std::string& value) {
  return post_form("/login/code", "challenge=" + url_encode(challenge) + "&code=" + url_encode(value) + "&next=%2Fcases");
}
}  // namespace

TEST(SecondFactor, OnceConfirmedTheSignInAsksForACodeAfterThePasswordAndTakesEachCodeOnce) {
  Org org("totp");
  User anna = org.user({"procurer"});
  Api as = api(anna);
  User admin_user = org.user({"admin"});
  Api admin = api(admin_user);
  json off = expect_json(as.get("/api/v1/me/second-factor"), 200, "status");
  EXPECT_EQ(off["enabled"], false);

  json started = expect_json(as.post("/api/v1/me/second-factor", json::object()), 201, "start");
  std::string secret = started["secret"];
  EXPECT_EQ(started["pending"], true);
  EXPECT_EQ(started["uri"].get<std::string>().rfind("otpauth://totp/Kravkedja:" + anna.username + "?secret=" + secret, 0), 0u)
      << started["uri"];
  // Not on before a first code: the password alone still signs in.
  EXPECT_EQ(password(anna).status, 303);
  EXPECT_TRUE(is_error(as.post("/api/v1/me/second-factor/confirmation", {{"code", "12345"}}), 422, "error.totp_wrong", "code"));
  std::int64_t step = step_now();
  json on = expect_json(as.post("/api/v1/me/second-factor/confirmation", {{"code", code_at(secret, step)}}), 200, "confirm");
  EXPECT_EQ(on["enabled"], true);
  EXPECT_FALSE(on.contains("secret")) << "the secret is not shown once it is in force";
  EXPECT_TRUE(is_error(as.post("/api/v1/me/second-factor", json::object()), 409, "error.totp_enabled"));

  // The password is right: the code is asked for, and there is no session yet.
  Response first = password(anna);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_NE(first.body.find("autocomplete=\"one-time-code\""), std::string::npos);
  EXPECT_TRUE(first.header("set-cookie").empty()) << first.header("set-cookie");
  std::string challenge = challenge_of(first);
  ASSERT_FALSE(challenge.empty());
  Response wrong = code(challenge, "12345");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("Koden stämmer inte"), std::string::npos);
  // The code already used to switch it on is not taken again; the next one is.
  EXPECT_EQ(code(challenge, code_at(secret, step)).status, 401);
  std::string next_code = code_at(secret, step + 1);
  Response in = code(challenge, next_code);
  ASSERT_EQ(in.status, 303) << in.body;
  EXPECT_EQ(in.header("location"), "/cases");
  EXPECT_NE(in.header("set-cookie").find("kk_session="), std::string::npos);
  // Used: neither the code nor the challenge works again.
  EXPECT_EQ(code(challenge, next_code).status, 401);
  EXPECT_EQ(code(challenge_of(password(anna)), next_code).status, 401);

  // Switching off needs a code that has not been used.
  EXPECT_TRUE(is_error(as.del("/api/v1/me/second-factor", {{"code", next_code}}), 422, "error.totp_wrong", "code"));
  json items = audit_items(admin);
  EXPECT_TRUE(find_by(items, "action", "user.second_factor_enabled").is_object());
  json failed = find_by(items, "action", "auth.sign_in_failed");
  ASSERT_TRUE(failed.is_object());
  EXPECT_EQ(failed["after"]["reason"], "code");
  for (const auto& e : items) EXPECT_EQ(e.dump().find(secret), std::string::npos) << "the secret is never in the log";

  // A lost phone: the administrator removes it, and the password alone signs in again.
  expect_json(admin.del("/api/v1/users/" + anna.id + "/second-factor"), 200, "reset");
  EXPECT_EQ(expect_json(as.get("/api/v1/me/second-factor"), 200, "after reset")["enabled"], false);
  EXPECT_EQ(password(anna).status, 303);
  EXPECT_TRUE(is_error(api(anna).del("/api/v1/users/" + admin_user.id + "/second-factor"), 403));
}

TEST(SecondFactor, WrongCodesLockTheAccountLikeWrongPasswords) {
  Org org("totp-lock");
  User bo = org.user({"reader"});
  Api as = api(bo);
  std::string secret = expect_json(as.post("/api/v1/me/second-factor", json::object()), 201, "start")["secret"];
  std::int64_t step = step_now();
  expect_json(as.post("/api/v1/me/second-factor/confirmation", {{"code", code_at(secret, step)}}), 200, "confirm");
  std::string challenge = challenge_of(password(bo));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(code(challenge, "1234" + std::to_string(i)).status, 401) << i;  // five digits: never right
  // Locked now: even the right code is refused, and so is the password.
  EXPECT_EQ(code(challenge, code_at(secret, step + 1)).status, 429);
  EXPECT_EQ(password(bo).status, 429);
}

TEST(SecondFactor, APersonTurnsItOnFromTheirAccountPage) {
  Org org("totp-page");
  User cilla = org.user({"ciso"});
  Browser b;
  b.sign_in(cilla.username, kTestPassword);
  Response account = b.get("/account");
  ASSERT_EQ(account.status, 200);
  EXPECT_NE(account.body.find(cilla.display_name), std::string::npos);
  EXPECT_NE(account.body.find("Slå på tvåstegsverifiering"), std::string::npos);
  EXPECT_NE(b.get("/cases").body.find("href=\"/account\""), std::string::npos) << "the header leads to the account page";

  ASSERT_EQ(b.post("/account/second-factor", {}).status, 303);
  Response shown = b.get("/account");
  std::string secret = first_match(shown.body, "<code class=\"secret\">([A-Z2-7]+)</code>");
  ASSERT_FALSE(secret.empty()) << shown.body;
  EXPECT_NE(shown.body.find("href=\"otpauth://totp/Kravkedja:"), std::string::npos);
  Response wrong = b.post("/account/second-factor/confirmation", {{"code", "12345"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("aria-describedby=\"code-error\""), std::string::npos) << "the error is tied to the field";
  ASSERT_EQ(b.post("/account/second-factor/confirmation", {{"code", code_at(secret, step_now())}}).status, 303);
  EXPECT_NE(b.get("/account").body.find("Tvåstegsverifieringen är påslagen."), std::string::npos);
  EXPECT_EQ(password(cilla).status, 200) << "the next sign-in asks for the code";
}
