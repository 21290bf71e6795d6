// The routines over HTTP: guided forms whose answers become facts the rule sets read,
// activities only their owner records, blocking findings that stop the gate they name,
// governing documents, framework parties, supplier confirmations, and the outsourcing
// assessment's decision basis read by LibreOffice.
#include "api_helpers.hpp"
#include "io/office_convert.hpp"

namespace kkt {
namespace {

// A case with one asset of these levels and flags, changed by `fields` (operator, hosting, kind …).
std::string routine_case(const Api& as, const std::string& number, int level, json flags, json fields = json::object()) {
  json body = asset_body("Register " + number, level, level, level);
  body["flags"] = flags;
  json asset = create_asset(as, body);
  json c = case_body(number);
  c.update(fields);
  json kase = create_case(as, c);
  std::string id = str(kase["id"]);
  expect_json(as.post(case_path(id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link asset");
  return id;
}

json form_of(const Api& as, const std::string& id, const std::string& form) {
  return expect_json(as.get(case_path(id) + "/forms/" + form), 200, "GET form " + form);
}

json save_form(const Api& as, const std::string& id, const std::string& form, const json& answers) {
  json current = form_of(as, id, form);
  return expect_json(as.put(case_path(id) + "/forms/" + form, {{"version", current["version"]}, {"answers", answers}}),
                     200, "PUT form " + form);
}

bool has_required(const json& detail, const std::string& key) {
  return find_by(detail["required_activities"], "key", key).is_object();
}

bool has_finding(const Api& as, const std::string& id, const std::string& rule, const std::string& severity) {
  json f = expect_json(as.get(case_path(id) + "/findings"), 200, "findings");
  for (const auto& x : f["findings"])
    if (x["reasons"][0]["rule_id"] == rule && x["severity"] == severity) return true;
  return false;
}

void record(const Api& as, const std::string& id, const std::string& key) {
  json a = find_by(get_case(as, id)["required_activities"], "key", key);
  ASSERT_TRUE(a.is_object()) << key;
  expect_json(as.patch(case_path(id) + "/activities/" + key, {{"status", "done"}, {"comment", "Gjort."}, {"version", a["version"]}}),
              200, "record " + key);
}

}  // namespace

TEST(Routines, DpiaScreeningAnswersDecideWhetherADpiaIsRequired) {
  Org org("rut-dpia");
  User u = org.user({"procurer", "information_owner", "admin"});
  std::string id = routine_case(api(u), "KS 5/1", 2, {{"personal_data", true}});
  json forms = expect_json(api(u).get(case_path(id) + "/forms"), 200, "forms");
  EXPECT_TRUE(find_by(forms["items"], "id", "dpia-screening")["applies"].get<bool>());
  EXPECT_FALSE(find_by(forms["items"], "id", "outsourcing")["applies"].get<bool>());  // no secrecy
  EXPECT_TRUE(has_required(get_case(api(u), id), "dpia_screening"));

  // One criterion: no DPIA.
  json one = save_form(api(u), id, "dpia-screening", {{"sensitive_data", {{"value", "yes"}}}, {"large_scale", {{"value", "no"}}}});
  EXPECT_EQ(one["facts"]["dpia_criteria"], 1);
  EXPECT_FALSE(has_required(get_case(api(u), id), "dpia"));
  EXPECT_FALSE(has_finding(api(u), id, "dpia-kravs", "warning"));

  // Two criteria: a DPIA is required and a finding says so, with the fact as its reason.
  json two = save_form(api(u), id, "dpia-screening", {{"vulnerable_subjects", {{"value", "yes"}}}});
  EXPECT_EQ(two["facts"]["dpia_criteria"], 2);
  EXPECT_EQ(two["answered"], 3);
  EXPECT_TRUE(has_required(get_case(api(u), id), "dpia"));
  EXPECT_TRUE(has_finding(api(u), id, "dpia-kravs", "warning"));
  json audit = audit_items(api(u), 5);
  EXPECT_EQ(audit[0]["action"], "case.form");

  // A high residual risk after the DPIA: prior consultation stops the signing of the contract.
  save_form(api(u), id, "dpia-screening", {{"high_residual_risk", {{"value", "yes"}, {"reasoning", "Profilering av barn."}}}});
  EXPECT_TRUE(has_finding(api(u), id, "forhandssamrad-imy", "block"));
}

TEST(Routines, FormAnswersAreCheckedAndAStaleVersionIsRefused) {
  Org org("rut-form-errors");
  User u = org.user({"procurer", "admin"});
  std::string id = routine_case(api(u), "KS 5/2", 2, {{"personal_data", true}});
  long long seq = latest_audit_seq(api(u));
  EXPECT_TRUE(is_error(api(u).put(case_path(id) + "/forms/dpia-screening",
                                  {{"version", 0}, {"answers", {{"sensitive_data", {{"value", "kanske"}}}}}}),
                       422, "error.form_answer", "answers.sensitive_data"));
  EXPECT_TRUE(is_error(api(u).put(case_path(id) + "/forms/dpia-screening",
                                  {{"version", 0}, {"answers", {{"no_such", {{"value", "yes"}}}}}}),
                       422, "error.form_unknown_question", "answers.no_such"));
  EXPECT_TRUE(is_error(api(u).put(case_path(id) + "/forms/dpia-screening",
                                  {{"version", 0}, {"answers", {{"large_scale", {{"value", 3}}}}}}),
                       400, "", "answers.large_scale.value"));
  EXPECT_EQ(latest_audit_seq(api(u)), seq);  // nothing written
  EXPECT_EQ(form_of(api(u), id, "dpia-screening")["version"], 0);

  save_form(api(u), id, "dpia-screening", {{"large_scale", {{"value", "no"}}}});
  EXPECT_TRUE(is_error(api(u).put(case_path(id) + "/forms/dpia-screening",
                                  {{"version", 0}, {"answers", {{"large_scale", {{"value", "yes"}}}}}}),
                       409, "error.stale_version"));
  EXPECT_TRUE(is_error(api(u).get(case_path(id) + "/forms/no-such-form"), 404));
  User reader = org.user({"reader"});
  EXPECT_TRUE(is_error(api(reader).put(case_path(id) + "/forms/dpia-screening",
                                       {{"version", 1}, {"answers", {{"large_scale", {{"value", "yes"}}}}}}),
                       403));
}

TEST(Routines, SecurityProtectedStepsAreRecordedOnlyByTheSecurityOfficerAndStopTheGate) {
  Org org("rut-sua");
  User procurer = org.user({"procurer", "information_owner"});
  User officer = org.user({"security_officer"});
  std::string id = routine_case(api(procurer), "KS 5/3", 2, {{"security_protection", true}});
  json detail = get_case(api(procurer), id);
  json step = find_by(detail["required_activities"], "key", "security_protection_assessment");
  ASSERT_TRUE(step.is_object());
  EXPECT_EQ(step["owner"], "security_officer");
  EXPECT_TRUE(is_error(api(procurer).patch(case_path(id) + "/activities/security_protection_assessment",
                                           {{"status", "done"}, {"comment", "Klart."}, {"version", step["version"]}}),
                       403, "error.activity_owner"));

  pass_gate(api(procurer), id, "need_identified");
  settle_activities(api(procurer), id, "procure_decision");
  auto blocked = decide(api(procurer), id, "procure_decision");
  EXPECT_TRUE(is_error(blocked, 422, "error.gate_blocked", "gate"));
  EXPECT_TRUE(contains_text(blocked.error_message(), "lämplighetsprövning")) << blocked.body;

  for (const char* key : {"security_protection_assessment", "sua_special_assessment", "sua_suitability_assessment"})
    record(api(officer), id, key);
  // The consultation question is still open: the track asks, and once answered "no" nothing more is needed.
  save_form(api(procurer), id, "triage",
            {{"security_consultation_required", {{"value", "no"}, {"reasoning", "Inget samråd krävs enligt analysen."}}}});
  EXPECT_FALSE(has_required(get_case(api(procurer), id), "sua_supervisory_consultation"));
  EXPECT_EQ(decide(api(procurer), id, "procure_decision").status, 201);
}

TEST(Routines, OutsourcingAssessmentProducesADecisionBasisLibreOfficeReads) {
  Org org("rut-outsourcing");
  User lawyer = org.user({"legal", "procurer"});
  std::string id = routine_case(api(lawyer), "KS 5/4", 3, {{"secrecy", true}},
                                {{"operator", "external"}, {"hosting_location", "eu_eea_cloud"}});
  EXPECT_EQ(find_by(get_case(api(lawyer), id)["required_activities"], "key", "outsourcing_assessment")["owner"], "legal");
  json form = form_of(api(lawyer), id, "outsourcing");
  EXPECT_TRUE(form["applies"].get<bool>());
  EXPECT_TRUE(form["document"].get<bool>());
  EXPECT_FALSE(form["complete"].get<bool>());

  json answers = json::object();
  for (const auto& s : form["sections"])
    for (const auto& q : s["questions"]) {
      std::string value = q["kind"] == "text" ? "Leverantörens moderbolag finns i USA; risken för utlämnande kvarstår."
                          : q["kind"] == "yes_no" ? "no" : str(q["options"][0]["key"]);
      if (q["key"] == "proposed_decision") value = "permitted_with_conditions";
      answers[str(q["key"])] = {{"value", value}, {"reasoning", "Motivering för " + str(q["key"]) + "."}};
    }
  json saved = save_form(api(lawyer), id, "outsourcing", answers);
  EXPECT_TRUE(saved["complete"].get<bool>()) << saved["unanswered"];
  EXPECT_EQ(saved["facts"]["outsourcing_outcome"], "permitted_with_conditions");
  EXPECT_TRUE(has_finding(api(lawyer), id, "utkontraktering-villkor", "warning"));

  auto r = api(lawyer).get(case_path(id) + "/forms/outsourcing/decision-basis.docx");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.header("content-type").find("wordprocessingml"), std::string::npos);
  auto text = kk::io::convert_with_libreoffice(r.body, "docx", "txt:Text");
  ASSERT_TRUE(text.ok()) << "LibreOffice must read the decision basis";
  EXPECT_NE(text->find("Beslutsunderlag"), std::string::npos) << *text;
  EXPECT_NE(text->find("KS 5/4"), std::string::npos);
  EXPECT_NE(text->find("Motivering för proposed_decision."), std::string::npos) << *text;
  EXPECT_NE(text->find("moderbolag finns i USA"), std::string::npos);
  EXPECT_EQ(text->find("Utkast"), std::string::npos);  // complete: not a draft

  // A form that produces no document has no decision basis.
  EXPECT_TRUE(is_error(api(lawyer).get(case_path(id) + "/forms/triage/decision-basis.docx"), 404));
}

TEST(Routines, AnExcludingExternalRequirementStopsTheDecisionToProcure) {
  Org org("rut-governing");
  User u = org.user({"procurer", "information_owner"});
  std::string id = routine_case(api(u), "KS 5/5", 1, json::object());
  EXPECT_TRUE(has_finding(api(u), id, "styrande-dokument-saknas", "info"));
  auto wrong = api(u).post(case_path(id) + "/governing-documents",
                           {{"origin", "internal"}, {"category", "law"}, {"title", "OSL"}});
  EXPECT_TRUE(is_error(wrong, 422, "error.category_origin", "category"));
  EXPECT_TRUE(is_error(api(u).post(case_path(id) + "/governing-documents",
                                   {{"origin", "internal"}, {"category", "policy"}, {"title", "Policy"}, {"excludes", true}}),
                       422, "error.excludes_external", "excludes"));
  EXPECT_TRUE(is_error(api(u).post(case_path(id) + "/governing-documents", {{"origin", "internal"}, {"category", "policy"}}),
                       400, "error.required", "title"));
  expect_json(api(u).post(case_path(id) + "/governing-documents",
                          {{"origin", "internal"}, {"category", "sourcing_strategy"}, {"title", "Inköpsstrategi 2026"}}),
              201, "add internal");
  json law = expect_json(api(u).post(case_path(id) + "/governing-documents",
                                     {{"origin", "external"}, {"category", "agreement"}, {"title", "Avtal med regionen"},
                                      {"excludes", true}, {"note", "Tjänsten får bara köpas via regionen."}}),
                         201, "add excluding");
  EXPECT_FALSE(has_finding(api(u), id, "styrande-dokument-saknas", "info"));
  pass_gate(api(u), id, "need_identified");
  settle_activities(api(u), id, "procure_decision");
  auto blocked = decide(api(u), id, "procure_decision");
  EXPECT_TRUE(is_error(blocked, 422, "error.gate_blocked"));
  EXPECT_TRUE(is_error(api(u).del(case_path(id) + "/governing-documents/" + str(law["id"]), {{"version", 9}}), 409));
  expect_json(api(u).del(case_path(id) + "/governing-documents/" + str(law["id"]), {{"version", law["version"]}}), 200, "remove");
  EXPECT_EQ(decide(api(u), id, "procure_decision").status, 201);
}

TEST(Routines, AFrameworkAgreementIsClassifiedAtTheHighestNeedOfItsParties) {
  Org org("rut-framework");
  User u = org.user({"procurer"});
  std::string id = routine_case(api(u), "KS 5/6", 1, json::object(), {{"kind", "framework_agreement"}});
  EXPECT_TRUE(has_finding(api(u), id, "ramavtal-avropande-parter", "warning"));
  EXPECT_TRUE(is_error(api(u).post(case_path(id) + "/framework-parties", {{"name", "Bolaget"}, {"levels", {{"confidentiality", 7}}}}),
                       422, "error.level_out_of_range", "levels.confidentiality"));
  expect_json(api(u).post(case_path(id) + "/framework-parties", {{"name", "Vårdbolaget"}, {"levels", {{"confidentiality", 3}}}}),
              201, "add party");
  json detail = get_case(api(u), id);
  EXPECT_EQ(detail["classification"]["confidentiality"]["level"], 3);
  EXPECT_EQ(detail["classification"]["confidentiality"]["asset_name"], "Vårdbolaget");
  EXPECT_FALSE(has_finding(api(u), id, "ramavtal-avropande-parter", "warning"));
}

TEST(Routines, ACallOffWhoseFrameworkTermsFallShortNeedsAnOwnProcurement) {
  Org org("rut-calloff");
  User u = org.user({"procurer"});
  std::string id = routine_case(api(u), "KS 5/7", 2, json::object(), {{"kind", "call_off"}});
  EXPECT_TRUE(has_finding(api(u), id, "avrop-fragor", "info"));
  save_form(api(u), id, "triage", {{"framework_terms_sufficient", {{"value", "no"}, {"reasoning", "Loggkrav saknas."}}},
                                   {"framework_allows_additions", {{"value", "yes"}}}});
  EXPECT_TRUE(has_finding(api(u), id, "avrop-komplettera", "warning"));
  EXPECT_FALSE(has_finding(api(u), id, "avrop-egen-upphandling", "block"));
  save_form(api(u), id, "triage", {{"framework_allows_additions", {{"value", "no"}}}});
  EXPECT_TRUE(has_finding(api(u), id, "avrop-egen-upphandling", "block"));
  save_form(api(u), id, "triage", {{"framework_terms_sufficient", {{"value", "yes"}, {"reasoning", "Villkoren täcker kraven."}}}});
  EXPECT_FALSE(has_finding(api(u), id, "avrop-egen-upphandling", "block"));
}

TEST(Routines, AChangeOfOperatingFormNeedsTheSuppliersConfirmationOfEachMeasure) {
  Org org("rut-confirm");
  User u = org.user({"procurer", "information_owner"});
  std::string id = routine_case(api(u), "KS 5/8", 2, json::object(),
                                {{"kind", "operation_change"}, {"operator", "external"}, {"hosting_location", "eu_eea_cloud"}});
  EXPECT_TRUE(has_required(get_case(api(u), id), "cloud_supplier_confirmation"));
  json list = expect_json(api(u).get(case_path(id) + "/confirmations"), 200, "confirmations");
  EXPECT_TRUE(list["applies"].get<bool>());
  std::vector<std::string> measures;
  for (const auto& i : list["items"]) measures.push_back(str(i["requirement_id"]));
  for (const char* id_ : {"KON-52", "LEV-53", "DAT-54"})
    EXPECT_NE(std::find(measures.begin(), measures.end(), id_), measures.end()) << id_;
  EXPECT_TRUE(has_finding(api(u), id, "leverantorens-bekraftelse", "block"));

  EXPECT_TRUE(is_error(api(u).put(case_path(id) + "/confirmations/KON-52", {{"version", 0}, {"evidence", ""}}),
                       400, "error.required", "evidence"));
  EXPECT_TRUE(is_error(api(u).put(case_path(id) + "/confirmations/UTV-50", {{"version", 0}, {"evidence", "x"}}), 404));
  for (const auto& m : measures)
    expect_json(api(u).put(case_path(id) + "/confirmations/" + m,
                           {{"version", 0}, {"evidence", "Leverantörens intyg och rapport."}, {"document", "Dnr 2026/14"}}),
                200, "confirm " + m);
  EXPECT_FALSE(has_finding(api(u), id, "leverantorens-bekraftelse", "block"));
  // A procurement makes tender documents instead: no confirmations.
  std::string procurement = routine_case(api(u), "KS 5/9", 2, json::object(),
                                         {{"operator", "external"}, {"hosting_location", "eu_eea_cloud"}});
  EXPECT_FALSE(expect_json(api(u).get(case_path(procurement) + "/confirmations"), 200, "c")["applies"].get<bool>());
  EXPECT_FALSE(has_finding(api(u), procurement, "leverantorens-bekraftelse", "block"));
}

}  // namespace kkt
