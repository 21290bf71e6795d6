// Administration: users, passwords, the organisation's settings and the audit log,
// all reserved for the admin role.
#include <set>

#include "api_helpers.hpp"

using namespace kkt;

namespace {

std::set<std::string> roles_of(const json& user) {
  std::set<std::string> roles;
  for (const auto& r : user.at("roles")) roles.insert(r.get<std::string>());
  return roles;
}

}  // namespace

TEST(Accounts, AdminListsTheUsersOfItsOrganisation) {
  Org org("acc-list");
  User admin = org.user({"admin"});
  User procurer = org.user({"procurer", "legal"});
  json list = expect_json(api(admin).get("/api/v1/users"), 200, "GET /api/v1/users");
  ASSERT_EQ(list["items"].size(), 2u) << list.dump();
  json p = find_by(list["items"], "id", procurer.id);
  ASSERT_FALSE(p.is_null()) << list.dump();
  EXPECT_EQ(p["username"], procurer.username);
  EXPECT_EQ(p["display_name"], procurer.display_name);
  EXPECT_EQ(roles_of(p), (std::set<std::string>{"procurer", "legal"}));
  EXPECT_TRUE(p["version"].is_number_integer());
  EXPECT_TRUE(has_id(list["items"], admin.id));
}

TEST(Accounts, AdminCreatesAUserWithAGeneratedPassword) {
  Org org("acc-create");
  Api admin = api(org.user({"admin"}));
  std::string username = unique_name("karin");
  json u = expect_json(admin.post("/api/v1/users", {{"username", username},
                                                    {"display_name", "Karin Lindqvist"},
                                                    {"roles", {"procurer", "information_owner"}}}),
                       201, "POST /api/v1/users");
  EXPECT_TRUE(u["id"].is_string());
  EXPECT_EQ(u["username"], username);
  EXPECT_EQ(u["display_name"], "Karin Lindqvist");
  EXPECT_EQ(roles_of(u), (std::set<std::string>{"procurer", "information_owner"}));
  ASSERT_TRUE(u["initial_password"].is_string()) << u.dump();
  EXPECT_GE(str(u["initial_password"]).size(), 12u);

  json directory = expect_json(admin.get("/api/v1/directory"), 200, "GET /api/v1/directory");
  json entry = find_by(directory["items"], "id", u["id"]);
  ASSERT_FALSE(entry.is_null()) << directory.dump();
  EXPECT_EQ(entry["display_name"], "Karin Lindqvist");
  EXPECT_EQ(roles_of(entry), (std::set<std::string>{"procurer", "information_owner"}));

  json newest = audit_items(admin, 1);
  ASSERT_EQ(newest.size(), 1u);
  EXPECT_EQ(newest[0]["object_id"], u["id"]) << "creating a user is audited: " << newest.dump();
  EXPECT_TRUE(newest[0]["before"].is_null());

  json with_password = expect_json(admin.post("/api/v1/users", {{"username", unique_name("olof")},
                                                                {"display_name", "Olof Berg"},
                                                                {"roles", {"reader"}},
                                                                {"password", "ett-långt-lösenord-42"}}),
                                   201, "POST /api/v1/users with a password");
  EXPECT_EQ(roles_of(with_password), std::set<std::string>{"reader"});

  EXPECT_TRUE(is_error(admin.post("/api/v1/users", {{"username", unique_name("x")}, {"display_name", "X"}, {"roles", {"emperor"}}}),
                       422));
}

TEST(Accounts, AdminUpdatesAUserWithAVersionCheck) {
  Org org("acc-update");
  Api admin = api(org.user({"admin"}));
  User target = org.user({"reader"});
  json list = expect_json(admin.get("/api/v1/users"), 200, "users");
  json u = find_by(list["items"], "id", target.id);
  int v = u["version"];
  std::string path = "/api/v1/users/" + url_encode(target.id);

  json changed = expect_json(
      admin.patch(path, {{"version", v}, {"display_name", "Eva Ek"}, {"roles", {"reader", "security_officer"}}}), 200,
      "PATCH user");
  EXPECT_EQ(changed["version"], v + 1);
  EXPECT_EQ(changed["display_name"], "Eva Ek");
  EXPECT_EQ(roles_of(changed), (std::set<std::string>{"reader", "security_officer"}));

  EXPECT_TRUE(is_error(admin.patch(path, {{"version", v}, {"display_name", "Gammal"}}), 409));
  json me = expect_json(api(target).get("/api/v1/me"), 200, "me after edit");
  EXPECT_EQ(me["user"]["display_name"], "Eva Ek");

  json inactive = expect_json(admin.patch(path, {{"version", v + 1}, {"active", false}}), 200, "deactivate");
  EXPECT_EQ(inactive["active"], false);
  EXPECT_EQ(inactive["version"], v + 2);
}

TEST(Accounts, ResetPasswordGivesANewPasswordOnce) {
  Org org("acc-reset");
  Api admin = api(org.user({"admin"}));
  User target = org.user({"procurer"});
  std::string path = "/api/v1/users/" + url_encode(target.id) + "/reset-password";
  json first = expect_json(admin.post(path, json::object()), 200, "reset");
  ASSERT_TRUE(first["new_password"].is_string()) << first.dump();
  EXPECT_GE(str(first["new_password"]).size(), 12u);
  json second = expect_json(admin.post(path, json::object()), 200, "reset again");
  EXPECT_NE(second["new_password"], first["new_password"]);
}

TEST(Accounts, OnlyAdminsAdministerUsersOrganisationAndAudit) {
  Org org("acc-forbidden");
  Api admin = api(org.user({"admin"}));
  User ciso = org.user({"ciso", "procurer", "information_owner", "contract_manager"});
  Api as = api(ciso);
  json organisation = expect_json(as.get("/api/v1/organisation"), 200, "GET organisation (any user)");

  EXPECT_TRUE(is_error(as.get("/api/v1/users"), 403));
  EXPECT_TRUE(is_error(as.post("/api/v1/users", {{"username", unique_name("mallory")}, {"display_name", "M"}, {"roles", {"admin"}}}),
                       403));
  EXPECT_TRUE(is_error(as.patch("/api/v1/users/" + url_encode(ciso.id), {{"version", 1}, {"roles", {"admin"}}}), 403));
  EXPECT_TRUE(is_error(as.post("/api/v1/users/" + url_encode(ciso.id) + "/reset-password", json::object()), 403));
  EXPECT_TRUE(is_error(as.patch("/api/v1/organisation", {{"version", organisation["version"]}, {"name", "Kapad"}}), 403));
  EXPECT_TRUE(is_error(as.get("/api/v1/audit"), 403));

  EXPECT_EQ(expect_json(as.get("/api/v1/organisation"), 200, "organisation")["name"], org.name());
  json users = expect_json(admin.get("/api/v1/users"), 200, "users");
  EXPECT_EQ(roles_of(find_by(users["items"], "id", ciso.id)),
            (std::set<std::string>{"ciso", "procurer", "information_owner", "contract_manager"}));
}

TEST(Accounts, AdminEditsTheOrganisationSettings) {
  Org org("acc-org");
  Api admin = api(org.user({"admin"}));
  Api reader = api(org.user({"reader"}));
  json o = expect_json(reader.get("/api/v1/organisation"), 200, "GET organisation");
  EXPECT_EQ(o["name"], org.name());
  EXPECT_TRUE(o["id"].is_string());
  int v = o["version"];
  std::string new_name = unique_name("Exempelby kommun");

  EXPECT_TRUE(is_error(admin.patch("/api/v1/organisation", {{"version", v}, {"org_number", "2120001234"}}), 422, "",
                       "org_number"));
  EXPECT_TRUE(is_error(admin.patch("/api/v1/organisation", {{"version", v}, {"kind", "country"}}), 422, "", "kind"));
  EXPECT_TRUE(is_error(admin.patch("/api/v1/organisation", {{"version", v}, {"language", "de"}}), 422, "", "language"));
  EXPECT_EQ(expect_json(reader.get("/api/v1/organisation"), 200, "unchanged")["version"], v);

  json changed = expect_json(admin.patch("/api/v1/organisation", {{"version", v},
                                                                  {"name", new_name},
                                                                  {"org_number", "212000-1234"},
                                                                  {"kind", "municipality"},
                                                                  {"language", "sv"}}),
                             200, "PATCH organisation");
  EXPECT_EQ(changed["version"], v + 1);
  EXPECT_EQ(changed["name"], new_name);
  EXPECT_EQ(changed["org_number"], "212000-1234");
  EXPECT_EQ(changed["kind"], "municipality");
  EXPECT_EQ(changed["language"], "sv");

  EXPECT_TRUE(is_error(admin.patch("/api/v1/organisation", {{"version", v}, {"kind", "region"}}), 409));
  json now = expect_json(reader.get("/api/v1/organisation"), 200, "after");
  EXPECT_EQ(now["kind"], "municipality");
  EXPECT_EQ(expect_json(reader.get("/api/v1/me"), 200, "me")["organisation"]["name"], new_name);
}

TEST(Accounts, AuditLogIsNewestFirstAndHonoursTheLimit) {
  Org org("acc-audit");
  User admin_user = org.user({"admin", "ciso"});
  Api admin = api(admin_user);
  for (const char* name : {"Första", "Andra", "Tredje"}) create_asset(admin, asset_body(name));

  json two = audit_items(admin, 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0]["after"]["name"], "Tredje");
  EXPECT_EQ(two[1]["after"]["name"], "Andra");

  json all = audit_items(admin, 100);
  ASSERT_GE(all.size(), 3u);
  for (const auto& e : all)
    for (const char* key : {"seq", "at", "actor_id", "actor_name", "action", "object_type", "object_id", "before", "after"})
      EXPECT_TRUE(e.contains(key)) << key << " missing in " << e.dump();
  for (std::size_t i = 1; i < all.size(); ++i)
    EXPECT_GT(all[i - 1]["seq"].get<long long>(), all[i]["seq"].get<long long>()) << "newest first";
  EXPECT_EQ(all[0]["actor_id"], admin_user.id);
  EXPECT_EQ(all[0]["action"], "asset.create");
}
