// The command line as an operator uses it: clear Swedish errors and nothing written.
#include "api_helpers.hpp"

namespace kkt {

TEST(Cli, VersionAndHelpAnswer) {
  auto version = run_kravkedja({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("kravkedja "), std::string::npos);
  auto help = run_kravkedja({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* command : {"serve", "migrate", "user", "token"}) EXPECT_NE(help.out.find(command), std::string::npos);
}

TEST(Cli, ShortPasswordIsRefusedNamingTheRuleAndCreatesNoUser) {
  std::string name = unique_name("kort");
  auto r = run_kravkedja({"user", "add", name, "--role", "reader", "--org", unique_name("org-cli"), "--password-stdin",
                          "--db", config().db_url},
                         "kort\n");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("Lösenordet måste ha minst 12 tecken."), std::string::npos) << r.err;
  auto token = run_kravkedja({"token", "create", name, "--db", config().db_url});
  EXPECT_NE(token.exit_code, 0);
  EXPECT_NE(token.err.find("användaren finns inte"), std::string::npos) << token.err;
}

TEST(Cli, UnknownRoleIsRefusedNamingTheValue) {
  auto r = run_kravkedja({"user", "add", unique_name("roll"), "--role", "chef", "--password-stdin", "--db",
                          config().db_url},
                         "ett-tillräckligt-långt-lösenord\n");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("chef"), std::string::npos) << r.err;
}

TEST(Cli, UserWithSeveralRolesGetsATokenActingWithThoseRoles) {
  Org org("cli-roles");
  User u = org.user({"procurer", "legal"});
  json me = expect_json(api(u).get("/api/v1/me"), 200, "me");
  auto roles = me["user"]["roles"];
  EXPECT_EQ(roles.size(), 2u);
  EXPECT_NE(std::find(roles.begin(), roles.end(), "legal"), roles.end());
  EXPECT_EQ(me["organisation"]["name"], org.name());
}

TEST(Cli, ExpiredOrUnknownTokensAreRefused) {
  EXPECT_EQ(Api("kk_not-a-real-token").get("/api/v1/me").status, 401);
}

TEST(Cli, BadDatabaseUrlIsAClearError) {
  auto r = run_kravkedja({"migrate", "--db", "mysql://nowhere"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("sqlite:"), std::string::npos) << r.err;
}

}  // namespace kkt
