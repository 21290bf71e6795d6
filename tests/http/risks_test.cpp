// The risk register of a case: levels from the matrix, residual levels, links to the
// specification, and the information owner's decision.
#include "api_helpers.hpp"

namespace kkt {
namespace {
struct RiskCase {
  User procurer;
  User owner;  // information owner of the linked asset
  std::string case_id;
  std::string asset_id;
};

RiskCase risk_case(const std::string& label) {
  Org org(label);
  RiskCase rc{org.user({"procurer"}), org.user({"information_owner"}), "", ""};
  json body = asset_body("Brukarregister", 2, 2, 2);
  body["owner_user_id"] = rc.owner.id;
  json asset = create_asset(api(rc.procurer), body);
  rc.asset_id = str(asset["id"]);
  json kase = create_case(api(rc.procurer), "KS 6/1");
  rc.case_id = str(kase["id"]);
  expect_json(api(rc.procurer).post(case_path(rc.case_id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");
  return rc;
}

std::string risks_path(const std::string& case_id) { return case_path(case_id) + "/risks"; }
}  // namespace

TEST(Risks, TheMatrixAndStarterListAreOffered) {
  Org org("risk-matrix");
  User u = org.user({"reader"});
  json m = expect_json(api(u).get("/api/v1/risk-matrix"), 200, "matrix");
  EXPECT_EQ(m["id"], "matris-4x4");
  EXPECT_EQ(m["likelihood"].size(), 4u);
  EXPECT_EQ(m["matrix"].size(), 4u);
  json s = expect_json(api(u).get("/api/v1/risk-starters"), 200, "starters");
  EXPECT_GE(s["items"].size(), 20u);
}

TEST(Risks, ARiskGetsItsLevelAndResidualLevelFromTheMatrix) {
  RiskCase rc = risk_case("risk-levels");
  json created = expect_json(api(rc.procurer).post(risks_path(rc.case_id),
                                                   {{"stage", "initial"},
                                                    {"title", "Leverantören går i konkurs"},
                                                    {"asset_ids", {rc.asset_id}},
                                                    {"aspects", {"availability"}},
                                                    {"likelihood", 4},
                                                    {"consequence", 4}}),
                             201, "create");
  EXPECT_EQ(created["level"]["acceptable"], false);
  EXPECT_TRUE(created["residual_level"].is_null());
  json spec = expect_json(api(rc.procurer).get(case_path(rc.case_id) + "/specification"), 200, "spec");
  std::string req = str(spec["entries"][0]["requirement_id"]);
  json linked = expect_json(api(rc.procurer).patch(risks_path(rc.case_id) + "/" + str(created["id"]),
                                                   {{"version", created["version"]},
                                                    {"requirement_ids", {req}},
                                                    {"residual_likelihood", 1},
                                                    {"residual_consequence", 2}}),
                            200, "link measures");
  EXPECT_EQ(linked["requirement_ids"], json({req}));
  EXPECT_EQ(linked["residual_level"]["acceptable"], true);
  EXPECT_EQ(linked["version"], created["version"].get<int>() + 1);
  json list = expect_json(api(rc.procurer).get(risks_path(rc.case_id)), 200, "list");
  EXPECT_EQ(list["items"].size(), 1u);
}

TEST(Risks, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  RiskCase rc = risk_case("risk-bad");
  auto p = risks_path(rc.case_id);
  EXPECT_TRUE(is_error(api(rc.procurer).post(p, {{"title", "X"}, {"likelihood", 5}, {"consequence", 1}}), 422,
                       "error.out_of_range", "likelihood"));
  EXPECT_TRUE(is_error(api(rc.procurer).post(p, {{"title", "X"}, {"likelihood", 2}, {"consequence", 2},
                                                 {"requirement_ids", {"UTV-99"}}}),
                       422, "error.requirement_not_in_specification", "requirement_ids"));
  EXPECT_TRUE(is_error(api(rc.procurer).post(p, {{"title", "X"}, {"likelihood", 2}, {"consequence", 2},
                                                 {"asset_ids", {"not-linked"}}}),
                       422, "error.asset_not_in_case", "asset_ids"));
  EXPECT_TRUE(is_error(api(rc.procurer).post(p, {{"title", "X"}, {"likelihood", 2}, {"consequence", 2},
                                                 {"residual_likelihood", 3}}),
                       422, "error.residual_above_inherent", "residual_likelihood"));
  EXPECT_TRUE(is_error(api(rc.procurer).post(p, {{"title", "X"}, {"likelihood", 2}, {"consequence", 2}, {"stage", "late"}}),
                       422, "error.unknown_value", "stage"));
  EXPECT_TRUE(is_error(api(rc.procurer).post(p, {{"likelihood", 2}, {"consequence", 2}}), 422, "error.required", "title"));
  EXPECT_TRUE(expect_json(api(rc.procurer).get(p), 200, "list")["items"].empty());
}

TEST(Risks, OnlyTheInformationOwnerOfAnAffectedAssetDecides) {
  RiskCase rc = risk_case("risk-decide");
  Org other_owner_org("risk-decide-x");
  json risk = expect_json(api(rc.procurer).post(risks_path(rc.case_id),
                                                {{"title", "Underleverantör i tredjeland"},
                                                 {"asset_ids", {rc.asset_id}},
                                                 {"likelihood", 3},
                                                 {"consequence", 3},
                                                 {"residual_likelihood", 2},
                                                 {"residual_consequence", 2}}),
                          201, "create");
  std::string path = risks_path(rc.case_id) + "/" + str(risk["id"]);
  EXPECT_TRUE(is_error(api(rc.procurer).patch(path, {{"version", risk["version"]}, {"decision", "accepted"},
                                                     {"decision_rationale", "Godtagbart"}}),
                       403, "error.only_asset_owner_decides"));
  EXPECT_TRUE(is_error(api(rc.owner).patch(path, {{"version", risk["version"]}, {"decision", "accepted"}}), 422,
                       "error.required", "decision_rationale"));
  json decided = expect_json(api(rc.owner).patch(path, {{"version", risk["version"]},
                                                        {"decision", "accepted"},
                                                        {"decision_rationale", "Kvarvarande risk godtas."}}),
                             200, "decide");
  EXPECT_EQ(decided["decision"], "accepted");
  EXPECT_EQ(decided["decided_by"], rc.owner.id);
  // New measures or levels make the decision lapse.
  json changed = expect_json(api(rc.procurer).patch(path, {{"version", decided["version"]}, {"residual_likelihood", 3}}),
                             200, "change residual");
  EXPECT_TRUE(changed["decision"].is_null());
}

TEST(Risks, ReadersReadAndOtherOrganisationsSeeNothing) {
  RiskCase rc = risk_case("risk-roles");
  json risk = expect_json(api(rc.procurer).post(risks_path(rc.case_id), {{"title", "Inlåsning"}, {"likelihood", 2},
                                                                         {"consequence", 3}}),
                          201, "create");
  Org other("risk-roles-other");
  User stranger = other.user({"procurer"});
  EXPECT_TRUE(is_error(api(stranger).get(risks_path(rc.case_id)), 404));
  EXPECT_TRUE(is_error(api(stranger).get(risks_path(rc.case_id) + "/" + str(risk["id"])), 404));
  EXPECT_TRUE(is_error(api(stranger).del(risks_path(rc.case_id) + "/" + str(risk["id"])), 404));
  EXPECT_EQ(api(rc.procurer).del(risks_path(rc.case_id) + "/" + str(risk["id"])).status, 204);
  EXPECT_TRUE(expect_json(api(rc.procurer).get(risks_path(rc.case_id)), 200, "list")["items"].empty());
}

}  // namespace kkt
