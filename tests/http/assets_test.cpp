// Information assets: creating, reading, editing with versions, the information
// owner's approval, deletion, and the audit trail of each change.
#include "api_helpers.hpp"

using namespace kkt;

namespace {

json all_flags(bool personal, bool sensitive, bool secrecy, bool protection, bool critical) {
  return {{"personal_data", personal},
          {"sensitive_personal_data", sensitive},
          {"secrecy", secrecy},
          {"security_protection", protection},
          {"critical_service", critical}};
}

}  // namespace

TEST(Assets, CreateReturnsTheWholeAsset) {
  Org org("asset-create");
  User owner = org.user({"information_owner"});
  Api ciso = api(org.user({"ciso"}));
  json flags = all_flags(true, false, true, false, false);
  json body = {{"name", "Elevregister"},
               {"description", "Uppgifter om elever, vårdnadshavare och betyg."},
               {"owner_user_id", owner.id},
               {"owner_unit", "Barn- och utbildningsförvaltningen"},
               {"classification", {{"confidentiality", 3}, {"integrity", 2}, {"availability", 1}, {"traceability", nullptr}}},
               {"stage", "deep"},
               {"method", "complete"},
               {"flags", flags}};
  json a = create_asset(ciso, body);

  ASSERT_TRUE(a["id"].is_string());
  EXPECT_FALSE(str(a["id"]).empty());
  EXPECT_TRUE(a["version"].is_number_integer());
  EXPECT_EQ(a["name"], "Elevregister");
  EXPECT_EQ(a["description"], body["description"]);
  EXPECT_EQ(a["owner_user_id"], owner.id);
  EXPECT_EQ(a["owner_name"], owner.display_name);
  EXPECT_EQ(a["owner_unit"], "Barn- och utbildningsförvaltningen");
  EXPECT_EQ(a["classification"],
            (json{{"confidentiality", 3}, {"integrity", 2}, {"availability", 1}, {"traceability", nullptr}}));
  EXPECT_EQ(a["max_level"], 3);
  EXPECT_EQ(a["model"]["id"], "standard");
  EXPECT_TRUE(a["model"].contains("version"));
  EXPECT_EQ(a["stage"], "deep");
  EXPECT_EQ(a["method"], "complete");
  EXPECT_TRUE(a["approved_by"].is_null());
  EXPECT_TRUE(a["approved_by_name"].is_null());
  EXPECT_TRUE(a["approved_at"].is_null());
  EXPECT_EQ(a["flags"], flags);
  EXPECT_TRUE(a["created_at"].is_string());
  EXPECT_TRUE(a["updated_at"].is_string());

  json got = get_asset(ciso, a["id"]);
  EXPECT_EQ(got["case_ids"], json::array());
  got.erase(std::string("case_ids"));
  EXPECT_EQ(got, a) << "GET should answer what POST answered";
}

TEST(Assets, CreateWithOnlyANameLeavesLevelsAndFlagsUnset) {
  Org org("asset-minimal");
  Api as = api(org.user({"procurer"}));
  json a = create_asset(as, {{"name", "Mötesanteckningar"}});
  EXPECT_EQ(a["classification"],
            (json{{"confidentiality", nullptr}, {"integrity", nullptr}, {"availability", nullptr}, {"traceability", nullptr}}));
  EXPECT_TRUE(a["max_level"].is_null());
  EXPECT_EQ(a["flags"], all_flags(false, false, false, false, false));
  EXPECT_TRUE(a["owner_user_id"].is_null());
  EXPECT_TRUE(a["approved_by"].is_null());
}

TEST(Assets, ListShowsTheOrganisationsAssets) {
  Org org("asset-list");
  Api as = api(org.user({"information_owner"}));
  json first = create_asset(as, asset_body("Lönesystemets uppgifter"));
  json second = create_asset(as, asset_body("Ekonomisystemets uppgifter", 2, 3, 2));
  json list = expect_json(as.get("/api/v1/assets"), 200, "GET /api/v1/assets");
  ASSERT_TRUE(list["items"].is_array());
  EXPECT_EQ(list["items"].size(), 2u);
  json item = find_by(list["items"], "id", first["id"]);
  ASSERT_FALSE(item.is_null()) << list.dump();
  EXPECT_EQ(item["name"], "Lönesystemets uppgifter");
  EXPECT_EQ(item["version"], first["version"]);
  EXPECT_TRUE(has_id(list["items"], second["id"]));
}

TEST(Assets, PatchChangesOnlyTheGivenFieldsAndBumpsTheVersion) {
  Org org("asset-patch");
  Api as = api(org.user({"ciso"}));
  json a = create_asset(as, asset_body("Bygglovsärenden", 2, 2, 2));
  int v = a["version"];

  json b = expect_json(as.patch(asset_path(a["id"]),
                                {{"version", v}, {"name", "Bygglovsärenden 2025"}, {"classification", {{"integrity", 4}}}}),
                       200, "PATCH asset");
  EXPECT_EQ(b["version"], v + 1);
  EXPECT_EQ(b["name"], "Bygglovsärenden 2025");
  EXPECT_EQ(b["classification"]["integrity"], 4);
  EXPECT_EQ(b["classification"]["confidentiality"], 2) << "levels not sent stay as they were";
  EXPECT_EQ(b["description"], a["description"]);
  EXPECT_EQ(b["max_level"], 4);

  json c = expect_json(as.patch(asset_path(a["id"]), {{"version", v + 1}, {"owner_unit", "Samhällsbyggnad"}}), 200,
                       "second PATCH");
  EXPECT_EQ(c["version"], v + 2);
  EXPECT_EQ(c["owner_unit"], "Samhällsbyggnad");
  EXPECT_EQ(c["name"], "Bygglovsärenden 2025");
  EXPECT_EQ(get_asset(as, a["id"])["version"], v + 2);
}

TEST(Assets, StalePatchIs409WithTheCurrentAssetAndChangesNothing) {
  Org org("asset-stale");
  Api as = api(org.user({"ciso"}));
  json a = create_asset(as, asset_body("Avtalsregister"));
  int v = a["version"];
  expect_json(as.patch(asset_path(a["id"]), {{"version", v}, {"name", "Avtalsregister (Anna)"}}), 200, "first edit");

  auto r = as.patch(asset_path(a["id"]), {{"version", v}, {"name", "Avtalsregister (Bertil)"}});
  ASSERT_TRUE(is_error(r, 409));
  json current = r.json_body()["error"]["current"];
  EXPECT_EQ(current["id"], a["id"]);
  EXPECT_EQ(current["version"], v + 1);
  EXPECT_EQ(current["name"], "Avtalsregister (Anna)");
  json now = get_asset(as, a["id"]);
  EXPECT_EQ(now["name"], "Avtalsregister (Anna)");
  EXPECT_EQ(now["version"], v + 1);
}

TEST(Assets, PatchWithoutVersionIs422AndChangesNothing) {
  Org org("asset-noversion");
  Api as = api(org.user({"admin", "ciso"}));
  json a = create_asset(as, asset_body("Fakturor"));
  OrgState before = org_state(as);
  EXPECT_TRUE(is_error(as.patch(asset_path(a["id"]), {{"name", "Leverantörsfakturor"}}), 422, "", "version"));
  EXPECT_TRUE(is_error(as.patch(asset_path(a["id"]), {{"version", a["version"]}, {"shape", "round"}}), 400, "", "shape"));
  EXPECT_EQ(org_state(as), before);
}

TEST(Assets, OwnerMustBeAnInformationOwnerOfTheOrganisation) {
  Org org("asset-owner");
  Api admin = api(org.user({"admin", "ciso"}));
  User procurer = org.user({"procurer"});
  User owner = org.user({"information_owner"});
  OrgState before = org_state(admin);

  json body = asset_body("Socialtjänstens journaler", 4, 3, 3);
  body["owner_user_id"] = procurer.id;
  EXPECT_TRUE(is_error(admin.post("/api/v1/assets", body), 422, "", "owner_user_id"));
  body["owner_user_id"] = "no-such-user";
  EXPECT_TRUE(is_error(admin.post("/api/v1/assets", body), 422, "", "owner_user_id"));
  EXPECT_EQ(org_state(admin), before);

  body["owner_user_id"] = owner.id;
  json a = create_asset(admin, body);
  EXPECT_EQ(a["owner_user_id"], owner.id);
  auto r = admin.patch(asset_path(a["id"]), {{"version", a["version"]}, {"owner_user_id", procurer.id}});
  EXPECT_TRUE(is_error(r, 422, "", "owner_user_id"));
  EXPECT_EQ(get_asset(admin, a["id"])["owner_user_id"], owner.id);
}

TEST(Assets, OnlyTheAssetsOwnInformationOwnerCanApprove) {
  Org org("asset-approve");
  User owner = org.user({"information_owner"});
  User other_owner = org.user({"information_owner"});
  Api ciso = api(org.user({"ciso"}));
  json body = asset_body("Patientjournaler", 4, 4, 3);
  body["owner_user_id"] = owner.id;
  json a = create_asset(ciso, body);
  int v = a["version"];

  EXPECT_TRUE(is_error(ciso.patch(asset_path(a["id"]), {{"version", v}, {"approve", true}}), 403));
  EXPECT_TRUE(is_error(api(other_owner).patch(asset_path(a["id"]), {{"version", v}, {"approve", true}}), 403));
  EXPECT_TRUE(get_asset(ciso, a["id"])["approved_by"].is_null());

  json approved = expect_json(api(owner).patch(asset_path(a["id"]), {{"version", v}, {"approve", true}}), 200,
                              "owner approves");
  EXPECT_EQ(approved["approved_by"], owner.id);
  EXPECT_EQ(approved["approved_by_name"], owner.display_name);
  EXPECT_TRUE(approved["approved_at"].is_string());
  EXPECT_EQ(approved["version"], v + 1);
}

TEST(Assets, ChangingALevelAfterApprovalClearsTheApproval) {
  Org org("asset-reapprove");
  User owner = org.user({"information_owner"});
  Api ciso = api(org.user({"ciso"}));
  json body = asset_body("Larmrutiner", 3, 2, 2);
  body["owner_user_id"] = owner.id;
  json a = create_asset(ciso, body);
  json approved = expect_json(api(owner).patch(asset_path(a["id"]), {{"version", a["version"]}, {"approve", true}}),
                              200, "approve");
  ASSERT_EQ(approved["approved_by"], owner.id);

  json changed = expect_json(
      ciso.patch(asset_path(a["id"]), {{"version", approved["version"]}, {"classification", {{"availability", 4}}}}),
      200, "raise availability");
  EXPECT_EQ(changed["classification"]["availability"], 4);
  EXPECT_TRUE(changed["approved_by"].is_null()) << changed.dump();
  EXPECT_TRUE(changed["approved_at"].is_null());
  EXPECT_TRUE(get_asset(ciso, a["id"])["approved_by"].is_null());
}

TEST(Assets, DeleteRemovesTheAsset) {
  Org org("asset-delete");
  Api as = api(org.user({"ciso"}));
  json keep = create_asset(as, asset_body("Behålls"));
  json gone = create_asset(as, asset_body("Tas bort"));
  auto r = as.del(asset_path(gone["id"]));
  EXPECT_TRUE(has_status(r, 204));
  EXPECT_TRUE(is_error(as.get(asset_path(gone["id"])), 404));
  json list = expect_json(as.get("/api/v1/assets"), 200, "list");
  EXPECT_FALSE(has_id(list["items"], gone["id"]));
  EXPECT_TRUE(has_id(list["items"], keep["id"]));
}

TEST(Assets, AssetLinkedToACaseCannotBeDeleted) {
  Org org("asset-inuse");
  Api as = api(org.user({"ciso"}));
  json a = create_asset(as, asset_body("Driftdokumentation"));
  json c = create_case(as, "KS 2025/20");
  expect_json(as.post(case_path(c["id"]) + "/assets", {{"asset_id", a["id"]}}), 200, "link");

  EXPECT_TRUE(is_error(as.del(asset_path(a["id"])), 409));
  json still = get_asset(as, a["id"]);
  EXPECT_EQ(still["case_ids"], json::array({c["id"]}));

  expect_json(as.del(case_path(c["id"]) + "/assets/" + url_encode(a["id"])), 200, "unlink");
  EXPECT_EQ(get_asset(as, a["id"])["case_ids"], json::array());
  EXPECT_TRUE(has_status(as.del(asset_path(a["id"])), 204));
}

TEST(Assets, AuditLogRecordsCreateUpdateAndDeleteWithBeforeAndAfter) {
  Org org("asset-audit");
  User admin = org.user({"admin", "ciso"});
  Api as = api(admin);
  json a = create_asset(as, asset_body("Passerkortsloggar", 2, 2, 1));
  expect_json(as.patch(asset_path(a["id"]), {{"version", a["version"]}, {"name", "Passerloggar"}}), 200, "rename");
  EXPECT_TRUE(has_status(as.del(asset_path(a["id"])), 204));

  json items = audit_items(as, 3);
  ASSERT_EQ(items.size(), 3u) << items.dump();
  EXPECT_EQ(items[0]["action"], "asset.delete");
  EXPECT_EQ(items[1]["action"], "asset.update");
  EXPECT_EQ(items[2]["action"], "asset.create");
  for (auto e : items) {
    EXPECT_EQ(e["object_type"], "asset");
    EXPECT_EQ(e["object_id"], a["id"]);
    EXPECT_EQ(e["actor_id"], admin.id);
    EXPECT_EQ(e["actor_name"], admin.display_name);
    EXPECT_TRUE(e["at"].is_string());
  }
  EXPECT_GT(items[0]["seq"].get<long long>(), items[1]["seq"].get<long long>());
  EXPECT_GT(items[1]["seq"].get<long long>(), items[2]["seq"].get<long long>());

  EXPECT_TRUE(items[2]["before"].is_null());
  EXPECT_EQ(items[2]["after"]["name"], "Passerkortsloggar");
  EXPECT_EQ(items[1]["before"]["name"], "Passerkortsloggar");
  EXPECT_EQ(items[1]["after"]["name"], "Passerloggar");
  EXPECT_EQ(items[0]["before"]["name"], "Passerloggar");
  EXPECT_TRUE(items[0]["after"].is_null());
}
