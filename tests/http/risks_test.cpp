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

namespace kkt {
namespace {
json findings_of(const Api& as, const std::string& case_id) {
  return expect_json(as.get(case_path(case_id) + "/findings"), 200, "findings")["findings"];
}
bool has_rule(const json& findings, const std::string& rule) {
  for (const auto& f : findings)
    if (f["reasons"][0]["rule_id"] == rule) return true;
  return false;
}
}  // namespace

TEST(RiskFindings, AnUnhandledHighRiskBlocksUntilMeasuresOrADecision) {
  RiskCase rc = risk_case("riskf-unhandled");
  json risk = expect_json(api(rc.procurer).post(risks_path(rc.case_id), {{"title", "Data blir kvar hos leverantören"},
                                                                         {"asset_ids", {rc.asset_id}},
                                                                         {"likelihood", 4},
                                                                         {"consequence", 4}}),
                          201, "create");
  json f = findings_of(api(rc.procurer), rc.case_id);
  ASSERT_TRUE(has_rule(f, "unhandled-risk")) << f;
  for (const auto& x : f)
    if (x["reasons"][0]["rule_id"] == "unhandled-risk") {
      EXPECT_EQ(x["severity"], "block");
      EXPECT_EQ(x["blocks_gate"], "documents_approved");
      EXPECT_TRUE(contains_text(str(x["text"]), "Data blir kvar hos leverantören"));
    }
  json spec = expect_json(api(rc.procurer).get(case_path(rc.case_id) + "/specification"), 200, "spec");
  std::string req = str(spec["entries"][0]["requirement_id"]);
  json linked = expect_json(api(rc.procurer).patch(risks_path(rc.case_id) + "/" + str(risk["id"]),
                                                   {{"version", risk["version"]}, {"requirement_ids", {req}}}),
                            200, "link");
  EXPECT_FALSE(has_rule(findings_of(api(rc.procurer), rc.case_id), "unhandled-risk"));
  // Traceability both ways: the requirement names the risk it treats.
  json after = expect_json(api(rc.procurer).get(case_path(rc.case_id) + "/specification"), 200, "spec");
  json entry = find_by(after["entries"], "requirement_id", req);
  ASSERT_EQ(entry["risks"].size(), 1u);
  EXPECT_EQ(entry["risks"][0]["id"], risk["id"]);

  // Without measures again, the information owner's acceptance also handles it.
  json bare = expect_json(api(rc.procurer).patch(risks_path(rc.case_id) + "/" + str(risk["id"]),
                                                 {{"version", linked["version"]}, {"requirement_ids", json::array()}}),
                          200, "unlink");
  EXPECT_TRUE(has_rule(findings_of(api(rc.procurer), rc.case_id), "unhandled-risk"));
  expect_json(api(rc.owner).patch(risks_path(rc.case_id) + "/" + str(risk["id"]),
                                  {{"version", bare["version"]}, {"decision", "accepted"},
                                   {"decision_rationale", "Vi tar risken under avtalstiden."}}),
              200, "accept");
  EXPECT_FALSE(has_rule(findings_of(api(rc.procurer), rc.case_id), "unhandled-risk"));
}

TEST(RiskFindings, DeepAndAwardRegistersAreNeededAtTheirGates) {
  RiskCase rc = risk_case("riskf-gates");
  EXPECT_FALSE(has_rule(findings_of(api(rc.procurer), rc.case_id), "deep-register"));
  pass_gate(api(rc.procurer), rc.case_id, "need_identified");
  pass_gate(api(rc.procurer), rc.case_id, "procure_decision");
  EXPECT_TRUE(has_rule(findings_of(api(rc.procurer), rc.case_id), "deep-register"));
  settle_activities(api(rc.procurer), rc.case_id, "documents_approved");
  record_model_for_gate(api(rc.procurer), rc.case_id, "documents_approved");
  auto blocked = decide(api(rc.procurer), rc.case_id, "documents_approved");
  EXPECT_TRUE(is_error(blocked, 422, "error.gate_blocked", "gate"));
  EXPECT_TRUE(contains_text(blocked.error_message(), "fördjupad riskbedömning")) << blocked.body;
  expect_json(api(rc.procurer).post(risks_path(rc.case_id), {{"stage", "deep"}, {"title", "Obehörig åtkomst"},
                                                             {"likelihood", 2}, {"consequence", 2}}),
              201, "deep risk");
  EXPECT_FALSE(has_rule(findings_of(api(rc.procurer), rc.case_id), "deep-register"));
  EXPECT_EQ(decide(api(rc.procurer), rc.case_id, "documents_approved").status, 201);
  EXPECT_TRUE(has_rule(findings_of(api(rc.procurer), rc.case_id), "award-register"));
  settle_activities(api(rc.procurer), rc.case_id, "award_decided");
  EXPECT_TRUE(is_error(decide(api(rc.procurer), rc.case_id, "award_decided"), 422, "error.gate_blocked"));
  expect_json(api(rc.procurer).post(risks_path(rc.case_id), {{"stage", "award"}, {"title", "Leverantörens ägare byts"},
                                                             {"likelihood", 1}, {"consequence", 2}}),
              201, "award risk");
  EXPECT_EQ(decide(api(rc.procurer), rc.case_id, "award_decided").status, 201);
}

TEST(RiskFindings, ARequirementAddedByHandThatMeetsNoRiskCanBeStruck) {
  RiskCase rc = risk_case("riskf-orphan");
  expect_json(api(rc.procurer).post(risks_path(rc.case_id), {{"stage", "deep"}, {"title", "Inlåsning"},
                                                             {"likelihood", 2}, {"consequence", 2}}),
              201, "deep risk");
  expect_json(api(rc.procurer).post(case_path(rc.case_id) + "/specification/entries",
                                    {{"requirement_id", "UTV-50"}, {"reason", "Kanske behövs."}}),
              201, "add by hand");
  json f = findings_of(api(rc.procurer), rc.case_id);
  ASSERT_TRUE(has_rule(f, "requirement-without-risk")) << f;
  json list = expect_json(api(rc.procurer).get(risks_path(rc.case_id)), 200, "risks");
  json risk = list["items"][0];
  expect_json(api(rc.procurer).patch(risks_path(rc.case_id) + "/" + str(risk["id"]),
                                     {{"version", risk["version"]}, {"requirement_ids", {"UTV-50"}}}),
              200, "link");
  EXPECT_FALSE(has_rule(findings_of(api(rc.procurer), rc.case_id), "requirement-without-risk"));
}

}  // namespace kkt

namespace kkt {

TEST(RiskReassessment, CopyingToTheNextStageKeepsTheEarlierStageAsHistory) {
  RiskCase rc = risk_case("risk-copy");
  json first = expect_json(api(rc.procurer).post(risks_path(rc.case_id), {{"stage", "initial"}, {"title", "Inlåsning"},
                                                                          {"asset_ids", {rc.asset_id}},
                                                                          {"likelihood", 3}, {"consequence", 2}}),
                           201, "initial risk");
  EXPECT_TRUE(is_error(api(rc.procurer).post(risks_path(rc.case_id) + "/copy-stage", {{"from", "deep"}, {"to", "initial"}}),
                       422, "error.stage_not_later", "to"));
  json copied = expect_json(api(rc.procurer).post(risks_path(rc.case_id) + "/copy-stage", {{"from", "initial"}, {"to", "deep"}}),
                            200, "copy");
  EXPECT_EQ(copied["copied"], 1);
  // Copying again does not duplicate.
  EXPECT_EQ(expect_json(api(rc.procurer).post(risks_path(rc.case_id) + "/copy-stage", {{"from", "initial"}, {"to", "deep"}}),
                        200, "copy again")["copied"], 0);
  json list = expect_json(api(rc.procurer).get(risks_path(rc.case_id)), 200, "list")["items"];
  ASSERT_EQ(list.size(), 2u);
  json deep = find_by(list, "stage", "deep");
  EXPECT_EQ(deep["copied_from"], first["id"]);
  EXPECT_EQ(deep["title"], "Inlåsning");
  EXPECT_EQ(find_by(list, "stage", "initial")["id"], first["id"]);
}

TEST(RiskReassessment, ChangedFactsMarkTheRegisterForReview) {
  RiskCase rc = risk_case("risk-review");
  json risk = expect_json(api(rc.procurer).post(risks_path(rc.case_id), {{"title", "Avbrott i tjänsten"},
                                                                         {"likelihood", 2}, {"consequence", 2}}),
                          201, "risk");
  json before = expect_json(api(rc.procurer).get(risks_path(rc.case_id)), 200, "list");
  EXPECT_EQ(before["needs_review"], 0);
  json kase = get_case(api(rc.procurer), rc.case_id);
  expect_json(api(rc.procurer).patch(case_path(rc.case_id), {{"version", kase["version"]}, {"hosting_location", "third_country"}}),
              200, "change hosting");
  json after = expect_json(api(rc.procurer).get(risks_path(rc.case_id)), 200, "list");
  EXPECT_EQ(after["needs_review"], 1);
  EXPECT_EQ(after["items"][0]["needs_review"], true);
  json f = expect_json(api(rc.procurer).get(case_path(rc.case_id) + "/findings"), 200, "findings")["findings"];
  bool flagged = false;
  for (const auto& x : f) flagged = flagged || x["reasons"][0]["rule_id"] == "register-review";
  EXPECT_TRUE(flagged);
  expect_json(api(rc.procurer).patch(risks_path(rc.case_id) + "/" + str(risk["id"]), {{"version", risk["version"]}, {"reviewed", true}}),
              200, "reviewed");
  EXPECT_EQ(expect_json(api(rc.procurer).get(risks_path(rc.case_id)), 200, "list")["needs_review"], 0);
}

}  // namespace kkt

#include "io/office_convert.hpp"
#include "io/xlsx_reader.hpp"

namespace kkt {

TEST(RiskExport, TheRegisterExportsAsXlsxAndCsv) {
  RiskCase rc = risk_case("risk-export");
  expect_json(api(rc.procurer).post(risks_path(rc.case_id), {{"title", "Säkerhetskopior går förlorade"},
                                                             {"likelihood", 2}, {"consequence", 4}}),
              201, "risk");
  auto xlsx = api(rc.procurer).get(risks_path(rc.case_id) + ".xlsx");
  ASSERT_EQ(xlsx.status, 200);
  auto sheets = kk::io::read_xlsx(xlsx.body);
  ASSERT_TRUE(sheets.ok());
  bool found = false;
  for (const auto& row : (*sheets)[0].rows)
    for (const auto& cell : row) found = found || cell == "Säkerhetskopior går förlorade";
  EXPECT_TRUE(found);
  auto csv = api(rc.procurer).get(risks_path(rc.case_id) + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("Säkerhetskopior går förlorade"), std::string::npos);
  // The report: LibreOffice reads the heat maps (counts with their level) and the risk.
  auto docx = api(rc.procurer).get(risks_path(rc.case_id) + ".docx");
  ASSERT_EQ(docx.status, 200);
  auto text = kk::io::convert_with_libreoffice(docx.body, "docx", "txt:Text");
  ASSERT_TRUE(text.ok()) << "LibreOffice must convert the risk report";
  EXPECT_NE(text->find("Riskbedömning"), std::string::npos);
  EXPECT_NE(text->find("Initial riskbedömning"), std::string::npos);
  EXPECT_NE(text->find("Före åtgärder"), std::string::npos);
  EXPECT_NE(text->find("Säkerhetskopior går förlorade"), std::string::npos);
  EXPECT_NE(text->find("1 ("), std::string::npos) << *text;
  Org other("risk-export-other");
  EXPECT_TRUE(is_error(api(other.user({"procurer"})).get(risks_path(rc.case_id) + ".xlsx"), 404));
  EXPECT_TRUE(is_error(api(other.user({"procurer"})).get(risks_path(rc.case_id) + ".docx"), 404));
}

}  // namespace kkt

namespace kkt {

TEST(RiskAssessments, TheInitialAssessmentShouldIncludeTheFutureDeliveryManager) {
  RiskCase rc = risk_case("risk-participants");
  json kase = get_case(api(rc.procurer), rc.case_id);
  expect_json(api(rc.procurer).patch(case_path(rc.case_id), {{"version", kase["version"]}, {"delivery_manager_id", rc.owner.id}}),
              200, "appoint delivery manager");
  expect_json(api(rc.procurer).post(risks_path(rc.case_id), {{"title", "Ingen kan följa upp avtalet"}, {"likelihood", 2},
                                                             {"consequence", 2}}),
              201, "risk");
  auto has = [&](const std::string& rule) {
    const json found = expect_json(api(rc.procurer).get(case_path(rc.case_id) + "/findings"), 200, "f");
    for (const auto& f : found["findings"])
      if (f["reasons"][0]["rule_id"] == rule) return true;
    return false;
  };
  EXPECT_TRUE(has("initial-participants"));
  json list = expect_json(api(rc.procurer).get(case_path(rc.case_id) + "/risk-assessments"), 200, "assessments");
  EXPECT_EQ(list["items"].size(), 3u);
  EXPECT_EQ(list["items"][0]["version"], 0);
  EXPECT_TRUE(is_error(api(rc.procurer).patch(case_path(rc.case_id) + "/risk-assessments/initial",
                                              {{"version", 0}, {"participants", {"nobody"}}}),
                       422, "error.unknown_user", "participants"));
  json saved = expect_json(api(rc.procurer).patch(case_path(rc.case_id) + "/risk-assessments/initial",
                                                  {{"version", 0}, {"participants", {rc.procurer.id, rc.owner.id}},
                                                   {"notes", "Workshop 2026-11-20."}}),
                           200, "participants");
  EXPECT_EQ(saved["version"], 1);
  EXPECT_EQ(saved["participants"].size(), 2u);
  EXPECT_FALSE(has("initial-participants"));
  EXPECT_TRUE(is_error(api(rc.procurer).patch(case_path(rc.case_id) + "/risk-assessments/initial",
                                              {{"version", 0}, {"participants", json::array()}}),
                       409, "error.stale_version"));
}

TEST(RiskAssessments, TheRiskOwnerCompletesTheirOwnRisk) {
  RiskCase rc = risk_case("risk-owner");
  json risk = expect_json(api(rc.procurer).post(risks_path(rc.case_id), {{"title", "Ägarbyte hos leverantören"},
                                                                         {"likelihood", 2}, {"consequence", 2},
                                                                         {"owner_user_id", rc.owner.id}}),
                          201, "risk");
  // The owner (an information owner here) updates the description of their own risk.
  json updated = expect_json(api(rc.owner).patch(risks_path(rc.case_id) + "/" + str(risk["id"]),
                                                 {{"version", risk["version"]}, {"description", "Köparen kan vara utländsk."}}),
                             200, "owner edits");
  EXPECT_EQ(updated["description"], "Köparen kan vara utländsk.");
}

}  // namespace kkt
