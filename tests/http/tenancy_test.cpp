// Tenancy: an organisation never sees, changes or references another organisation's
// rows; their ids answer 404 exactly like ids that do not exist.
#include "api_helpers.hpp"

using namespace kkt;

namespace {

// A 404 for a foreign id must look exactly like the 404 for a missing id.
::testing::AssertionResult same_as_missing(const Response& foreign, const Response& missing) {
  auto r = is_error(foreign, 404);
  if (!r) return r;
  if (foreign.error_code() != missing.error_code() || foreign.error_message() != missing.error_message() ||
      foreign.error_field() != missing.error_field())
    return ::testing::AssertionFailure() << "foreign id answered " << foreign.body << " but a missing id answered "
                                         << missing.body;
  return ::testing::AssertionSuccess();
}

}  // namespace

TEST(Tenancy, AnotherOrganisationsAssetAnswers404LikeAMissingOne) {
  Org home("ten-asset-a");
  Org away("ten-asset-b");
  Api owner_side = api(home.user({"ciso"}));
  Api intruder = api(away.user({"ciso", "information_owner"}));
  json a = create_asset(owner_side, asset_body("Skyddade personuppgifter", 4, 3, 3));

  EXPECT_TRUE(same_as_missing(intruder.get(asset_path(a["id"])), intruder.get(asset_path("no-such-asset"))));
  json patch = {{"version", a["version"]}, {"name", "Stulen"}};
  EXPECT_TRUE(same_as_missing(intruder.patch(asset_path(a["id"]), patch), intruder.patch(asset_path("no-such-asset"), patch)));
  json approve = {{"version", a["version"]}, {"approve", true}};
  EXPECT_TRUE(same_as_missing(intruder.patch(asset_path(a["id"]), approve),
                              intruder.patch(asset_path("no-such-asset"), approve)));
  EXPECT_TRUE(same_as_missing(intruder.del(asset_path(a["id"])), intruder.del(asset_path("no-such-asset"))));

  json still = get_asset(owner_side, a["id"]);
  EXPECT_EQ(still["name"], "Skyddade personuppgifter");
  EXPECT_EQ(still["version"], a["version"]);
}

TEST(Tenancy, AnotherOrganisationsCaseAnswers404Everywhere) {
  Org home("ten-case-a");
  Org away("ten-case-b");
  Api owner_side = api(home.user({"ciso"}));
  User intruder_user = away.user({"ciso", "contract_manager"});
  Api intruder = api(intruder_user);
  json c = create_case(owner_side, "KS 2025/300");
  json foreign_asset = create_asset(intruder, asset_body("Inkräktarens tillgång"));
  std::string id = c["id"];
  const std::string missing = "no-such-case";
  json activity = c["activities"][0];

  struct Attempt {
    std::string method, suffix;
    json body;
  };
  const std::vector<Attempt> attempts{
      {"GET", "", nullptr},
      {"PATCH", "", {{"version", c["version"]}, {"title", "Kapad"}}},
      {"POST", "/assets", {{"asset_id", foreign_asset["id"]}}},
      {"DELETE", "/assets/" + url_encode(foreign_asset["id"]), nullptr},
      {"POST", "/decisions", {{"gate", "need_identified"}, {"outcome", "approved"}, {"rationale", "Kapad."}}},
      {"PATCH", "/activities/" + url_encode(activity["key"]), {{"status", "done"}, {"comment", "x"}, {"version", 0}}},
      {"POST", "/team", {{"user_id", intruder_user.id}, {"competence", "juridik"}}},
      {"DELETE", "/team/" + url_encode(intruder_user.id) + "/juridik", nullptr},
      {"POST", "/cancel", {{"reason", "Kapad."}}},
  };
  for (const auto& at : attempts) {
    std::string body = at.body.is_null() ? std::string() : at.body.dump();
    auto foreign = intruder.send(at.method, case_path(id) + at.suffix, body);
    auto absent = intruder.send(at.method, case_path(missing) + at.suffix, body);
    EXPECT_TRUE(same_as_missing(foreign, absent)) << at.method << " /api/v1/cases/{id}" << at.suffix;
  }

  json still = get_case(owner_side, id);
  EXPECT_EQ(still["version"], c["version"]);
  EXPECT_EQ(still["title"], c["title"]);
  EXPECT_EQ(still["status"], "open");
  EXPECT_EQ(still["decisions"], json::array());
  EXPECT_EQ(still["team"], json::array());
  EXPECT_EQ(still["assets"], json::array());
  EXPECT_EQ(find_by(still["activities"], "key", activity["key"])["status"], "open");
}

TEST(Tenancy, AnotherOrganisationsAssetCannotBeLinkedToOwnCase) {
  Org home("ten-link-a");
  Org away("ten-link-b");
  Api owner_side = api(home.user({"ciso"}));
  Api intruder = api(away.user({"procurer"}));
  json a = create_asset(owner_side, asset_body("Ritningar över ledningsnätet", 3, 3, 3));
  json own_case = create_case(intruder, "KS 2025/301");

  auto r = intruder.post(case_path(own_case["id"]) + "/assets", {{"asset_id", a["id"]}});
  EXPECT_TRUE(is_error(r, 422, "", "asset_id"));
  auto unknown = intruder.post(case_path(own_case["id"]) + "/assets", {{"asset_id", "no-such-asset"}});
  EXPECT_EQ(r.error_code(), unknown.error_code()) << "a foreign asset is refused like an unknown one";
  EXPECT_EQ(get_case(intruder, own_case["id"])["assets"], json::array());
  EXPECT_EQ(get_asset(owner_side, a["id"])["case_ids"], json::array());
}

TEST(Tenancy, ListsShowOnlyTheOrganisationsOwnRows) {
  Org home("ten-list-a");
  Org away("ten-list-b");
  User home_admin = home.user({"admin", "ciso"});
  User away_admin = away.user({"admin", "ciso"});
  Api a = api(home_admin), b = api(away_admin);
  json a_asset = create_asset(a, asset_body("Hemma"));
  json b_asset = create_asset(b, asset_body("Borta"));
  json a_case = create_case(a, "KS 2025/302");
  json b_case = create_case(b, "KS 2025/302");

  json a_assets = expect_json(a.get("/api/v1/assets"), 200, "assets A")["items"];
  EXPECT_EQ(ids_of(a_assets), std::vector<std::string>{a_asset["id"]});
  json b_assets = expect_json(b.get("/api/v1/assets"), 200, "assets B")["items"];
  EXPECT_EQ(ids_of(b_assets), std::vector<std::string>{b_asset["id"]});
  EXPECT_EQ(ids_of(expect_json(a.get("/api/v1/cases"), 200, "cases A")["items"]), std::vector<std::string>{a_case["id"]});
  EXPECT_EQ(ids_of(expect_json(b.get("/api/v1/cases"), 200, "cases B")["items"]), std::vector<std::string>{b_case["id"]});

  json directory = expect_json(a.get("/api/v1/directory"), 200, "directory A")["items"];
  EXPECT_TRUE(has_id(directory, home_admin.id));
  EXPECT_FALSE(has_id(directory, away_admin.id));
  json users = expect_json(a.get("/api/v1/users"), 200, "users A")["items"];
  EXPECT_EQ(ids_of(users), std::vector<std::string>{home_admin.id});

  for (auto e : audit_items(a, 100)) {
    EXPECT_NE(e["object_id"], b_asset["id"]) << "audit of A shows B's asset: " << e.dump();
    EXPECT_NE(e["object_id"], b_case["id"]) << "audit of A shows B's case: " << e.dump();
    EXPECT_NE(e["actor_id"], away_admin.id) << e.dump();
  }
}

TEST(Tenancy, UsersOfAnotherOrganisationCannotBeReferenced) {
  Org home("ten-users-a");
  Org away("ten-users-b");
  Api admin = api(home.user({"admin", "ciso"}));
  User stranger = away.user({"information_owner", "contract_manager", "legal"});
  json c = create_case(admin, "KS 2025/303");
  OrgState before = org_state(admin);

  json asset = asset_body("Ekonomidata");
  asset["owner_user_id"] = stranger.id;
  EXPECT_TRUE(is_error(admin.post("/api/v1/assets", asset), 422, "", "owner_user_id"));
  json kase = case_body("KS 2025/304");
  kase["delivery_manager_id"] = stranger.id;
  EXPECT_TRUE(is_error(admin.post("/api/v1/cases", kase), 422, "", "delivery_manager_id"));
  EXPECT_TRUE(is_error(admin.post(case_path(c["id"]) + "/team", {{"user_id", stranger.id}, {"competence", "juridik"}}),
                       422, "", "user_id"));
  EXPECT_EQ(org_state(admin), before);

  std::string user_path = "/api/v1/users/" + url_encode(stranger.id);
  EXPECT_TRUE(same_as_missing(admin.patch(user_path, {{"version", 1}, {"active", false}}),
                              admin.patch("/api/v1/users/no-such-user", {{"version", 1}, {"active", false}})));
  EXPECT_TRUE(same_as_missing(admin.post(user_path + "/reset-password", json::object()),
                              admin.post("/api/v1/users/no-such-user/reset-password", json::object())));
  EXPECT_TRUE(has_status(api(stranger).get("/api/v1/me"), 200)) << "the stranger is untouched";
}
