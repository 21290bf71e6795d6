// Suppliers, sealed tenders and their evaluation over the API: the supplier register with its
// findings, invitations, answers and evidence before the deadline, the lock after it, the
// opening, who sees tender contents when, and the evaluation by the model.
#include <chrono>
#include <ctime>
#include <fstream>
#include <iterator>
#include <thread>

#include <xlsxwriter.h>
#include <zip.h>

#include "api_helpers.hpp"
#include "io/answer_matrix.hpp"
#include "io/office_convert.hpp"
#include "io/xlsx_reader.hpp"

using namespace kkt;

namespace {
json supplier_body(const std::string& name, const std::string& country = "SE") {
  return {{"name", name}, {"org_number", "556000-0000"}, {"country", country}};
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

// Turns the first `n` requirements a rule did not lock into bör-krav (weights 5, 4, …): the
// award criteria the tenders are scored on.
void make_award_criteria(const Api& as, const std::string& case_id, int n) {
  json spec = expect_json(as.get(case_path(case_id) + "/specification"), 200, "specification");
  int weight = 5;
  for (const auto& e : spec["entries"]) {
    if (n == 0) break;
    if (e["kind"] != "ska" || e["locked"].get<bool>() || e["status"] != "active") continue;
    json now = expect_json(as.get(case_path(case_id) + "/specification"), 200, "specification");
    json current = find_by(now["entries"], "requirement_id", str(e["requirement_id"]));
    expect_json(as.patch(case_path(case_id) + "/specification/entries/" + str(e["requirement_id"]),
                         {{"version", current["version"]}, {"kind", "bor"}, {"weight", weight--}}),
                200, "to bör");
    --n;
  }
}

// The evaluation group judges every answer waiting for it as met; returns the evaluation after.
json judge_all(const Api& evaluator, const std::string& case_id) {
  json ev = expect_json(evaluator.get(case_path(case_id) + "/evaluation"), 200, "evaluation");
  for (const auto& t : ev["tenders"])
    for (const auto& id : t["to_judge"])
      expect_json(evaluator.put("/api/v1/tenders/" + str(t["tender_id"]) + "/judgements/" + str(id),
                                {{"met", true}, {"reasoning", "Beskrivningen visar att kravet uppfylls."}}),
                  200, "judge " + str(id));
  return expect_json(evaluator.get(case_path(case_id) + "/evaluation"), 200, "evaluation after judging");
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
  make_award_criteria(as, p.case_id, 2);
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
  EXPECT_EQ(ta["requirements"][0]["choices"][0]["label"], "Ja") << "choices are labelled in the reader's language";
  EXPECT_TRUE(ta["may_answer"].get<bool>());
  json answers_a = all_met(ta);
  answers_a[0]["comment"] = "Vår hemliga driftarkitektur beskrivs i bilaga 7.";
  answers_a[0]["secret"] = true;
  EXPECT_TRUE(is_error(a.as.put("/api/v1/tenders/" + a.tender_id + "/responses", {{"version", ta["version"]}, {"answers", answers_a}}),
                       422, "error.secrecy_reason", "answers[0].secrecy_reason"));
  answers_a[0]["secrecy_reason"] = "Affärshemlighet: röjande skulle skada oss i konkurrensen.";
  // One award criterion met in part: that answer waits for the evaluation group's judgement.
  bool partly = false;
  for (auto& ans : answers_a) {
    json requirement = find_by(ta["requirements"], "id", str(ans["requirement_id"]));
    for (const auto& c : requirement["choices"])
      if (!partly && c["value"] == "partly") {
        ans["choice"] = "partly";
        partly = true;
      }
  }
  ASSERT_TRUE(partly) << "a bör-krav answered yes or no may also be met in part";
  json saved = expect_json(a.as.put("/api/v1/tenders/" + a.tender_id + "/responses",
                                    {{"version", ta["version"]}, {"price_sek", 1200000}, {"service", "E-arkiv"},
                                     {"answers", answers_a}}),
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
  EXPECT_TRUE(is_error(a.as.get("/api/v1/classification-model"), 403));
  EXPECT_TRUE(is_error(a.as.get("/api/v1/process"), 403));
  json who = expect_json(a.as.get("/api/v1/me"), 200, "a supplier's user knows who it is");
  EXPECT_TRUE(who["organisation"].is_null());
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

  // Every export carries the secrecy marking until the award; a masked copy leaves out the
  // answers under requested secrecy.
  auto text_of = [](const Response& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    auto text = kk::io::convert_with_libreoffice(r.body, "docx", "txt:Text");
    EXPECT_TRUE(text.ok()) << "LibreOffice must open the document";
    return text.ok() ? *text : std::string();
  };
  std::string report = text_of(evaluator.get(case_path(p.case_id) + "/evaluation.docx"));
  EXPECT_TRUE(contains_text(report, "SEKRETESS")) << report;
  EXPECT_TRUE(contains_text(report, "Anbudsgivare A AB"));
  EXPECT_TRUE(is_error(colleague.get(case_path(p.case_id) + "/evaluation.docx"), 422, "error.tenders_sealed"));
  std::string full_copy = text_of(evaluator.get("/api/v1/tenders/" + a.tender_id + "/copy.docx"));
  EXPECT_TRUE(contains_text(full_copy, "hemliga driftarkitektur"));
  EXPECT_TRUE(contains_text(full_copy, "SEKRETESS"));
  std::string masked = text_of(evaluator.get("/api/v1/tenders/" + a.tender_id + "/copy.docx?masked=true"));
  EXPECT_FALSE(contains_text(masked, "hemliga driftarkitektur")) << masked;
  EXPECT_TRUE(contains_text(masked, "sekretess begärd"));
  auto xlsx = evaluator.get(case_path(p.case_id) + "/evaluation.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  auto sheets = kk::io::read_xlsx(xlsx.body);
  ASSERT_TRUE(sheets.ok() && !sheets->empty());
  EXPECT_GT(sheets->front().rows.size(), ta["requirements"].size()) << "one row per tender and requirement";

  // The supplier's ISO/IEC 27001 certificate does not cover the service it offers: a finding.
  std::string supplier_a = find_by(list["tenders"], "id", a.tender_id)["supplier_id"];
  json sa = expect_json(procurer.get("/api/v1/suppliers/" + supplier_a), 200, "supplier A");
  expect_json(procurer.patch("/api/v1/suppliers/" + supplier_a,
                             {{"version", sa["version"]},
                              {"certifications", {{{"kind", "iso27001"}, {"valid_until", "2099-12-31"}, {"scope", "Ärendehantering"},
                                                   {"services", {"Ärendehantering"}}}}}}),
              200, "certificate");
  // The evaluation group's start page lists the answers waiting for its judgement; nobody
  // else's does, and once judged they are gone from it.
  json waiting = expect_json(evaluator.get(case_path(p.case_id) + "/evaluation"), 200, "evaluation before judging");
  std::size_t to_judge = waiting["tenders"][0]["to_judge"].size();
  ASSERT_EQ(to_judge, 1u) << "the answer met in part waits for the group";
  json todo = expect_json(evaluator.get("/api/v1/me/todo"), 200, "evaluator's to do");
  json listed = find_by(todo["evaluations"], "case_id", p.case_id);
  ASSERT_TRUE(listed.is_object()) << todo.dump();
  EXPECT_EQ(listed["tenders"][0]["tender_id"], a.tender_id);
  EXPECT_EQ(listed["tenders"][0]["to_judge"], to_judge);
  EXPECT_TRUE(expect_json(colleague.get("/api/v1/me/todo"), 200, "colleague's to do")["evaluations"].empty());
  EXPECT_TRUE(expect_json(procurer.get("/api/v1/me/todo"), 200, "procurer's to do")["evaluations"].empty());
  json ev = judge_all(evaluator, p.case_id);
  EXPECT_TRUE(expect_json(evaluator.get("/api/v1/me/todo"), 200, "judged")["evaluations"].empty());
  ASSERT_EQ(ev["tenders"].size(), 1u);
  EXPECT_EQ(ev["tenders"][0]["service"], "E-arkiv");
  EXPECT_FALSE(find_by(ev["tenders"][0]["supplier_findings"], "check", "scope_not_covering").is_null())
      << ev["tenders"][0]["supplier_findings"];
  EXPECT_EQ(ev["tenders"][0]["tender_id"], a.tender_id);
  EXPECT_FALSE(ev["tenders"][0]["disqualified"].get<bool>());
  EXPECT_EQ(ev["tenders"][0]["rank"], 1);
  EXPECT_EQ(ev["tenders"][0]["max_points"], 5 + 4) << "the two award criteria's weights";
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
  // With suppliers invited the deadline may be extended, never moved into the past.
  json c = get_case(procurer, id);
  EXPECT_TRUE(is_error(procurer.patch(case_path(id), {{"version", c["version"]}, {"tender_deadline", "2020-01-01"}}), 422,
                       "error.deadline_not_ahead", "tender_deadline"));
  EXPECT_TRUE(is_error(procurer.patch(case_path(id), {{"version", c["version"]}, {"tender_deadline", nullptr}}), 422,
                       "error.deadline_not_ahead"));
  std::string extended = utc_in(7200);
  json later = expect_json(procurer.patch(case_path(id), {{"version", c["version"]}, {"tender_deadline", extended}}), 200,
                           "extend the deadline");
  EXPECT_EQ(later["tender_deadline"], extended);
}

TEST(Tenders, TheAwardGoesToTheBestQualifiedTenderAndStartsTheStandstill) {
  Org org("tenders-award");
  User procurer_user = org.user({"admin", "ciso", "procurer", "information_owner"});
  Api procurer = api(procurer_user);
  Api colleague = api(org.user({"reader"}));
  Procurement p = procurement(procurer, "KS 2026/104", 6);
  expect_json(procurer.post(case_path(p.case_id) + "/team", {{"user_id", procurer_user.id}, {"competence", "upphandling"}}),
              200, "team");
  expect_json(procurer.put(case_path(p.case_id) + "/evaluation-group", {{"version", 0}, {"user_ids", {procurer_user.id}}}),
              200, "group");
  Invited a = invite(procurer, p.case_id, "Vinnaren AB");
  Invited b = invite(procurer, p.case_id, "Billigast AB");
  for (Invited* who : {&a, &b}) {
    json t = expect_json(who->as.get("/api/v1/tenders/" + who->tender_id), 200, "tender");
    json answers = all_met(t);
    if (who == &b)  // B cannot meet one ska-krav: a knock-out, whatever its price
      for (auto& ans : answers)
        if (find_by(t["requirements"], "id", str(ans["requirement_id"]))["mandatory"].get<bool>()) {
          ans["choice"] = "no";
          break;
        }
    json saved = expect_json(who->as.put("/api/v1/tenders/" + who->tender_id + "/responses",
                                         {{"version", t["version"]}, {"price_sek", who == &b ? 10 : 1000}, {"answers", answers}}),
                             200, "save");
    expect_json(who->as.post("/api/v1/tenders/" + who->tender_id + "/submission", {{"version", saved["version"]}}), 200, "submit");
  }
  wait_until(p.deadline);
  expect_json(procurer.post(case_path(p.case_id) + "/tenders/opening", json::object()), 201, "open");
  json ev = judge_all(procurer, p.case_id);
  json eb = find_by(ev["tenders"], "tender_id", b.tender_id);
  EXPECT_TRUE(eb["disqualified"].get<bool>());
  EXPECT_EQ(eb["knocked_out"].size(), 1u);
  EXPECT_EQ(find_by(ev["tenders"], "tender_id", a.tender_id)["rank"], 1);

  settle_activities(procurer, p.case_id, "award_decided");
  // The gate's own condition (an award-stage register) comes first; this risk names nobody.
  expect_json(procurer.post(case_path(p.case_id) + "/risks",
                            {{"stage", "award"}, {"title", "Allmän leverantörsrisk"}, {"likelihood", 1}, {"consequence", 1}}),
              201, "award-stage register");
  // Someone outside the evaluation group learns nothing from an award attempt.
  Api outsider = api(org.user({"ciso"}));
  EXPECT_TRUE(is_error(outsider.post(case_path(p.case_id) + "/decisions",
                                     {{"gate", "award_decided"}, {"outcome", "approved"}, {"rationale", "x"},
                                      {"tender_id", b.tender_id}, {"notice", "electronic"}}),
                       422, "error.tenders_sealed"));
  auto award = [&](const std::string& tender_id) {
    return procurer.post(case_path(p.case_id) + "/decisions",
                         {{"gate", "award_decided"}, {"outcome", "approved"}, {"rationale", "Bäst enligt modellen."},
                          {"tender_id", tender_id}, {"notice", "electronic"}});
  };
  EXPECT_TRUE(is_error(award(b.tender_id), 422, "error.award_disqualified"));
  EXPECT_TRUE(is_error(procurer.post(case_path(p.case_id) + "/decisions",
                                     {{"gate", "award_decided"}, {"outcome", "approved"}, {"rationale", "x"}}),
                       422, "", "tender_id"));
  // The award-stage risk register must name the chosen supplier.
  EXPECT_TRUE(is_error(award(a.tender_id), 422, "error.award_risks_missing"));
  expect_json(procurer.post(case_path(p.case_id) + "/risks",
                            {{"stage", "award"}, {"title", "Vinnaren AB:s driftorganisation"}, {"likelihood", 1}, {"consequence", 2}}),
              201, "award risk");
  expect_json(award(a.tender_id), 201, "award");
  json list = expect_json(procurer.get(case_path(p.case_id) + "/tenders"), 200, "after award");
  EXPECT_EQ(list["award"]["tender_id"], a.tender_id);
  EXPECT_GT(str(list["award"]["standstill_ends"]), utc_in(9 * 86400));
  // Ten days, moved past a weekend or holidays when the last one falls on them.
  EXPECT_LT(str(list["award"]["standstill_ends"]), utc_in(16 * 86400));
  // After the award the organisation sees the tenders, no longer marked secret.
  json seen = expect_json(colleague.get("/api/v1/tenders/" + a.tender_id), 200, "colleague after award");
  EXPECT_FALSE(seen["sealed"].get<bool>());
  EXPECT_FALSE(seen["secret"].get<bool>());

  // After the award the report is no longer marked secret; the published documents carry the model.
  auto report = kk::io::convert_with_libreoffice(procurer.get(case_path(p.case_id) + "/evaluation.docx").body, "docx", "txt:Text");
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(contains_text(*report, "SEKRETESS"));
  EXPECT_TRUE(contains_text(*report, "Diskvalificerat")) << *report;
  auto spec = kk::io::convert_with_libreoffice(procurer.get(case_path(p.case_id) + "/specification.docx").body, "docx", "txt:Text");
  ASSERT_TRUE(spec.ok());
  EXPECT_TRUE(contains_text(*spec, "Alla ska-krav ska vara uppfyllda"));

  // No contract during the standstill period.
  settle_activities(procurer, p.case_id, "contract_signed");
  EXPECT_TRUE(is_error(decide(procurer, p.case_id, "contract_signed"), 422, "error.standstill"));

  // The contract carries the measures the awarded tender met, each with a follow-up plan.
  std::string contract_path = case_path(p.case_id) + "/contract";
  EXPECT_TRUE(is_error(procurer.post(contract_path, {{"starts_on", "2027-01-31"}, {"ends_on", "2026-12-31"}}), 422, "", "ends_on"));
  json contract = expect_json(procurer.post(contract_path, {{"starts_on", "2027-01-31"}, {"ends_on", "2029-01-31"},
                                                            {"notice_months", 6}, {"authorities", {"IMY"}}}),
                              201, "contract");
  EXPECT_EQ(contract["supplier_name"], "Vinnaren AB");
  EXPECT_EQ(contract["tender_id"], a.tender_id);
  EXPECT_EQ(contract["expiry_alert_on"], "2028-01-31");
  json tender_a = expect_json(procurer.get("/api/v1/tenders/" + a.tender_id), 200, "awarded tender");
  EXPECT_EQ(contract["measures"].size(), tender_a["requirements"].size()) << "every requirement was met";
  json first_measure = contract["measures"][0];
  EXPECT_EQ(first_measure["plan"]["responsibility"], "supplier");
  EXPECT_EQ(first_measure["due_dates"], (json{"2028-01-31", "2029-01-31"})) << "yearly by default";
  EXPECT_TRUE(is_error(procurer.post(contract_path, {{"starts_on", "2027-01-31"}, {"ends_on", "2029-01-31"}}), 409,
                       "error.contract_exists"));
  std::string contract_id = contract["id"];
  std::string measure_path = "/api/v1/contracts/" + contract_id + "/measures/" + str(first_measure["id"]);
  EXPECT_TRUE(is_error(procurer.put(measure_path, {{"version", first_measure["version"]}, {"responsibility", "shared"},
                                                   {"lead", "shared"}}),
                       422, "error.lead_shared", "lead"));
  json planned = expect_json(procurer.put(measure_path, {{"version", first_measure["version"]}, {"responsibility", "shared"},
                                                         {"lead", "buyer"}, {"frequency", "quarterly"}}),
                             200, "quarterly plan");
  json quarterly = find_by(planned["measures"], "id", str(first_measure["id"]));
  EXPECT_EQ(quarterly["due_dates"][0], "2027-04-30");
  EXPECT_EQ(quarterly["due_dates"][1], "2027-07-31");
  EXPECT_EQ(quarterly["due_dates"].size(), 8u);
  json with_duty = expect_json(procurer.post("/api/v1/contracts/" + contract_id + "/obligations",
                                             {{"text", "Vi lämnar leverantören en aktuell kontaktlista för incidenter."}}),
                               201, "our obligation");
  EXPECT_EQ(with_duty["measures"].size(), contract["measures"].size() + 1);

  // A year of quarterly follow-up with one deviation, closed only with evidence.
  std::string records_path = measure_path + "/records";
  EXPECT_TRUE(is_error(procurer.post(records_path, {{"due_on", "2027-04-30"}, {"result", "not_met"}, {"notes", "Loggar saknas."}}),
                       422, "error.required", "action_plan"));
  EXPECT_TRUE(is_error(procurer.post(records_path, {{"due_on", "2027-04-30"}, {"result", "maybe"}}), 422, "", "result"));
  EXPECT_TRUE(is_error(procurer.post(records_path, {{"due_on", "2030-01-01"}, {"result", "met"}}), 422,
                       "error.due_outside_contract", "due_on"));
  expect_json(procurer.post(records_path, {{"due_on", "2027-04-30"}, {"result", "met"}, {"notes", "Självskattning mottagen."}}),
              201, "Q1 met");
  json with_deviation = expect_json(
      procurer.post(records_path, {{"due_on", "2027-07-31"}, {"result", "not_met"}, {"notes", "Loggar saknas för juni."},
                                   {"action_plan", "Leverantören inför central loggning."}, {"deadline", "2027-09-30"},
                                   {"owner_user_id", procurer_user.id}}),
      201, "Q2 not met");
  ASSERT_EQ(with_deviation["deviations"].size(), 1u);
  json deviation = with_deviation["deviations"][0];
  EXPECT_EQ(deviation["status"], "open");
  std::string closure = "/api/v1/deviations/" + str(deviation["id"]) + "/closure";
  EXPECT_TRUE(is_error(procurer.post(closure, {{"version", deviation["version"]}}), 422, "error.required", "evidence"));
  json closed = expect_json(procurer.post(closure, {{"version", deviation["version"]}, {"evidence", "Loggrapport för augusti."}}),
                            200, "close deviation");
  EXPECT_EQ(closed["status"], "closed");
  json after_records = expect_json(procurer.get("/api/v1/contracts/" + contract_id), 200, "contract after follow-up");
  json measure_now = find_by(after_records["measures"], "id", str(first_measure["id"]));
  EXPECT_EQ(measure_now["records"].size(), 2u);
  json due = expect_json(procurer.get("/api/v1/follow-ups?until=2027-12-31"), 200, "due list");
  bool q3_due = false, q1_listed = false;
  for (const auto& item : due["items"]) {
    if (item["measure_id"] == first_measure["id"] && item["due_on"] == "2027-10-31") q3_due = true;
    if (item["measure_id"] == first_measure["id"] && item["due_on"] == "2027-04-30") q1_listed = true;
  }
  EXPECT_TRUE(q3_due) << "the next quarterly control is due";
  EXPECT_FALSE(q1_listed) << "a control with its record is not due any more";
  EXPECT_TRUE(is_error(procurer.get("/api/v1/follow-ups?until=someday"), 422, "error.date", "until"));
  // A page at a time, by due date, with the total and how many of all are overdue.
  ASSERT_FALSE(due["items"].empty());
  json one = expect_json(procurer.get("/api/v1/follow-ups?until=2027-12-31&limit=1"), 200, "one due");
  ASSERT_EQ(one["items"].size(), 1u);
  EXPECT_EQ(one["items"][0], due["items"][0]);
  EXPECT_EQ(one["page"]["total"], due["items"].size());
  EXPECT_EQ(one["overdue"], due["overdue"]);
  std::string past_end = std::to_string(due["items"].size());
  json none = expect_json(procurer.get("/api/v1/follow-ups?until=2027-12-31&offset=" + past_end), 200, "past the end");
  EXPECT_TRUE(none["items"].empty());
  EXPECT_TRUE(none["page"]["next_offset"].is_null());
  EXPECT_TRUE(is_error(procurer.get("/api/v1/follow-ups?limit=1001"), 422, "error.out_of_range", "limit"));

  // The calendar reads back: one all-day event per due date of every measure.
  auto ics = procurer.get("/api/v1/contracts/" + contract_id + "/calendar.ics");
  ASSERT_EQ(ics.status, 200);
  std::string unfolded;
  for (std::size_t pos = 0; pos < ics.body.size();) {
    auto end = ics.body.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos) << "every line ends in CRLF";
    std::string line = ics.body.substr(pos, end - pos);
    unfolded += line.rfind(" ", 0) == 0 ? line.substr(1) : "\n" + line;
    pos = end + 2;
  }
  std::size_t events = 0, expected = 0;
  for (std::size_t at = unfolded.find("BEGIN:VEVENT"); at != std::string::npos; at = unfolded.find("BEGIN:VEVENT", at + 1)) ++events;
  for (const auto& m : after_records["measures"]) expected += m["due_dates"].size();
  EXPECT_EQ(events, expected);
  EXPECT_NE(unfolded.find("\nDTSTART;VALUE=DATE:20270430"), std::string::npos) << "the first quarterly control";
  EXPECT_NE(unfolded.find("\nEND:VCALENDAR"), std::string::npos);

  // A supplier's users see their company's contract only.
  json theirs = expect_json(a.as.get("/api/v1/contracts"), 200, "supplier A's contracts");
  EXPECT_EQ(ids_of(theirs["items"]), std::vector<std::string>{contract_id});
  EXPECT_TRUE(has_status(a.as.get("/api/v1/contracts/" + contract_id), 200));
  EXPECT_TRUE(is_error(a.as.put(measure_path, {{"version", 2}, {"frequency", "monthly"}}), 403));
  EXPECT_TRUE(expect_json(b.as.get("/api/v1/contracts"), 200, "supplier B's contracts")["items"].empty());
  EXPECT_TRUE(is_error(b.as.get("/api/v1/contracts/" + contract_id), 404));
}

namespace {
using Rows = std::vector<std::vector<std::string>>;

// The rows of a downloaded answer matrix.
Rows matrix_rows(const std::string& xlsx) {
  auto sheets = kk::io::read_xlsx(xlsx);
  if (!sheets || sheets->empty()) throw std::runtime_error("the downloaded matrix does not read back");
  return sheets->front().rows;
}

// A workbook with these rows (every cell a text), written by libxlsxwriter as a tenderer's
// spreadsheet program would save it.
std::string workbook_of(const Rows& rows) {
  std::string path = config().temp_dir + "/" + unique_name("matris") + ".xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Svar");
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[r].size(); ++c)
      if (!rows[r][c].empty()) worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), rows[r][c].c_str(), nullptr);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("workbook_close failed");
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The matrix filled in: the first choice offered in the document's words, or a text.
Rows filled(Rows rows, const json& tender) {
  namespace am = kk::io::answer_matrix;
  for (std::size_t i = am::kFirstRequirementRow; i < rows.size(); ++i) {
    auto& row = rows[i];
    row.resize(am::kColumnCount);
    json req = find_by(tender["requirements"], "id", row[am::kId]);
    if (req.is_null()) continue;
    row[am::kAnswer] = req["choices"].empty()
                           ? "Uppfylls enligt bilaga 3."
                           : am::choice_word("sv", *kk::domain::parse_enum<kk::domain::AnswerChoice>(str(req["choices"][0]["value"])));
    row[am::kComment] = "Se vår säkerhetsbeskrivning.";
  }
  return rows;
}

std::string zip_bomb() {
  std::string path = config().temp_dir + "/" + unique_name("bomb") + ".xlsx";
  std::string zeros(40 * 1024 * 1024, ' ');
  int error = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  zip_source_t* src = zip_source_buffer(za, zeros.data(), zeros.size(), 0);
  zip_file_add(za, "xl/workbook.xml", src, ZIP_FL_ENC_UTF_8);  // the first part a reader opens
  zip_close(za);
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST(Tenders, AFilledAnswerMatrixImportsAndEveryMalformedOneIsRefusedWithItsReason) {
  namespace am = kk::io::answer_matrix;
  Org org("tenders-matrix");
  Api procurer = api(org.user({"admin", "ciso", "procurer", "information_owner"}));
  Procurement p = procurement(procurer, "KS 2026/105", 3600);
  Invited a = invite(procurer, p.case_id, "Kalkylbolaget AB");
  Invited b = invite(procurer, p.case_id, "Omsparat AB");
  std::string path_a = "/api/v1/tenders/" + a.tender_id + "/responses.xlsx";
  json tender = expect_json(a.as.get("/api/v1/tenders/" + a.tender_id), 200, "tender");
  auto download = a.as.get(path_a);
  ASSERT_EQ(download.status, 200);
  Rows rows = matrix_rows(download.body);
  ASSERT_EQ(rows.size(), am::kFirstRequirementRow + tender["requirements"].size());
  Rows good = filled(rows, tender);

  auto send = [&](const Api& as, const std::string& path, const std::string& bytes) { return as.send("POST", path, bytes); };
  auto problems_of = [](const Response& r) { return r.json_body()["error"]["problems"]; };

  // Malformed variants: each refused with its reason, and nothing changes.
  EXPECT_TRUE(is_error(send(a.as, path_a, "Detta är ingen arbetsbok."), 400, "error.xlsx_not_zip"));
  std::string damaged = workbook_of(good);
  damaged.resize(damaged.size() / 2);
  EXPECT_TRUE(is_error(send(a.as, path_a, damaged), 400));
  EXPECT_TRUE(is_error(send(a.as, path_a, zip_bomb()), 400, "error.xlsx_too_large"));
  auto huge = send(a.as, path_a, std::string(17 * 1024 * 1024, 'x'));
  EXPECT_EQ(huge.status, 413) << "a body over the server's limit is refused before it is read";

  Rows missing = good;
  std::string dropped_id = missing.back()[am::kId];
  missing.pop_back();
  auto r = send(a.as, path_a, workbook_of(missing));
  ASSERT_TRUE(is_error(r, 422, "error.matrix_rejected", "file"));
  EXPECT_EQ(problems_of(r).size(), 1u);
  EXPECT_EQ(problems_of(r)[0]["code"], "matrix.missing_row");
  EXPECT_TRUE(contains_text(str(problems_of(r)[0]["message"]), dropped_id));

  Rows extra = good;
  extra.push_back(extra.back());
  extra.back()[am::kId] = "EXTRA-99";
  extra.push_back(good[am::kFirstRequirementRow]);  // the first requirement twice
  r = send(a.as, path_a, workbook_of(extra));
  ASSERT_TRUE(is_error(r, 422, "error.matrix_rejected"));
  ASSERT_EQ(problems_of(r).size(), 2u) << problems_of(r);
  EXPECT_EQ(problems_of(r)[0]["code"], "matrix.unknown_requirement");
  EXPECT_EQ(problems_of(r)[0]["row"], good.size() + 1);
  EXPECT_EQ(problems_of(r)[1]["code"], "matrix.duplicate");

  Rows outside = good;
  std::size_t choice_row = 0;
  for (std::size_t i = am::kFirstRequirementRow; i < outside.size() && !choice_row; ++i)
    if (outside[i][am::kAnswer] == "Ja") choice_row = i;
  ASSERT_NE(choice_row, 0u);
  outside[choice_row][am::kAnswer] = "Kanske";
  outside[am::kFirstRequirementRow + 1][am::kText] += " (ändrad)";
  r = send(a.as, path_a, workbook_of(outside));
  ASSERT_TRUE(is_error(r, 422, "error.matrix_rejected"));
  std::set<std::string> codes;
  for (const auto& p : problems_of(r)) codes.insert(p["code"]);
  EXPECT_TRUE(codes.count("matrix.answer_not_allowed")) << problems_of(r);
  EXPECT_TRUE(codes.count("matrix.text_changed")) << problems_of(r);
  EXPECT_TRUE(contains_text(r.body, "Rad " + std::to_string(choice_row + 1))) << "the row is named as the spreadsheet numbers it";

  json unchanged = expect_json(a.as.get("/api/v1/tenders/" + a.tender_id), 200, "after refusals");
  EXPECT_EQ(unchanged["answered"], 0);
  EXPECT_EQ(unchanged["version"], tender["version"]);

  // The good one imports: every requirement answered, ready to submit once priced.
  json imported = expect_json(send(a.as, path_a, workbook_of(good)), 200, "import");
  EXPECT_EQ(imported["answered"], imported["total"]);
  EXPECT_EQ(imported["requirements"][0]["answer"]["comment"], "Se vår säkerhetsbeskrivning.");

  // The same matrix saved again by LibreOffice imports too (supplier B).
  json tender_b = expect_json(b.as.get("/api/v1/tenders/" + b.tender_id), 200, "tender b");
  Rows rows_b = matrix_rows(b.as.get("/api/v1/tenders/" + b.tender_id + "/responses.xlsx").body);
  auto resaved = kk::io::convert_with_libreoffice(workbook_of(filled(rows_b, tender_b)), "xlsx", "xlsx:Calc MS Excel 2007 XML");
  ASSERT_TRUE(resaved.ok()) << "LibreOffice must be installed (scripts/install-deps.sh)";
  json imported_b = expect_json(send(b.as, "/api/v1/tenders/" + b.tender_id + "/responses.xlsx", *resaved), 200, "import resaved");
  EXPECT_EQ(imported_b["answered"], imported_b["total"]);
  // Another supplier's tender cannot be imported into.
  EXPECT_TRUE(is_error(send(b.as, path_a, workbook_of(good)), 404));
}

TEST(Tenders, APriceDeductionModelGivesTheComparisonPriceComputedByHand) {
  Org org("tenders-deduction");
  User procurer_user = org.user({"admin", "ciso", "procurer", "information_owner"});
  Api procurer = api(procurer_user);
  std::string deadline = utc_in(6);
  json body = case_body("KS 2026/106", "Molntjänst med mervärden");
  body["delivery_model"] = "cloud_saas";
  body["tender_deadline"] = deadline;
  std::string id = create_case(procurer, body)["id"];
  pass_gate(procurer, id, "need_identified");
  pass_gate(procurer, id, "procure_decision");
  make_award_criteria(procurer, id, 3);
  // 1 000 kr per bör-krav, 1 000 more for each following one: 1 000, 2 000, 3 000, …
  json spec = expect_json(procurer.get(case_path(id) + "/specification"), 200, "specification");
  json deductions = json::object();
  std::vector<std::string> bor;
  for (const auto& e : spec["entries"])
    if (e["kind"] == "bor" && e["status"] == "active") {
      bor.push_back(e["requirement_id"]);
      deductions[bor.back()] = 1000 * static_cast<long long>(bor.size());
    }
  ASSERT_GE(bor.size(), 2u) << "the cloud case has award criteria";
  EXPECT_TRUE(is_error(procurer.put(case_path(id) + "/evaluation-model",
                                    {{"version", 0}, {"method", "price_deduction"}, {"deductions", {{"FINNS-INTE", 5}}}}),
                       422, "error.deduction_not_bor"));
  // A deduction missing for a bör-krav holds the documents back.
  json partial = expect_json(procurer.put(case_path(id) + "/evaluation-model",
                                          {{"version", 0}, {"method", "price_deduction"}, {"deductions", {{bor[0], 1000}}}}),
                             200, "partial model");
  EXPECT_EQ(partial["missing"].size(), bor.size() - 1);
  settle_activities(procurer, id, "documents_approved");
  record_register_for_gate(procurer, id, "documents_approved");
  auto blocked = decide(procurer, id, "documents_approved");
  EXPECT_TRUE(is_error(blocked, 422, "error.gate_blocked"));
  EXPECT_TRUE(contains_text(blocked.error_message(), bor[1])) << blocked.body;
  expect_json(procurer.put(case_path(id) + "/evaluation-model",
                           {{"version", partial["version"]}, {"method", "price_deduction"}, {"deductions", deductions}}),
              200, "model");
  pass_gate(procurer, id, "documents_approved");
  expect_json(procurer.post(case_path(id) + "/team", {{"user_id", procurer_user.id}, {"competence", "upphandling"}}), 200, "team");
  expect_json(procurer.put(case_path(id) + "/evaluation-group", {{"version", 0}, {"user_ids", {procurer_user.id}}}), 200, "group");

  Invited a = invite(procurer, id, "Mervärde AB");
  json t = expect_json(a.as.get("/api/v1/tenders/" + a.tender_id), 200, "tender");
  json answers = all_met(t);
  // The first bör-krav is not met: its 1 000 kr are not deducted.
  for (auto& ans : answers)
    if (ans["requirement_id"] == bor[0]) {
      ans.erase("value");
      ans["choice"] = find_by(t["requirements"], "id", bor[0])["choices"].empty() ? json() : json("no");
      if (ans["choice"].is_null()) ans["value"] = "Nej, ingår inte.";
    }
  json saved = expect_json(a.as.put("/api/v1/tenders/" + a.tender_id + "/responses",
                                    {{"version", t["version"]}, {"price_sek", 500000}, {"answers", answers}}),
                           200, "save");
  expect_json(a.as.post("/api/v1/tenders/" + a.tender_id + "/submission", {{"version", saved["version"]}}), 200, "submit");
  wait_until(deadline);
  expect_json(procurer.post(case_path(id) + "/tenders/opening", json::object()), 201, "open");
  json ev = judge_all(procurer, id);
  ASSERT_EQ(ev["tenders"].size(), 1u);
  long long expected_deduction = 0;
  bool first_is_choice = !find_by(t["requirements"], "id", bor[0])["choices"].empty();
  for (std::size_t i = first_is_choice ? 1 : 0; i < bor.size(); ++i) expected_deduction += 1000 * static_cast<long long>(i + 1);
  EXPECT_EQ(ev["tenders"][0]["deduction_sek"], expected_deduction);
  EXPECT_EQ(ev["tenders"][0]["comparison_price_sek"], 500000 - expected_deduction);
  EXPECT_EQ(ev["tenders"][0]["rank"], 1);
}
