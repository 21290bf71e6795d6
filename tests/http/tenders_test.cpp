// Suppliers, sealed tenders and their evaluation over the API: the supplier register with its
// findings, invitations, answers and evidence before the deadline, the lock after it, the
// opening, who sees tender contents when, and the evaluation by the model.
#include <chrono>
#include <ctime>
#include <thread>

#include "api_helpers.hpp"

using namespace kkt;

namespace {
// UTC text `seconds` from now, as the API takes it.
std::string utc_in(int seconds) {
  std::time_t t = std::time(nullptr) + seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void wait_until(const std::string& utc) {
  while (utc_in(0) <= utc) std::this_thread::sleep_for(std::chrono::milliseconds(200));
}

json supplier_body(const std::string& name, const std::string& country = "SE") {
  return {{"name", name}, {"org_number", "556000-0000"}, {"country", country}};
}

// A supplier user's API, signed in with a token made on the command line.
Api supplier_api(const std::string& username) {
  auto token = run_kravkedja({"token", "create", username, "--db", config().db_url});
  EXPECT_EQ(token.exit_code, 0) << token.err;
  std::string t = token.out;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  return Api(t);
}

// Answers every requirement as met: the first choice offered, or a text.
json all_met(const json& tender) {
  json answers = json::array();
  for (const auto& r : tender["requirements"]) {
    json a = {{"requirement_id", r["id"]}};
    if (r["choices"].empty()) a["value"] = "Uppfylls enligt bilaga.";
    else a["choice"] = r["choices"][0]["value"];
    answers.push_back(a);
  }
  return answers;
}

struct Procurement {
  std::string case_id;
  std::string deadline;
};

// A case through documents_approved with a points model and a deadline `seconds` from now.
Procurement procurement(const Api& as, const std::string& number, int seconds) {
  Procurement p;
  p.deadline = utc_in(seconds);
  json body = case_body(number, "Molntjänst för e-arkiv");
  body["delivery_model"] = "cloud_saas";
  body["tender_deadline"] = p.deadline;
  p.case_id = create_case(as, body)["id"];
  pass_gate(as, p.case_id, "need_identified");
  pass_gate(as, p.case_id, "procure_decision");
  expect_json(as.put(case_path(p.case_id) + "/evaluation-model", {{"version", 0}, {"method", "points"}}), 200,
              "evaluation model");
  pass_gate(as, p.case_id, "documents_approved");
  return p;
}

struct Invited {
  std::string tender_id;
  std::string username;
  Api as;
};

Invited invite(const Api& procurer, const std::string& case_id, const std::string& supplier_name) {
  json s = expect_json(procurer.post("/api/v1/suppliers", supplier_body(supplier_name)), 201, "add supplier");
  std::string username = unique_name("lev");
  json inv = expect_json(procurer.post(case_path(case_id) + "/tenders",
                                       {{"supplier_id", s["id"]}, {"username", username}, {"display_name", supplier_name + " anbud"}}),
                         201, "invite");
  EXPECT_TRUE(inv["user"].contains("initial_password"));
  EXPECT_EQ(inv["user"]["roles"], json::array());
  return {inv["tender"]["id"], username, supplier_api(username)};
}
}  // namespace

TEST(Suppliers, TheRegisterKeepsCertificationsAndSubcontractorsAndSaysWhatToLookAt) {
  Org org("suppliers");
  Api as = api(org.user({"admin", "procurer"}));
  json body = supplier_body("Molnbolaget AB");
  body["parent_name"] = "Cloud Holdings Inc.";
  body["parent_country"] = "us";
  body["dpf_listed"] = true;
  body["dpf_checked_on"] = "2020-01-15";
  body["certifications"] = {{{"kind", "iso27001"}, {"issuer", "Certbolaget"}, {"valid_from", "2020-01-01"},
                             {"valid_until", "2021-01-01"}, {"scope", "Drift av e-arkivtjänsten"},
                             {"services", {"E-arkiv"}}},
                            {{"kind", "soc2"}, {"valid_until", "2099-12-31"}}};
  body["subcontractors"] = {{{"name", "Support Ltd"}, {"country", "IN"}, {"information", "Ärendeloggar"}, {"service", "Support"}}};
  body["contacts"] = {{{"name", "Eva Ek"}, {"role", "Säljansvarig"}, {"email", "eva@example.se"}}};
  json s = expect_json(as.post("/api/v1/suppliers", body), 201, "create supplier");
  EXPECT_EQ(s["parent_country"], "US");
  EXPECT_EQ(s["certifications"].size(), 2u);
  EXPECT_FALSE(s["certifications"][0]["id"].get<std::string>().empty());
  std::set<std::string> checks;
  for (const auto& f : s["findings"]) checks.insert(f["check"]);
  for (const char* c : {"certificate_expired", "parent_third_country", "subcontractor_third_country", "dpf_check_old"})
    EXPECT_TRUE(checks.count(c)) << c << " in " << s["findings"];
  EXPECT_TRUE(contains_text(str(s["findings"]), "Support Ltd"));

  // Bad input names the field (nested items by place) and writes nothing.
  json before = expect_json(as.get("/api/v1/suppliers"), 200, "list");
  const std::vector<std::pair<json, std::string>> bad{
      {supplier_body("X", "Sverige"), "country"},
      {json{{"name", "Y"}, {"country", "SE"}, {"subcontractors", {{{"name", "Z"}, {"country", "Indien"}}}}},
       "subcontractors[0].country"},
      {json{{"name", "Y"}, {"country", "SE"},
            {"certifications", {{{"kind", "iso27001"}}, {{"kind", "iso27001"}, {"valid_from", "2025-01-01"}, {"valid_until", "2024-01-01"}}}}},
       "certifications[1].valid_until"},
      {json{{"name", "Y"}, {"country", "SE"}, {"certifications", {{{"kind", "iso9001"}}}}}, "certifications[0].kind"},
      {json{{"name", "Y"}, {"country", "SE"}, {"contacts", {{{"name", "A"}, {"email", "inte-en-adress"}}}}}, "contacts[0].email"},
      {supplier_body("Molnbolaget AB"), ""},
  };
  for (const auto& [b, field] : bad) {
    auto r = as.post("/api/v1/suppliers", b);
    if (field.empty()) EXPECT_TRUE(is_error(r, 409, "error.supplier_name_taken")) << b;
    else EXPECT_TRUE(is_error(r, 422, "", field)) << b;
  }
  EXPECT_EQ(expect_json(as.get("/api/v1/suppliers"), 200, "list"), before);

  // Edits send the version read; a stale one is refused with the current state.
  json patched = expect_json(as.patch("/api/v1/suppliers/" + str(s["id"]),
                                      {{"version", s["version"]}, {"dpf_checked_on", utc_in(0).substr(0, 10)}}),
                             200, "patch");
  EXPECT_EQ(patched["certifications"].size(), 2u) << "lists not given are kept";
  for (const auto& f : patched["findings"]) EXPECT_NE(f["check"], "dpf_check_old");
  EXPECT_TRUE(is_error(as.patch("/api/v1/suppliers/" + str(s["id"]), {{"version", s["version"]}, {"note", "x"}}), 409));
  // A reader sees the register but cannot change it.
  Api reader = api(org.user({"reader"}));
  EXPECT_TRUE(has_status(reader.get("/api/v1/suppliers"), 200));
  EXPECT_TRUE(is_error(reader.post("/api/v1/suppliers", supplier_body("Annan AB")), 403));
  expect_json(as.del("/api/v1/suppliers/" + str(s["id"]), {{"version", patched["version"]}}), 200, "delete");
}

TEST(Tenders, SealedUntilOpenedThenSeenByTheEvaluationGroupAndNeverByOtherSuppliers) {
  Org org("tenders-sealed");
  User procurer_user = org.user({"admin", "ciso", "procurer", "information_owner"});
  Api procurer = api(procurer_user);
  User evaluator_user = org.user({"reader"});
  Api evaluator = api(evaluator_user);
  Api colleague = api(org.user({"reader"}));
  Procurement p = procurement(procurer, "KS 2026/101", 8);

  Invited a = invite(procurer, p.case_id, "Anbudsgivare A AB");
  Invited b = invite(procurer, p.case_id, "Anbudsgivare B AB");

  // Supplier A answers everything, gives a price and submits.
  json ta = expect_json(a.as.get("/api/v1/tenders/" + a.tender_id), 200, "supplier reads its tender");
  ASSERT_FALSE(ta["requirements"].empty());
  EXPECT_TRUE(ta["may_answer"].get<bool>());
  json saved = expect_json(a.as.put("/api/v1/tenders/" + a.tender_id + "/responses",
                                    {{"version", ta["version"]}, {"price_sek", 1200000}, {"service", "E-arkiv"},
                                     {"answers", all_met(ta)}}),
                           200, "save answers");
  EXPECT_EQ(saved["answered"], saved["total"]);
  json submitted = expect_json(a.as.post("/api/v1/tenders/" + a.tender_id + "/submission", {{"version", saved["version"]}}),
                               200, "submit");
  EXPECT_EQ(submitted["status"], "submitted");

  // Supplier B answers one requirement only: it cannot submit, and it cannot answer outside the choices.
  json tb = expect_json(b.as.get("/api/v1/tenders/" + b.tender_id), 200, "B reads");
  json first = tb["requirements"][0];
  EXPECT_TRUE(is_error(b.as.put("/api/v1/tenders/" + b.tender_id + "/responses",
                                {{"version", tb["version"]}, {"answers", {{{"requirement_id", first["id"]}, {"choice", "kanske"}}}}}),
                       422, "", "answers[0].choice"));
  EXPECT_TRUE(is_error(b.as.put("/api/v1/tenders/" + b.tender_id + "/responses",
                                {{"version", tb["version"]}, {"answers", {{{"requirement_id", "FINNS-INTE"}, {"choice", "yes"}}}}}),
                       422, "error.unknown_requirement", "answers[0].requirement_id"));
  json tb2 = expect_json(b.as.put("/api/v1/tenders/" + b.tender_id + "/responses",
                                  {{"version", tb["version"]}, {"price_sek", 900000}, {"answers", json::array({all_met(tb)[0]})}}),
                         200, "B saves one");
  EXPECT_TRUE(is_error(b.as.post("/api/v1/tenders/" + b.tender_id + "/submission", {{"version", tb2["version"]}}), 422,
                       "error.tender_incomplete"));

  // A supplier's user never sees another supplier's tender, nor any case.
  EXPECT_TRUE(is_error(a.as.get("/api/v1/tenders/" + b.tender_id), 404));
  EXPECT_TRUE(is_error(a.as.get("/api/v1/tenders/" + b.tender_id + "/responses"), 404));
  EXPECT_TRUE(is_error(a.as.get("/api/v1/cases"), 403));
  EXPECT_TRUE(is_error(a.as.get(case_path(p.case_id)), 403));
  EXPECT_TRUE(is_error(a.as.get(case_path(p.case_id) + "/tenders"), 403));
  EXPECT_TRUE(is_error(a.as.get("/api/v1/assets"), 403));
  EXPECT_TRUE(is_error(a.as.get("/api/v1/suppliers"), 403));
  json mine = expect_json(a.as.get("/api/v1/tenders"), 200, "my tenders");
  EXPECT_EQ(ids_of(mine["items"]), std::vector<std::string>{a.tender_id});

  // Before the deadline nobody in the buying organisation sees contents; opening is refused.
  json sealed = expect_json(procurer.get("/api/v1/tenders/" + a.tender_id), 200, "procurer reads before deadline");
  EXPECT_TRUE(sealed["sealed"].get<bool>());
  EXPECT_FALSE(sealed.contains("price_sek"));
  for (const auto& r : sealed["requirements"]) EXPECT_FALSE(r.contains("answer"));
  EXPECT_TRUE(is_error(procurer.get(case_path(p.case_id) + "/evaluation"), 422, "error.tenders_sealed"));
  EXPECT_TRUE(is_error(procurer.post(case_path(p.case_id) + "/tenders/opening", json::object()), 422,
                       "error.deadline_not_passed"));
  json list = expect_json(procurer.get(case_path(p.case_id) + "/tenders"), 200, "tender list");
  EXPECT_EQ(list["tenders"].size(), 2u);
  EXPECT_EQ(find_by(list["tenders"], "id", a.tender_id)["status"], "submitted");

  // The evaluation group: team members only.
  EXPECT_TRUE(is_error(procurer.put(case_path(p.case_id) + "/evaluation-group", {{"version", 0}, {"user_ids", {evaluator_user.id}}}),
                       422, "error.not_in_team", "user_ids[0]"));
  expect_json(procurer.post(case_path(p.case_id) + "/team", {{"user_id", evaluator_user.id}, {"competence", "upphandling"}}), 200,
              "add to team");
  expect_json(procurer.put(case_path(p.case_id) + "/evaluation-group", {{"version", 0}, {"user_ids", {evaluator_user.id}}}), 200,
              "evaluation group");

  // After the deadline the tender is locked.
  wait_until(p.deadline);
  EXPECT_TRUE(is_error(a.as.put("/api/v1/tenders/" + a.tender_id + "/responses", {{"version", submitted["version"]}, {"service", "x"}}),
                       422, "error.deadline_passed"));
  EXPECT_TRUE(is_error(a.as.post("/api/v1/tenders/" + a.tender_id + "/files?requirement_id=" + str(first["id"]) + "&name=a.txt",
                                 json("text")),
                       422, "error.deadline_passed"));
  // Still sealed until opened, even to the evaluation group.
  EXPECT_TRUE(expect_json(evaluator.get("/api/v1/tenders/" + a.tender_id), 200, "evaluator before opening")["sealed"].get<bool>());
  json opened = expect_json(procurer.post(case_path(p.case_id) + "/tenders/opening", json::object()), 201, "open");
  EXPECT_EQ(opened["submitted"], 1);
  EXPECT_TRUE(is_error(procurer.post(case_path(p.case_id) + "/tenders/opening", json::object()), 409));
  list = expect_json(procurer.get(case_path(p.case_id) + "/tenders"), 200, "tender list after opening");
  EXPECT_EQ(list["opened"]["opened_by_name"], procurer_user.display_name);

  // Opened: the evaluation group sees the contents; the rest of the organisation does not.
  json seen = expect_json(evaluator.get("/api/v1/tenders/" + a.tender_id), 200, "evaluator after opening");
  EXPECT_FALSE(seen["sealed"].get<bool>());
  EXPECT_EQ(seen["price_sek"], 1200000);
  EXPECT_TRUE(seen["secret"].get<bool>()) << "secret until the award decision";
  EXPECT_TRUE(expect_json(colleague.get("/api/v1/tenders/" + a.tender_id), 200, "colleague")["sealed"].get<bool>());
  EXPECT_TRUE(expect_json(procurer.get("/api/v1/tenders/" + a.tender_id), 200, "procurer outside the group")["sealed"].get<bool>());
  EXPECT_TRUE(is_error(colleague.get(case_path(p.case_id) + "/evaluation"), 422, "error.tenders_sealed"));
  // A tender that was not submitted is not a tender: its contents stay closed.
  EXPECT_TRUE(expect_json(evaluator.get("/api/v1/tenders/" + b.tender_id), 200, "unsubmitted")["sealed"].get<bool>());

  json ev = expect_json(evaluator.get(case_path(p.case_id) + "/evaluation"), 200, "evaluation");
  ASSERT_EQ(ev["tenders"].size(), 1u);
  EXPECT_EQ(ev["tenders"][0]["tender_id"], a.tender_id);
  EXPECT_FALSE(ev["tenders"][0]["disqualified"].get<bool>());
  EXPECT_EQ(ev["tenders"][0]["rank"], 1);
  EXPECT_EQ(ev["tenders"][0]["points"], ev["tenders"][0]["max_points"]);
}

TEST(Tenders, EvidenceFilesAreCheckedByTheirContentNotTheirName) {
  Org org("tenders-files");
  Api procurer = api(org.user({"admin", "ciso", "procurer", "information_owner"}));
  Procurement p = procurement(procurer, "KS 2026/102", 3600);
  Invited a = invite(procurer, p.case_id, "Filbolaget AB");
  json t = expect_json(a.as.get("/api/v1/tenders/" + a.tender_id), 200, "tender");
  std::string req = t["requirements"][0]["id"];
  std::string base = "/api/v1/tenders/" + a.tender_id + "/files?requirement_id=" + req + "&name=";

  std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  json f = expect_json(a.as.send("POST", base + "intyg.pdf", pdf), 201, "upload pdf");
  EXPECT_EQ(f["media_type"], "application/pdf");
  auto back = a.as.get("/api/v1/tenders/" + a.tender_id + "/files/" + str(f["id"]));
  EXPECT_EQ(back.status, 200);
  EXPECT_EQ(back.body, pdf);

  // An executable named like a PDF, a file over the limit and an unknown requirement are refused.
  EXPECT_TRUE(is_error(a.as.send("POST", base + "intyg.pdf", std::string("MZ\x90\x00\x03\x00\x00\x00", 8)), 422, "error.file_type"));
  EXPECT_TRUE(is_error(a.as.send("POST", base + "stor.pdf", "%PDF-" + std::string(10 * 1024 * 1024, 'a')), 422,
                       "error.file_too_large"));
  EXPECT_TRUE(is_error(a.as.send("POST", "/api/v1/tenders/" + a.tender_id + "/files?requirement_id=NEJ&name=a.pdf", pdf), 422,
                       "error.unknown_requirement"));
  t = expect_json(a.as.get("/api/v1/tenders/" + a.tender_id), 200, "tender again");
  EXPECT_EQ(t["requirements"][0]["files"].size(), 1u);
  // The buying organisation cannot read evidence of a sealed tender.
  EXPECT_TRUE(is_error(procurer.get("/api/v1/tenders/" + a.tender_id + "/files/" + str(f["id"])), 422, "error.tenders_sealed"));
}

TEST(Tenders, InvitationsNeedApprovedDocumentsAndADeadlineAhead) {
  Org org("tenders-invite");
  Api procurer = api(org.user({"admin", "ciso", "procurer", "information_owner"}));
  json s = expect_json(procurer.post("/api/v1/suppliers", supplier_body("Tidig AB")), 201, "supplier");
  json body = case_body("KS 2026/103");
  body["tender_deadline"] = utc_in(3600);
  std::string id = create_case(procurer, body)["id"];
  EXPECT_TRUE(is_error(procurer.post(case_path(id) + "/tenders", {{"supplier_id", s["id"]}, {"username", unique_name("t")},
                                                                  {"display_name", "T"}}),
                       422, "error.documents_not_approved"));
  // The evaluation model is set before the documents are approved and frozen with them.
  pass_gate(procurer, id, "need_identified");
  pass_gate(procurer, id, "procure_decision");
  EXPECT_TRUE(is_error(procurer.put(case_path(id) + "/evaluation-model", {{"version", 0}, {"method", "lottery"}}), 422, "",
                       "method"));
  expect_json(procurer.put(case_path(id) + "/evaluation-model", {{"version", 0}, {"method", "points"}}), 200, "model");
  pass_gate(procurer, id, "documents_approved");
  EXPECT_TRUE(is_error(procurer.put(case_path(id) + "/evaluation-model", {{"version", 1}, {"method", "price_deduction"}}), 422,
                       "error.model_frozen"));
  // A user of another supplier cannot be invited for this one.
  json other = expect_json(procurer.post("/api/v1/suppliers", supplier_body("Annan AB")), 201, "other supplier");
  std::string username = unique_name("t");
  json inv = expect_json(procurer.post(case_path(id) + "/tenders",
                                       {{"supplier_id", other["id"]}, {"username", username}, {"display_name", "T"}}),
                         201, "invite other");
  EXPECT_TRUE(is_error(procurer.post(case_path(id) + "/tenders", {{"supplier_id", s["id"]}, {"user_id", inv["user"]["id"]}}), 422,
                       "error.user_not_of_supplier", "user_id"));
}
