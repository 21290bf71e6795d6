// Single sign-on against a real OpenID provider: the certified `oidc-provider` package from npm,
// run by node on loopback (tests/oidc/provider.mjs). The test walks as a browser does — following
// redirects between Kravkedja and the provider, keeping each one's cookies — through the
// authorization code flow with PKCE, and checks who comes back with which roles, and who does not.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <thread>

#include "browser.hpp"

using namespace kkt;

namespace {

// node tests/oidc/provider.mjs PORT REDIRECT_URI, stopped when the test ends.
class Provider {
 public:
  Provider() : port_(free_port()) {
    std::string script = std::string(KK_SOURCE_DIR) + "/tests/oidc/provider.mjs";
    std::string port = std::to_string(port_);
    std::string redirect = "http://127.0.0.1:" + std::to_string(server_port()) + "/login/sso-callback";
    std::string log = config().temp_dir + "/oidc-provider.log";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      FILE* out = std::freopen(log.c_str(), "a", stdout);
      (void)out;
      ::dup2(::fileno(stdout), 2);
      ::execlp("node", "node", script.c_str(), port.c_str(), redirect.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // node's first start loads the provider's modules from disk; with the browser journeys running
    // beside this suite on two cores that has taken over ten seconds. Up to a minute is waited,
    // and not at all once node has ended.
    for (int i = 0; i < 600; ++i) {
      try {
        if (get("/.well-known/openid-configuration").status == 200) return;
      } catch (const std::exception&) {
      }
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("the OpenID provider did not start; see " + log +
                             " (node and `npm ci` are installed by scripts/install-deps.sh)");
  }
  ~Provider() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  std::string issuer() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Who signs in at the provider next.
  void next_account(const std::string& id) const { EXPECT_EQ(get("/test/next-account?id=" + id).status, 200); }

 private:
  Response get(const std::string& path) const { return HttpClient("127.0.0.1", port_).request("GET", path); }
  int port_;
  pid_t pid_ = -1;
};

// A browser reduced to what the flow needs: absolute and relative redirects across the two
// servers on 127.0.0.1, and cookies by name and path (as browsers do, not by port).
class Walker {
 public:
  struct Step {
    Response response;
    std::string url;  // where it was answered
  };
  // GETs `url` (absolute, or a path on Kravkedja) and follows redirects until an answer that is
  // not one, or until the next address contains `stop_at` (then `url` is that address, unvisited).
  Step walk(std::string url, const std::string& stop_at = {}) {
    for (int hop = 0; hop < 15; ++hop) {
      Response r = get(url);
      if (r.status < 300 || r.status >= 400) return {r, url};
      std::string next = r.header("location");
      url = next.rfind("http://", 0) == 0 || next[0] != '/' ? next : origin_of(url) + next;
      if (!stop_at.empty() && url.find(stop_at) != std::string::npos) return {r, url};
    }
    throw std::runtime_error("too many redirects at " + url);
  }
  // One GET without following.
  Response get(const std::string& url) {
    std::string absolute = url.rfind("http://", 0) == 0 ? url : "http://127.0.0.1:" + std::to_string(server_port()) + url;
    std::string rest = absolute.substr(std::string("http://127.0.0.1:").size());
    int port = std::stoi(rest.substr(0, rest.find('/')));
    std::string target = rest.substr(rest.find('/'));
    Headers headers;
    std::string cookie = cookies_for(target);
    if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    Response r = HttpClient("127.0.0.1", port).request("GET", target, "", headers);
    keep_cookies(r);
    return r;
  }
  bool has_cookie(const std::string& name) const { return jar_.count(name) > 0; }
  void drop_cookie(const std::string& name) { jar_.erase(name); }

 private:
  static std::string origin_of(const std::string& url) {
    if (url.rfind("http://", 0) != 0) return "http://127.0.0.1:" + std::to_string(server_port());
    return url.substr(0, url.find('/', 7));
  }
  std::string cookies_for(const std::string& target) const {
    std::string path = target.substr(0, target.find('?')), out;
    for (const auto& [name, c] : jar_)
      if (path.rfind(c.second, 0) == 0) out += (out.empty() ? "" : "; ") + name + "=" + c.first;
    return out;
  }
  void keep_cookies(const Response& r) {
    auto [begin, end] = r.headers.equal_range("set-cookie");
    for (auto it = begin; it != end; ++it) {
      const std::string& line = it->second;
      std::string pair = line.substr(0, line.find(';'));
      std::string name = pair.substr(0, pair.find('=')), value = pair.substr(pair.find('=') + 1);
      std::string path = first_attribute(line, "path=");
      bool gone = line.find("Max-Age=0") != std::string::npos || line.find("max-age=0") != std::string::npos ||
                  line.find("expires=Thu, 01 Jan 1970") != std::string::npos;
      if (gone || value.empty()) jar_.erase(name);
      else jar_[name] = {value, path.empty() ? "/" : path};
    }
  }
  static std::string first_attribute(const std::string& line, const std::string& key) {
    std::string lower = line;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto at = lower.find("; " + key);
    if (at == std::string::npos) return {};
    auto start = at + 2 + key.size();
    return line.substr(start, line.find(';', start) - start);
  }
  std::map<std::string, std::pair<std::string, std::string>> jar_;  // name -> value, path
};

json sign_on_body(const Provider& p, std::int64_t version, const json& role_map) {
  return {{"version", version},
          {"name", "Kommunens inloggning"},
          {"issuer_url", p.issuer()},
          {"client_id", "kravkedja"},
          {"client_secret", "klienthemlighet-for-testet"},
          {"scopes", "openid profile email roles"},
          {"role_claim", "roles"},
          {"role_map", role_map},
          {"enabled", true}};
}

// Configures the organisation's provider and returns the sign-in link of its button.
std::string configure(const Api& admin, const Provider& p, const json& role_map) {
  json current = expect_json(admin.get("/api/v1/organisation/sign-on"), 200, "sign-on settings");
  json saved = expect_json(admin.put("/api/v1/organisation/sign-on", sign_on_body(p, current["version"], role_map)), 200,
                           "save sign-on");
  EXPECT_EQ(saved["redirect_uri"], "http://127.0.0.1:" + std::to_string(server_port()) + "/login/sso-callback");
  return "/login/sso/" + str(saved["provider_id"]);
}

json me_with_session(Walker& w) {
  Response me = w.get("/api/v1/me");
  return expect_json(me, 200, "GET /api/v1/me with the session");
}

}  // namespace

TEST(SignOn, PeopleSignInThroughTheirOrganisationsProviderWithTheRolesTheirClaimsMapTo) {
  Provider provider;
  Org org("sso");
  Api admin = api(org.user({"admin"}));
  std::string link = configure(admin, provider, {{"kk-upphandlare", {"procurer"}}, {"kk-granskare", {"reader"}}});

  // The sign-in page offers the organisation's provider beside the password form.
  Walker browser;
  Response login = browser.get("/login");
  EXPECT_NE(login.body.find("Logga in med Kommunens inloggning"), std::string::npos) << login.body;
  EXPECT_NE(login.body.find("href=\"" + link + "?next="), std::string::npos);
  // The page to come back to travels whole, its own query included.
  Response deep = browser.get("/login?next=%2Fcases%3Fstatus%3Dopen%26sort%3Dtitle");
  EXPECT_NE(deep.body.find("?next=%2Fcases%3Fstatus%3Dopen%26sort%3Dtitle\""), std::string::npos) << deep.body;

  provider.next_account("anna");
  auto landed = browser.walk(link + "?next=/cases");
  ASSERT_EQ(landed.response.status, 200) << landed.url << "\n" << landed.response.body;
  EXPECT_EQ(landed.url.find("http://127.0.0.1:" + std::to_string(server_port()) + "/login/sso-callback?"), 0u) << landed.url;
  // The way back moves on by itself to the page asked for, with the session set.
  EXPECT_NE(landed.response.body.find("<meta http-equiv=\"refresh\" content=\"0; url=/cases\">"), std::string::npos);
  EXPECT_TRUE(browser.has_cookie("kk_session"));
  EXPECT_FALSE(browser.has_cookie("kk_sso")) << "the sign-in's own cookie is cleared on the way back";
  Response cases = browser.get("/cases");
  EXPECT_EQ(cases.status, 200);
  EXPECT_NE(cases.body.find("Anna Andersson"), std::string::npos);

  json me = me_with_session(browser);
  EXPECT_EQ(me["user"]["username"], "anna.andersson");
  EXPECT_EQ(me["user"]["email"], "anna.andersson@kommun.example");
  EXPECT_EQ(me["user"]["roles"], json::array({"procurer", "reader"}));
  json items = audit_items(admin);
  json sign_in = find_by(items, "action", "auth.sign_in");
  ASSERT_TRUE(sign_in.is_object()) << items.dump();
  EXPECT_EQ(sign_in["after"]["method"], "sso");
  json created = find_by(items, "action", "user.create");
  ASSERT_TRUE(created.is_object());
  EXPECT_EQ(created["after"]["via"], "sso");

  // The provider decides the roles: a change in the mapping shows at the next sign-in, on the
  // same account.
  configure(admin, provider, {{"kk-upphandlare", {"procurer"}}, {"kk-granskare", {"ciso"}}});
  Walker again;
  ASSERT_EQ(again.walk(link + "?next=/").response.status, 200);
  json me_again = me_with_session(again);
  EXPECT_EQ(me_again["user"]["id"], me["user"]["id"]);
  EXPECT_EQ(me_again["user"]["roles"], json::array({"ciso", "procurer"}));
  EXPECT_TRUE(find_by(audit_items(admin), "action", "user.update").is_object());
  // Such an account has no password of its own.
  Response by_password = anonymous().send("POST", "/login", "username=anna.andersson&password=" + std::string(kTestPassword),
                                          {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(by_password.status, 401);
}

TEST(SignOn, SomeoneWhoseClaimsMapToNoRoleIsTurnedAwayAndNoAccountIsMade) {
  Provider provider;
  Org org("sso-norole");
  Api admin = api(org.user({"admin"}));
  std::string link = configure(admin, provider, {{"kk-upphandlare", {"procurer"}}});
  provider.next_account("bo");
  Walker browser;
  auto landed = browser.walk(link);
  EXPECT_EQ(landed.response.status, 403);
  EXPECT_NE(landed.response.body.find("kan inte logga in i Kravkedja"), std::string::npos) << landed.response.body;
  EXPECT_FALSE(browser.has_cookie("kk_session"));
  json users = expect_json(admin.get("/api/v1/users"), 200, "users")["items"];
  EXPECT_TRUE(find_by(users, "email", "bo.berg@kommun.example").is_null());
  json failed = find_by(audit_items(admin), "action", "auth.sign_in_failed");
  ASSERT_TRUE(failed.is_object());
  EXPECT_EQ(failed["after"]["reason"], "no role");
  EXPECT_EQ(failed["after"]["subject"], "bo.berg@kommun.example");
}

TEST(SignOn, TheWayBackIsAcceptedOnceAndOnlyInTheBrowserTheSignInStartedIn) {
  Provider provider;
  Org org("sso-state");
  Api admin = api(org.user({"admin"}));
  std::string link = configure(admin, provider, {{"kk-upphandlare", {"procurer"}}});
  provider.next_account("anna");

  // Stop where the provider sends the browser back, and go back from another browser.
  Walker started;
  Response out = started.get(link);
  ASSERT_EQ(out.status, 303);
  EXPECT_TRUE(started.has_cookie("kk_sso"));
  std::string authorize = out.header("location");
  EXPECT_NE(authorize.find("code_challenge_method=S256"), std::string::npos) << authorize;
  EXPECT_NE(authorize.find("&nonce="), std::string::npos);
  auto at_provider = started.walk(authorize, "/login/sso-callback?");
  std::string url = at_provider.url;
  ASSERT_NE(url.find("/login/sso-callback?"), std::string::npos) << at_provider.response.body;
  Walker elsewhere;
  Response stolen = elsewhere.get(url);
  EXPECT_EQ(stolen.status, 401);
  EXPECT_NE(stolen.body.find("påbörjades i en annan webbläsare"), std::string::npos) << stolen.body;
  // The attempt is used up, even in the right browser.
  Response late = started.get(url);
  EXPECT_EQ(late.status, 401);
  EXPECT_FALSE(started.has_cookie("kk_session"));

  // A state never handed out, and the provider reporting that the person stopped.
  Walker other;
  EXPECT_EQ(other.get("/login/sso-callback?state=hittepa&code=x").status, 401);
  Response stopped = other.get("/login/sso-callback?error=access_denied");
  EXPECT_EQ(stopped.status, 401);
  EXPECT_NE(stopped.body.find("avbröts"), std::string::npos);
}

TEST(SignOn, TheSettingsAreTheAdministratorsCheckedAndTheSecretIsNeverShown) {
  Provider provider;
  Org org("sso-settings");
  Api admin = api(org.user({"admin"}));
  Api ciso = api(org.user({"ciso"}));
  EXPECT_TRUE(is_error(ciso.get("/api/v1/organisation/sign-on"), 403));
  EXPECT_TRUE(is_error(ciso.put("/api/v1/organisation/sign-on", sign_on_body(provider, 0, json::object())), 403));

  json body = sign_on_body(provider, 0, {{"kk-upphandlare", {"inköpare"}}});
  EXPECT_TRUE(is_error(admin.put("/api/v1/organisation/sign-on", body), 422, "error.unknown_value", "role_map.kk-upphandlare"));
  body = sign_on_body(provider, 0, json::object());
  body["issuer_url"] = "http://idp.example.se";
  EXPECT_TRUE(is_error(admin.put("/api/v1/organisation/sign-on", body), 422, "error.sso_issuer", "issuer_url"));
  body = sign_on_body(provider, 0, json::object());
  body.erase("client_secret");
  EXPECT_TRUE(is_error(admin.put("/api/v1/organisation/sign-on", body), 422, "error.required", "client_secret"));
  body = sign_on_body(provider, 0, json::object());
  body["scopes"] = "profile email";
  EXPECT_TRUE(is_error(admin.put("/api/v1/organisation/sign-on", body), 422, "error.sso_scopes", "scopes"));

  configure(admin, provider, json::object());
  json shown = expect_json(admin.get("/api/v1/organisation/sign-on"), 200, "settings");
  EXPECT_EQ(shown["client_secret_set"], true);
  EXPECT_EQ(shown.dump().find("klienthemlighet-for-testet"), std::string::npos) << shown.dump();
  // Saving without the secret keeps it; the audit log says it changed, never what it is.
  json keep = sign_on_body(provider, shown["version"], json::object());
  keep.erase("client_secret");
  keep["name"] = "Regionens inloggning";
  expect_json(admin.put("/api/v1/organisation/sign-on", keep), 200, "rename");
  EXPECT_EQ(expect_json(admin.get("/api/v1/organisation/sign-on"), 200, "again")["client_secret_set"], true);
  for (const auto& e : audit_items(admin)) EXPECT_EQ(e.dump().find("klienthemlighet-for-testet"), std::string::npos);
  // A stale version is refused with the current state.
  EXPECT_TRUE(is_error(admin.put("/api/v1/organisation/sign-on", keep), 409, "error.stale_version"));
}

TEST(SignOn, TheAdministratorSetsItUpOnAPageWithTheRoleMappingOneLinePerValue) {
  Provider provider;
  Org org("sso-page");
  User admin_user = org.user({"admin"});
  Browser b;
  b.sign_in(admin_user.username, kTestPassword);
  Response page = b.get("/admin/sign-on");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("/login/sso-callback</code>"), std::string::npos) << "the redirect address to register";
  std::string version = first_match(page.body, "name=\"version\" value=\"([0-9]+)\"");

  // A line without "=" is named by its number, and nothing is saved.
  Fields fields{{"version", version},         {"enabled", "true"},
                {"name", "Kommunens inloggning"}, {"issuer_url", provider.issuer()},
                {"client_id", "kravkedja"},   {"client_secret", "klienthemlighet-for-testet"},
                {"scopes", "openid profile email roles"}, {"role_claim", "roles"},
                {"role_map", "kk-upphandlare = procurer, reader\nkk-granskare"}};
  Response bad = b.post("/admin/sign-on", fields);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("rad 2"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("kk-upphandlare = procurer, reader"), std::string::npos) << "what was typed is kept";
  EXPECT_EQ(expect_json(api(admin_user).get("/api/v1/organisation/sign-on"), 200, "settings")["configured"], false);

  fields.back().second = "kk-upphandlare = procurer, reader\n\nkk-granskare = ciso\n";
  ASSERT_EQ(b.post("/admin/sign-on", fields).status, 303);
  json saved = expect_json(api(admin_user).get("/api/v1/organisation/sign-on"), 200, "settings");
  EXPECT_EQ(saved["role_map"], json({{"kk-upphandlare", {"procurer", "reader"}}, {"kk-granskare", {"ciso"}}}));
  EXPECT_EQ(saved["enabled"], true);
  Response again = b.get("/admin/sign-on?saved=1");
  EXPECT_NE(again.body.find("kk-granskare = ciso"), std::string::npos);
  EXPECT_EQ(again.body.find("klienthemlighet-for-testet"), std::string::npos) << "the secret never comes back";
}
