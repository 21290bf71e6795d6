// Procurement cases: their facts, uniqueness of the registry number, editing with
// versions, linked assets and the classification they give the case, the team,
// cancelling, and the audit trail.
#include <set>

#include "api_helpers.hpp"

using namespace kkt;

namespace {

json level_from(int level, const json& asset) {
  return {{"level", level}, {"asset_id", asset.at("id")}, {"asset_name", asset.at("name")}};
}

std::set<std::string> competence_keys(const json& list) {
  std::set<std::string> keys;
  for (const auto& c : list) keys.insert(c.at("key").get<std::string>());
  return keys;
}

}  // namespace

TEST(Cases, NewCaseStartsInThePrestudyWithEverythingOpen) {
  Org org("case-new");
  Api as = api(org.user({"procurer"}));
  json c = create_case(as, "KS 2025/100");

  EXPECT_TRUE(c["id"].is_string());
  EXPECT_TRUE(c["version"].is_number_integer());
  EXPECT_EQ(c["registry_number"], "KS 2025/100");
  EXPECT_EQ(c["title"], "Nytt e-arkiv");
  EXPECT_EQ(c["object_type"], "service");
  EXPECT_EQ(c["delivery_model"], "cloud_saas");
  EXPECT_EQ(c["status"], "open");
  EXPECT_EQ(c["step"], "prepare");
  EXPECT_EQ(c["phase"], "prestudy");
  EXPECT_EQ(c["next_gate"], "need_identified");

  ASSERT_EQ(c["gates"].size(), kGates.size());
  for (std::size_t i = 0; i < kGates.size(); ++i) {
    EXPECT_EQ(c["gates"][i]["key"], kGates[i]);
    EXPECT_EQ(c["gates"][i]["state"], i == 0 ? "next" : "pending") << kGates[i];
    EXPECT_TRUE(c["gates"][i]["last_decision"].is_null());
  }
  EXPECT_EQ(c["decisions"], json::array());
  ASSERT_FALSE(c["activities"].empty());
  for (auto a : c["activities"]) {
    EXPECT_EQ(a["status"], "open") << a.dump();
    EXPECT_EQ(a["version"], 0) << a.dump();
  }
  EXPECT_EQ(c["assets"], json::array());
  EXPECT_EQ(c["team"], json::array());
  EXPECT_EQ(c["missing_competences"].size(), 8u);
  for (const char* aspect : {"confidentiality", "integrity", "availability", "traceability", "max_level"})
    EXPECT_TRUE(c["classification"][aspect].is_null()) << aspect;
  EXPECT_EQ(c["readiness"]["delivery_manager_assigned"], false);
  EXPECT_TRUE(c["readiness"]["can_receive_incidents"].is_null());
  EXPECT_TRUE(c["readiness"]["can_run_followups"].is_null());
}

TEST(Cases, CreateStoresEveryFact) {
  Org org("case-full");
  Api as = api(org.user({"ciso"}));
  User manager = org.user({"contract_manager"});
  json body = {{"registry_number", "KS 2025/123"},
               {"title", "Nytt journalsystem för elevhälsan"},
               {"kind", "procurement"},
               {"need_statement", "Elevhälsan behöver ett journalsystem som uppfyller patientdatalagen."},
               {"alternatives", "Samverkan med grannkommunen prövades."},
               {"object_type", "it_system"},
               {"delivery_model", "cloud_saas"},
               {"law", "LOU"},
               {"procedure", "open"},
               {"estimated_value_sek", 2500000},
               {"tender_deadline", "2025-11-30"},
               {"operator", "external"},
               {"support", "external"},
               {"hosting_location", "eu_eea_cloud"},
               {"supplier_remote_access", true},
               {"supplier_data_copies", false},
               {"information_location", "Leverantörens datacenter i Sverige"},
               {"software_location", "Leverantörens molntjänst"},
               {"hardware_location", "Leverantörens datacenter"},
               {"delivery_manager_id", manager.id},
               {"can_receive_incidents", true},
               {"can_run_followups", false}};
  json c = create_case(as, body);
  for (const auto& [field, value] : body.items()) EXPECT_EQ(c[field], value) << field;
  EXPECT_EQ(c["readiness"]["delivery_manager_assigned"], true);
  EXPECT_EQ(c["readiness"]["can_receive_incidents"], true);
  EXPECT_EQ(c["readiness"]["can_run_followups"], false);

  json got = get_case(as, c["id"]);
  for (const auto& [field, value] : body.items()) EXPECT_EQ(got[field], value) << "GET " << field;
}

TEST(Cases, RegistryNumberIsUniqueWithinTheOrganisation) {
  Org org("case-regno");
  Api as = api(org.user({"admin", "procurer"}));
  json first = create_case(as, "KS 2025/7");
  OrgState before = org_state(as);
  EXPECT_TRUE(is_error(as.post("/api/v1/cases", case_body("KS 2025/7", "En annan upphandling")), 409));
  EXPECT_EQ(org_state(as), before);

  json second = create_case(as, "KS 2025/8");
  EXPECT_TRUE(is_error(as.patch(case_path(second["id"]), {{"version", second["version"]}, {"registry_number", "KS 2025/7"}}),
                       409));
  EXPECT_EQ(get_case(as, second["id"])["registry_number"], "KS 2025/8");

  Org other("case-regno-other");
  Api elsewhere = api(other.user({"procurer"}));
  json same_number = create_case(elsewhere, "KS 2025/7");
  EXPECT_EQ(same_number["registry_number"], "KS 2025/7") << "another organisation may use the same number";
}

TEST(Cases, InvalidFactsAre422NamingTheFieldAndWriteNothing) {
  Org org("case-invalid");
  Api as = api(org.user({"admin", "procurer"}));
  OrgState before = org_state(as);
  const std::vector<std::pair<std::string, json>> bad{
      {"procedure", "auction"},         {"estimated_value_sek", -1},          {"tender_deadline", "30/11/2025"},
      {"registry_number", std::string(51, '1')}, {"kind", "lease"},          {"hosting_location", "mars"},
      {"operator", "nobody"},           {"delivery_manager_id", "no-such-user"}};
  for (const auto& [field, value] : bad) {
    json body = case_body("KS 2025/30");
    body[field] = value;
    EXPECT_TRUE(is_error(as.post("/api/v1/cases", body), 422, "", field)) << field << " = " << value;
  }
  EXPECT_EQ(org_state(as), before);

  json body = case_body("KS 2025/30");
  body["procedure"] = nullptr;
  body["estimated_value_sek"] = 0;
  json ok = create_case(as, body);
  EXPECT_TRUE(ok["procedure"].is_null());
  EXPECT_EQ(ok["estimated_value_sek"], 0);
}

TEST(Cases, PatchUpdatesFactsAndAStaleVersionIs409WithTheCurrentCase) {
  Org org("case-patch");
  Api as = api(org.user({"procurer"}));
  json c = create_case(as, "KS 2025/40");
  int v = c["version"];

  json changed = expect_json(
      as.patch(case_path(c["id"]), {{"version", v}, {"title", "E-arkiv för hela kommunen"}, {"law", "LUF"}}), 200,
      "PATCH case");
  EXPECT_EQ(changed["version"], v + 1);
  EXPECT_EQ(changed["title"], "E-arkiv för hela kommunen");
  EXPECT_EQ(changed["law"], "LUF");
  EXPECT_EQ(changed["registry_number"], "KS 2025/40");

  auto stale = as.patch(case_path(c["id"]), {{"version", v}, {"title", "Något annat"}});
  ASSERT_TRUE(is_error(stale, 409));
  json current = stale.json_body()["error"]["current"];
  EXPECT_EQ(current["version"], v + 1);
  EXPECT_EQ(current["title"], "E-arkiv för hela kommunen");

  EXPECT_TRUE(is_error(as.patch(case_path(c["id"]), {{"title", "Utan version"}}), 422, "", "version"));
  json now = get_case(as, c["id"]);
  EXPECT_EQ(now["title"], "E-arkiv för hela kommunen");
  EXPECT_EQ(now["version"], v + 1);
}

TEST(Cases, LinkedAssetsGiveTheCaseTheHighestLevelPerAspectAndNameTheAsset) {
  Org org("case-classify");
  Api as = api(org.user({"ciso"}));
  json a = create_asset(as, {{"name", "Elevakter"},
                             {"classification", {{"confidentiality", 3}, {"integrity", 1}, {"availability", 1}}},
                             {"flags", {{"personal_data", true}}}});
  json b = create_asset(
      as, {{"name", "Schemadata"},
           {"classification", {{"confidentiality", 2}, {"integrity", 4}, {"availability", 2}, {"traceability", 1}}}});
  json c = create_case(as, "KS 2025/50");

  json one = expect_json(as.post(case_path(c["id"]) + "/assets", {{"asset_id", a["id"]}}), 200, "link A");
  EXPECT_EQ(one["classification"]["confidentiality"], level_from(3, a));
  EXPECT_EQ(one["classification"]["integrity"], level_from(1, a));
  EXPECT_TRUE(one["classification"]["traceability"].is_null());
  EXPECT_EQ(one["classification"]["max_level"], 3);
  EXPECT_EQ(one["flags"]["personal_data"], true);

  json two = expect_json(as.post(case_path(c["id"]) + "/assets", {{"asset_id", b["id"]}}), 200, "link B");
  EXPECT_EQ(two["classification"]["confidentiality"], level_from(3, a));
  EXPECT_EQ(two["classification"]["integrity"], level_from(4, b));
  EXPECT_EQ(two["classification"]["availability"], level_from(2, b));
  EXPECT_EQ(two["classification"]["traceability"], level_from(1, b));
  EXPECT_EQ(two["classification"]["max_level"], 4);
  EXPECT_EQ(two["assets"].size(), 2u);
  EXPECT_TRUE(has_id(two["assets"], a["id"]) && has_id(two["assets"], b["id"]));
  EXPECT_EQ(get_case(as, c["id"])["classification"], two["classification"]);

  json unlinked = expect_json(as.del(case_path(c["id"]) + "/assets/" + url_encode(a["id"])), 200, "unlink A");
  EXPECT_EQ(unlinked["classification"]["confidentiality"], level_from(2, b));
  EXPECT_EQ(unlinked["flags"]["personal_data"], false);
  EXPECT_EQ(unlinked["assets"].size(), 1u);

  EXPECT_TRUE(is_error(as.post(case_path(c["id"]) + "/assets", {{"asset_id", "no-such-asset"}}), 422, "", "asset_id"));
  EXPECT_EQ(get_case(as, c["id"])["assets"].size(), 1u);
}

TEST(Cases, TeamMembersCoverCompetencesUntilRemoved) {
  Org org("case-team");
  Api as = api(org.user({"procurer"}));
  User lawyer = org.user({"legal"});
  json c = create_case(as, "KS 2025/60");
  std::string team_path = case_path(c["id"]) + "/team";

  json d = expect_json(as.post(team_path, {{"user_id", lawyer.id}, {"competence", "juridik"}}), 200, "add juridik");
  ASSERT_EQ(d["team"].size(), 1u) << d["team"];
  EXPECT_EQ(d["team"][0]["user_id"], lawyer.id);
  EXPECT_EQ(d["team"][0]["display_name"], lawyer.display_name);
  EXPECT_EQ(competence_keys(d["team"][0]["competences"]), std::set<std::string>{"juridik"});
  EXPECT_EQ(d["missing_competences"].size(), 7u);
  EXPECT_FALSE(competence_keys(d["missing_competences"]).count("juridik"));

  d = expect_json(as.post(team_path, {{"user_id", lawyer.id}, {"competence", "upphandling"}}), 200, "add upphandling");
  ASSERT_EQ(d["team"].size(), 1u) << "one person with two competences: " << d["team"];
  EXPECT_EQ(competence_keys(d["team"][0]["competences"]), (std::set<std::string>{"juridik", "upphandling"}));
  EXPECT_EQ(d["missing_competences"].size(), 6u);

  d = expect_json(as.del(team_path + "/" + url_encode(lawyer.id) + "/juridik"), 200, "remove juridik");
  EXPECT_EQ(competence_keys(d["team"][0]["competences"]), std::set<std::string>{"upphandling"});
  EXPECT_TRUE(competence_keys(d["missing_competences"]).count("juridik"));

  EXPECT_TRUE(is_error(as.post(team_path, {{"user_id", lawyer.id}, {"competence", "astrologi"}}), 422, "", "competence"));
  EXPECT_TRUE(is_error(as.post(team_path, {{"user_id", "no-such-user"}, {"competence", "it"}}), 422, "", "user_id"));
}

TEST(Cases, CancelClosesTheCaseWithTheReason) {
  Org org("case-cancel");
  Api as = api(org.user({"procurer"}));
  json c = create_case(as, "KS 2025/70");
  json cancelled = expect_json(as.post(case_path(c["id"]) + "/cancel", {{"reason", "Budgeten drogs in."}}), 200,
                               "cancel");
  EXPECT_EQ(cancelled["status"], "cancelled");
  EXPECT_EQ(cancelled["closed_reason"], "Budgeten drogs in.");
  EXPECT_EQ(get_case(as, c["id"])["status"], "cancelled");
  EXPECT_TRUE(is_error(decide(as, c["id"], "need_identified"), 422, "error.case_closed"));
  json list = expect_json(as.get("/api/v1/cases"), 200, "list");
  EXPECT_EQ(find_by(list["items"], "id", c["id"])["status"], "cancelled");
}

TEST(Cases, ListShowsTheOrganisationsCasesWithStatus) {
  Org org("case-list");
  Api as = api(org.user({"ciso"}));
  json a = create_case(as, "KS 2025/80");
  json b = create_case(as, case_body("KS 2025/81", "Växelsystem"));
  json list = expect_json(as.get("/api/v1/cases"), 200, "list");
  ASSERT_EQ(list["items"].size(), 2u) << list.dump();
  json item = find_by(list["items"], "id", b["id"]);
  ASSERT_FALSE(item.is_null());
  EXPECT_EQ(item["registry_number"], "KS 2025/81");
  EXPECT_EQ(item["title"], "Växelsystem");
  EXPECT_EQ(item["status"], "open");
  EXPECT_EQ(item["version"], b["version"]);
  EXPECT_TRUE(has_id(list["items"], a["id"]));
}

TEST(Cases, OnlyProcurersAndCisosCreateAndEditCases) {
  Org org("case-roles");
  Api owner = api(org.user({"information_owner"}));
  Api manager = api(org.user({"contract_manager"}));
  Api procurer = api(org.user({"admin", "procurer"}));
  json c = create_case(procurer, "KS 2025/90");
  json a = create_asset(owner, asset_body("Underlag"));
  OrgState before = org_state(procurer);
  EXPECT_TRUE(is_error(owner.post("/api/v1/cases", case_body("KS 2025/91")), 403));
  EXPECT_TRUE(is_error(manager.patch(case_path(c["id"]), {{"version", c["version"]}, {"title", "Ändrad"}}), 403));
  EXPECT_TRUE(is_error(manager.post(case_path(c["id"]) + "/assets", {{"asset_id", a["id"]}}), 403));
  EXPECT_EQ(org_state(procurer), before);
}

TEST(Cases, AuditLogRecordsCreateAndUpdateWithBeforeAndAfter) {
  Org org("case-audit");
  User admin = org.user({"admin", "procurer"});
  Api as = api(admin);
  json c = create_case(as, case_body("KS 2025/95", "Passersystem"));
  expect_json(as.patch(case_path(c["id"]), {{"version", c["version"]}, {"title", "Passer- och larmsystem"}}), 200,
              "rename");
  json items = audit_items(as, 2);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["action"], "case.update");
  EXPECT_EQ(items[0]["object_type"], "case");
  EXPECT_EQ(items[0]["object_id"], c["id"]);
  EXPECT_EQ(items[0]["actor_id"], admin.id);
  EXPECT_EQ(items[0]["before"]["title"], "Passersystem");
  EXPECT_EQ(items[0]["after"]["title"], "Passer- och larmsystem");
  EXPECT_EQ(items[1]["action"], "case.create");
  EXPECT_EQ(items[1]["object_id"], c["id"]);
  EXPECT_TRUE(items[1]["before"].is_null());
  EXPECT_EQ(items[1]["after"]["registry_number"], "KS 2025/95");
}
