// The service as a whole and its error contract: health, OpenAPI, authentication,
// reference data, and that bad input is refused with a named field, in Swedish by
// default and in English on request, without writing anything.
#include <algorithm>
#include <set>

#include "api_helpers.hpp"

using namespace kkt;

namespace {

std::set<std::string> keys_of(const json& array, const std::string& key = "key") {
  std::set<std::string> keys;
  for (const auto& item : array) keys.insert(item.at(key).get<std::string>());
  return keys;
}

}  // namespace

TEST(Service, HealthzReportsOkAndTheDatabaseEngine) {
  json j = expect_json(anonymous().get("/healthz"), 200, "GET /healthz");
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["database"], config().db_kind);
}

TEST(Service, OpenApiDocumentIsPublicAndDescribesTheApi) {
  json j = expect_json(anonymous().get("/api/v1/openapi.json"), 200, "GET /api/v1/openapi.json");
  ASSERT_TRUE(j["openapi"].is_string()) << j.dump();
  EXPECT_EQ(str(j["openapi"]).rfind("3.", 0), 0u) << j["openapi"];
  ASSERT_TRUE(j["paths"].is_object());
  for (const char* path : {"/api/v1/assets", "/api/v1/assets/{id}", "/api/v1/cases", "/api/v1/cases/{id}",
                           "/api/v1/cases/{id}/assets", "/api/v1/cases/{id}/decisions",
                           "/api/v1/cases/{id}/activities/{key}", "/api/v1/audit"})
    EXPECT_TRUE(j["paths"].contains(path)) << "OpenAPI paths lack " << path;
}

TEST(Service, RequestsWithoutAValidTokenAre401) {
  for (const char* path : {"/api/v1/me", "/api/v1/assets", "/api/v1/cases", "/api/v1/audit", "/api/v1/directory"}) {
    EXPECT_TRUE(is_error(anonymous().get(path), 401)) << "no token: GET " << path;
    EXPECT_TRUE(is_error(Api("kk-not-a-real-token").get(path), 401)) << "wrong token: GET " << path;
  }
  EXPECT_TRUE(is_error(anonymous().post("/api/v1/assets", asset_body("Utan inloggning")), 401));
  EXPECT_TRUE(is_error(anonymous().send("GET", "/api/v1/me", {}, {{"Authorization", "Basic YWRtaW46YWRtaW4="}}), 401));
}

TEST(Service, MeDescribesTheSignedInUserAndOrganisation) {
  Org org("me");
  User u = org.user({"procurer", "legal"});
  json j = expect_json(api(u).get("/api/v1/me"), 200, "GET /api/v1/me");
  EXPECT_EQ(j["user"]["id"], u.id);
  EXPECT_EQ(j["user"]["username"], u.username);
  EXPECT_TRUE(j["user"]["display_name"].is_string());
  std::set<std::string> roles;
  for (const auto& r : j["user"]["roles"]) roles.insert(r.get<std::string>());
  EXPECT_EQ(roles, (std::set<std::string>{"procurer", "legal"}));
  EXPECT_EQ(j["organisation"]["name"], org.name());
  EXPECT_TRUE(j["organisation"]["id"].is_string());
}

TEST(Service, ClassificationModelHasFourAspectsAndLevelsZeroToFour) {
  Org org("model");
  User u = org.user({"reader"});
  json m = expect_json(api(u).get("/api/v1/classification-model"), 200, "GET classification-model");
  EXPECT_EQ(m["id"], "standard");
  EXPECT_TRUE(m.contains("version"));
  EXPECT_EQ(keys_of(m["aspects"]),
            (std::set<std::string>{"confidentiality", "integrity", "availability", "traceability"}));
  EXPECT_EQ(find_by(m["aspects"], "key", "traceability")["optional"], true);
  EXPECT_EQ(find_by(m["aspects"], "key", "confidentiality")["optional"], false);
  ASSERT_EQ(m["levels"].size(), 5u) << m["levels"];
  for (int i = 0; i < 5; ++i) EXPECT_EQ(m["levels"][i]["level"], i);
  EXPECT_EQ(m["levels"][0]["name"], "Försumbar");
  EXPECT_EQ(m["levels"][4]["name"], "Synnerligen allvarlig");

  json en = expect_json(api(u).get("/api/v1/classification-model?lang=en"), 200, "model in English");
  EXPECT_NE(en["levels"][0]["name"], "Försumbar") << "?lang=en should give English level names";
  EXPECT_FALSE(str(en["levels"][0]["name"]).empty());
}

TEST(Service, ClassificationQuestionsProposeLevelsAndRejectUnknownOptions) {
  Org org("questions");
  User u = org.user({"information_owner"});
  json q = expect_json(api(u).get("/api/v1/classification-questions"), 200, "GET classification-questions");
  ASSERT_TRUE(q["questions"].is_array());
  ASSERT_FALSE(q["questions"].empty());

  // Pick a question tied to an aspect and its answer proposing the highest level.
  json question, option;
  for (auto candidate : q["questions"]) {
    EXPECT_TRUE(candidate["key"].is_string());
    EXPECT_FALSE(candidate["options"].empty());
    if (!question.is_null() || !candidate["aspect"].is_string()) continue;
    for (auto o : candidate["options"])
      if (o["proposes"].is_number_integer() && (option.is_null() || o["proposes"] > option["proposes"])) option = o;
    if (!option.is_null()) question = candidate;
  }
  ASSERT_FALSE(question.is_null()) << "no question proposes a level for an aspect: " << q.dump();
  std::string qkey = question["key"], okey = option["key"], aspect = question["aspect"];

  json proposal = expect_json(api(u).post("/api/v1/classification-questions/proposal", {{"answers", {{qkey, okey}}}}),
                              200, "proposal");
  EXPECT_EQ(proposal["classification"][aspect], option["proposes"]) << proposal.dump();
  ASSERT_TRUE(proposal["flags"].is_array());
  for (const auto& flag : option["flags"])
    EXPECT_TRUE(std::find(proposal["flags"].begin(), proposal["flags"].end(), flag) != proposal["flags"].end())
        << "flag " << flag << " of the chosen answer missing from " << proposal.dump();

  auto bad = api(u).post("/api/v1/classification-questions/proposal", {{"answers", {{qkey, "no-such-option"}}}});
  EXPECT_TRUE(is_error(bad, 400, "", "answers." + qkey));
}

TEST(Service, ProcessListsTheEightGatesInOrderWithActivitiesAndCompetences) {
  Org org("process");
  User u = org.user({"reader"});
  json p = expect_json(api(u).get("/api/v1/process"), 200, "GET /api/v1/process");
  std::vector<std::string> gates;
  for (auto g : p["gates"]) gates.push_back(g["key"].get<std::string>());
  EXPECT_EQ(gates, kGates);
  auto phases = keys_of(p["phases"]);
  EXPECT_TRUE(phases.count("prestudy") && phases.count("exit")) << p["phases"];
  ASSERT_FALSE(p["activities"].empty());
  for (auto a : p["activities"]) {
    EXPECT_NO_THROW(gate_index(a["gate"].get<std::string>())) << a.dump();
    EXPECT_TRUE(phases.count(a["phase"].get<std::string>())) << a.dump();
    EXPECT_FALSE(str(a["name"]).empty()) << a.dump();
  }
  EXPECT_EQ(keys_of(p["competences"]),
            (std::set<std::string>{"forvaltning", "informationshantering", "informationssakerhet",
                                   "informationsagare_verksamhet", "it", "it_sakerhet", "upphandling", "juridik"}));
  EXPECT_FALSE(p["steps"].empty());
}

TEST(Errors, MalformedJsonIs400AndWritesNothing) {
  Org org("malformed");
  Api as = api(org.user({"admin", "ciso"}));
  OrgState before = org_state(as);
  EXPECT_TRUE(is_error(as.send("POST", "/api/v1/assets", "{\"name\": \"Löner\","), 400, "error.malformed_json"));
  EXPECT_TRUE(is_error(as.send("POST", "/api/v1/cases", "{registry_number: 1}"), 400, "error.malformed_json"));
  EXPECT_EQ(org_state(as), before);
}

TEST(Errors, UnknownFieldIs400NamingTheField) {
  Org org("unknownfield");
  Api as = api(org.user({"admin", "ciso"}));
  OrgState before = org_state(as);
  json body = asset_body("Personalregister");
  body["colour"] = "red";
  EXPECT_TRUE(is_error(as.post("/api/v1/assets", body), 400, "", "colour"));
  json c = case_body("KS 2025/1");
  c["budget"] = 1000;
  EXPECT_TRUE(is_error(as.post("/api/v1/cases", c), 400, "", "budget"));
  EXPECT_EQ(org_state(as), before);
}

TEST(Errors, LevelOutsideTheModelIs422NamingTheAspect) {
  Org org("level");
  Api as = api(org.user({"admin", "ciso"}));
  OrgState before = org_state(as);
  for (const char* aspect : {"confidentiality", "integrity", "availability", "traceability"}) {
    json body = asset_body("Ärenderegister");
    body["classification"][aspect] = 5;
    EXPECT_TRUE(is_error(as.post("/api/v1/assets", body), 422, "", std::string("classification.") + aspect));
  }
  json negative = asset_body("Ärenderegister");
  negative["classification"]["confidentiality"] = -1;
  EXPECT_TRUE(is_error(as.post("/api/v1/assets", negative), 422, "", "classification.confidentiality"));
  EXPECT_EQ(org_state(as), before);
}

TEST(Errors, UnknownEnumValueIs422NamingTheField) {
  Org org("enum");
  Api as = api(org.user({"admin", "ciso"}));
  OrgState before = org_state(as);
  json stage = asset_body("Kundregister");
  stage["stage"] = "huge";
  EXPECT_TRUE(is_error(as.post("/api/v1/assets", stage), 422, "", "stage"));
  json method = asset_body("Kundregister");
  method["method"] = "quick";
  EXPECT_TRUE(is_error(as.post("/api/v1/assets", method), 422, "", "method"));
  json model = case_body("KS 2025/2");
  model["delivery_model"] = "on_the_moon";
  EXPECT_TRUE(is_error(as.post("/api/v1/cases", model), 422, "", "delivery_model"));
  json law = case_body("KS 2025/3");
  law["law"] = "GDPR";
  EXPECT_TRUE(is_error(as.post("/api/v1/cases", law), 422, "", "law"));
  json object_type = case_body("KS 2025/4");
  object_type["object_type"] = "spaceship";
  EXPECT_TRUE(is_error(as.post("/api/v1/cases", object_type), 422, "", "object_type"));
  EXPECT_EQ(org_state(as), before);
}

TEST(Errors, TooLongNameIs422WithTheFieldNamedInSwedishOrEnglish) {
  Org org("toolong");
  Api as = api(org.user({"admin", "ciso"}));
  OrgState before = org_state(as);
  json body = asset_body(std::string(201, 'x'));

  auto sv = as.post("/api/v1/assets", body);
  ASSERT_TRUE(is_error(sv, 422, "", "name"));
  EXPECT_TRUE(contains_text(sv.error_message(), "Namn")) << "Swedish by default: " << sv.body;

  auto en = as.post("/api/v1/assets?lang=en", body);
  ASSERT_TRUE(is_error(en, 422, "", "name"));
  EXPECT_TRUE(contains_text(en.error_message(), "Name")) << en.body;
  EXPECT_NE(en.error_message(), sv.error_message());

  auto en_header = as.in("en").post("/api/v1/assets", body);
  ASSERT_TRUE(is_error(en_header, 422, "", "name"));
  EXPECT_EQ(en_header.error_message(), en.error_message()) << "Accept-Language: en should also give English";
  EXPECT_EQ(org_state(as), before);

  // The limit counts characters, not bytes: 200 Swedish letters are fine.
  std::string long_swedish;
  for (int i = 0; i < 200; ++i) long_swedish += "å";
  json ok = create_asset(as, asset_body(long_swedish));
  EXPECT_EQ(ok["name"], long_swedish);
}

TEST(Errors, MissingRequiredFieldsAre422NamingTheField) {
  Org org("required");
  Api as = api(org.user({"admin", "ciso"}));
  OrgState before = org_state(as);
  json no_name = asset_body("x");
  no_name.erase(std::string("name"));
  EXPECT_TRUE(is_error(as.post("/api/v1/assets", no_name), 422, "", "name"));
  for (const char* field : {"registry_number", "title", "object_type", "delivery_model"}) {
    json c = case_body("KS 2025/9");
    c.erase(std::string(field));
    EXPECT_TRUE(is_error(as.post("/api/v1/cases", c), 422, "", field)) << "without " << field;
  }
  json blank = case_body("KS 2025/9");
  blank["title"] = "   ";
  EXPECT_TRUE(is_error(as.post("/api/v1/cases", blank), 422, "", "title"));
  EXPECT_EQ(org_state(as), before);
}

TEST(Errors, UnknownIdsAre404) {
  Org org("notfound");
  Api as = api(org.user({"ciso"}));
  EXPECT_TRUE(is_error(as.get(asset_path("no-such-asset")), 404));
  EXPECT_TRUE(is_error(as.patch(asset_path("no-such-asset"), {{"version", 1}, {"name", "x"}}), 404));
  EXPECT_TRUE(is_error(as.del(asset_path("no-such-asset")), 404));
  EXPECT_TRUE(is_error(as.get(case_path("no-such-case")), 404));
  EXPECT_TRUE(is_error(as.patch(case_path("no-such-case"), {{"version", 1}, {"title", "x"}}), 404));
  EXPECT_TRUE(is_error(decide(as, "no-such-case", "need_identified"), 404));
}

TEST(Errors, ReaderCanReadButEveryWriteIs403) {
  Org org("reader");
  Api ciso = api(org.user({"admin", "ciso"}));
  Api reader = api(org.user({"reader"}));
  json asset = create_asset(ciso, asset_body("Diarium"));
  json kase = create_case(ciso, "KS 2025/10");
  OrgState before = org_state(ciso);

  for (const char* path : {"/api/v1/assets", "/api/v1/cases", "/api/v1/process", "/api/v1/directory"})
    EXPECT_TRUE(has_status(reader.get(path), 200)) << path;
  EXPECT_TRUE(has_status(reader.get(asset_path(asset["id"])), 200));
  EXPECT_TRUE(has_status(reader.get(case_path(kase["id"])), 200));

  EXPECT_TRUE(is_error(reader.post("/api/v1/assets", asset_body("Nytt")), 403));
  EXPECT_TRUE(is_error(reader.patch(asset_path(asset["id"]), {{"version", asset["version"]}, {"name", "Ändrat"}}), 403));
  EXPECT_TRUE(is_error(reader.del(asset_path(asset["id"])), 403));
  EXPECT_TRUE(is_error(reader.post("/api/v1/cases", case_body("KS 2025/11")), 403));
  EXPECT_TRUE(is_error(reader.patch(case_path(kase["id"]), {{"version", kase["version"]}, {"title", "Ändrat"}}), 403));
  EXPECT_TRUE(is_error(reader.post(case_path(kase["id"]) + "/assets", {{"asset_id", asset["id"]}}), 403));
  EXPECT_TRUE(is_error(decide(reader, kase["id"], "need_identified"), 403));
  EXPECT_TRUE(is_error(reader.post(case_path(kase["id"]) + "/cancel", {{"reason", "Behövs inte"}}), 403));
  EXPECT_EQ(org_state(ciso), before);
}
