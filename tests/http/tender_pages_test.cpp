// The supplier register and tenders as people use them in the browser, without JavaScript:
// the procurer registers a supplier and invites it on the case's tender page, the supplier's
// user signs in with the password shown once, sees only its own tender and answers it with
// the form (and the answer matrix and evidence files as a browser uploads files), and the
// evaluation group opens, compares, judges and awards on the pages.
#include <chrono>
#include <ctime>
#include <fstream>
#include <iterator>
#include <regex>
#include <thread>

#include <xlsxwriter.h>

#include "api_helpers.hpp"
#include "browser.hpp"
#include "io/answer_matrix.hpp"
#include "io/xlsx_reader.hpp"

namespace kkt {
namespace {

// A case through procure_decision, tendering until `deadline`.
std::string case_before_documents(const Api& as, const std::string& number, const std::string& deadline) {
  json body = case_body(number, "Digital brevlåda");
  body["delivery_model"] = "cloud_saas";
  body["tender_deadline"] = deadline;
  std::string id = create_case(as, body)["id"];
  pass_gate(as, id, "need_identified");
  pass_gate(as, id, "procure_decision");
  return id;
}

// The same, with a points model set and the documents approved: ready for invitations.
std::string case_open_for_tenders(const Api& as, const std::string& number, const std::string& deadline) {
  std::string id = case_before_documents(as, number, deadline);
  expect_json(as.put(case_path(id) + "/evaluation-model", {{"version", 0}, {"method", "points"}}), 200, "model");
  pass_gate(as, id, "documents_approved");
  return id;
}

struct Invitation {
  std::string tender_id, username, password;
};

Invitation invite_by_api(const Api& as, const std::string& case_id, const std::string& supplier) {
  json s = expect_json(as.post("/api/v1/suppliers", {{"name", supplier}, {"country", "SE"}}), 201, "supplier");
  std::string username = unique_name("lev");
  json inv = expect_json(as.post(case_path(case_id) + "/tenders",
                                 {{"supplier_id", s["id"]}, {"username", username}, {"display_name", supplier}}),
                         201, "invite");
  return {inv["tender"]["id"], username, inv["user"]["initial_password"]};
}

// The form fields answering every requirement as met: the first choice offered, or a text.
Fields all_met(const json& tender, const std::string& version, const std::string& price) {
  Fields f{{"version", version}, {"service", "Digital brevlåda"}, {"price_sek", price}};
  for (const auto& r : tender["requirements"]) {
    std::string id = r["id"];
    f.emplace_back("requirement", id);
    if (r["choices"].empty()) f.emplace_back("value." + id, "Uppfylls enligt vår tjänstebeskrivning.");
    else f.emplace_back("choice." + id, r["choices"][0]["value"]);
    f.emplace_back("comment." + id, "");
    f.emplace_back("secrecy_reason." + id, "");
  }
  return f;
}

std::string version_on(const Response& page) { return first_match(page.body, "name=\"version\" value=\"([0-9]+)\""); }

}  // namespace

TEST(TenderPages, AProcurerRegistersAndInvitesASupplierWhoAnswersOnlyItsOwnTenderWithTheForm) {
  Org org("tpages-walk");
  User procurer = org.user({"admin", "ciso", "procurer", "information_owner"});
  Api as = api(procurer);
  Browser b;
  EXPECT_EQ(b.sign_in(procurer.username, kTestPassword), "/todo");

  // The register: a supplier is added with the form; a bad country is shown at its field.
  auto list = b.get("/suppliers");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list, "href=\"/suppliers\" aria-current=\"page\">Leverantörer</a>"));
  auto bad = b.post("/suppliers", {{"name", "Brevbäraren AB"}, {"org_number", "556677-8899"}, {"country", "Sverige"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(has(bad, "role=\"alert\""));
  EXPECT_TRUE(has(bad, "id=\"add-country-error\"")) << bad.body;
  EXPECT_TRUE(has(bad, "aria-describedby=\"add-country-hint add-country-error\" aria-invalid=\"true\""));
  EXPECT_TRUE(has(bad, "value=\"Brevbäraren AB\"")) << "what was typed is kept";
  EXPECT_TRUE(expect_json(as.get("/api/v1/suppliers"), 200, "register")["items"].empty());
  auto added = b.post("/suppliers", {{"name", "Brevbäraren AB"}, {"org_number", "556677-8899"}, {"country", "se"}});
  ASSERT_EQ(added.status, 303) << added.body;
  std::string supplier_path = added.header("location");
  std::string supplier_id = supplier_path.substr(supplier_path.rfind('/') + 1);

  // A certification with its services typed as a list; a period that ends before it starts is refused at its field.
  auto refused_cert = b.post(supplier_path + "/certifications",
                             {{"kind", "iso27001"}, {"valid_from", "2026-01-01"}, {"valid_until", "2025-01-01"}, {"services", "Brevlåda"}});
  EXPECT_EQ(refused_cert.status, 422);
  EXPECT_TRUE(has(refused_cert, "id=\"cert-until-error\"")) << refused_cert.body;
  auto cert = b.post(supplier_path + "/certifications",
                     {{"kind", "iso27001"}, {"name", ""}, {"issuer", "Certifieringsbolaget"}, {"valid_from", "2025-01-01"},
                      {"valid_until", "2099-12-31"}, {"scope", "Drift och förvaltning av brevlådan"},
                      {"services", "Digital brevlåda, Support "}});
  ASSERT_EQ(cert.status, 303) << cert.body;
  ASSERT_EQ(b.post(supplier_path + "/subcontractors", {{"name", "Hallbolaget Ltd"}, {"country", "IN"}, {"service", "Support"}}).status, 303);
  json stored = expect_json(as.get("/api/v1/suppliers/" + supplier_id), 200, "supplier");
  ASSERT_EQ(stored["certifications"].size(), 1u);
  EXPECT_EQ(stored["certifications"][0]["services"], json({"Digital brevlåda", "Support"}));
  EXPECT_EQ(stored["country"], "SE");
  auto details = b.get(supplier_path);
  EXPECT_TRUE(has(details, "ISO/IEC 27001"));
  EXPECT_TRUE(has(details, "Digital brevlåda, Support"));
  EXPECT_TRUE(has(details, "<strong class=\"serious\">")) << "the subcontractor in a third country is a serious finding";
  EXPECT_TRUE(has(b.get("/suppliers"), "1 allvarliga"));
  // Removing an item keeps the rest.
  std::string sub_id = stored["subcontractors"][0]["id"];
  ASSERT_EQ(b.post(supplier_path + "/subcontractors/" + sub_id + "/delete", {}).status, 303);
  stored = expect_json(as.get("/api/v1/suppliers/" + supplier_id), 200, "supplier");
  EXPECT_TRUE(stored["subcontractors"].empty());
  EXPECT_EQ(stored["certifications"].size(), 1u);

  // The evaluation model is set on the case's tender page before the documents are approved.
  std::string case_id = case_before_documents(as, "KS 2026/301", utc_in(3600));
  EXPECT_TRUE(has(b.get("/cases/" + case_id), "href=\"/cases/" + case_id + "/tenders\""));
  auto bad_model = b.post("/cases/" + case_id + "/tenders/model", {{"version", "0"}, {"method", "lotteri"}});
  EXPECT_EQ(bad_model.status, 422);
  EXPECT_TRUE(has(bad_model, "id=\"model-method-error\"")) << bad_model.body;
  ASSERT_EQ(b.post("/cases/" + case_id + "/tenders/model", {{"version", "0"}, {"method", "points"}}).status, 303);
  EXPECT_EQ(expect_json(as.get(case_path(case_id) + "/tenders"), 200, "tendering")["evaluation_model"]["method"], "points");
  pass_gate(as, case_id, "documents_approved");

  // The invitation creates the supplier's user; its password is on this answer only.
  auto page = b.get("/cases/" + case_id + "/tenders");
  ASSERT_EQ(page.status, 200);
  json tendering = expect_json(as.get(case_path(case_id) + "/tenders"), 200, "tendering");
  EXPECT_TRUE(has(page, str(tendering["deadline_local"])));
  EXPECT_TRUE(has(page, "Modellen är låst"));
  std::string username = unique_name("brev");
  auto invited = b.post("/cases/" + case_id + "/tenders/invite",
                        {{"supplier_id", supplier_id}, {"username", username}, {"display_name", "Brevbärarens anbudsansvarige"}});
  ASSERT_EQ(invited.status, 201) << invited.body;
  std::string password = first_match(invited.body, "<span class=\"secret\">([^<]+)</span>");
  ASSERT_FALSE(password.empty()) << invited.body;
  EXPECT_TRUE(has(invited, username));
  EXPECT_FALSE(has(b.get("/cases/" + case_id + "/tenders"), password)) << "the password is shown once";
  tendering = expect_json(as.get(case_path(case_id) + "/tenders"), 200, "tendering");
  ASSERT_EQ(tendering["tenders"].size(), 1u);
  std::string tender_id = tendering["tenders"][0]["id"];
  EXPECT_TRUE(has(b.get("/cases/" + case_id + "/tenders"), "Inbjuden (ej inlämnat)"));

  // The supplier's user lands on its tenders and is offered nothing else.
  Browser s;
  EXPECT_EQ(s.sign_in(username, password), "/tenders");
  auto mine = s.get("/tenders");
  ASSERT_EQ(mine.status, 200);
  EXPECT_TRUE(has(mine, "href=\"/tenders/" + tender_id + "\">Digital brevlåda</a>"));
  EXPECT_TRUE(has(mine, "KS 2026/301"));
  EXPECT_FALSE(has(mine, "href=\"/cases\"")) << "a supplier's user sees no other part of the application";
  EXPECT_FALSE(has(mine, "href=\"/suppliers\""));
  EXPECT_EQ(s.get("/cases").status, 403);
  EXPECT_EQ(s.get("/suppliers").status, 403);

  // The tender page has a field for every requirement.
  json tender = expect_json(as.get("/api/v1/tenders/" + tender_id), 200, "requirements");
  ASSERT_FALSE(tender["requirements"].empty());
  auto form = s.get("/tenders/" + tender_id);
  ASSERT_EQ(form.status, 200);
  for (const auto& r : tender["requirements"])
    EXPECT_TRUE(has(form, "id=\"req-" + str(r["id"]) + "\"")) << r["id"];
  EXPECT_TRUE(has(form, "href=\"/api/v1/tenders/" + tender_id + "/responses.xlsx\""));
  std::string version = version_on(form);

  // A price that is no number, and secrecy without a reason, are shown at their fields with what was typed.
  Fields typed = all_met(tender, version, "en miljon");
  std::string first = tender["requirements"][0]["id"];
  for (auto& [k, v] : typed)
    if (k == "comment." + first) v = "Vår driftmiljö beskrivs i bilaga 2.";
  auto bad_price = s.post("/tenders/" + tender_id, typed);
  EXPECT_EQ(bad_price.status, 400);
  EXPECT_TRUE(has(bad_price, "id=\"price-error\"")) << bad_price.body;
  EXPECT_TRUE(has(bad_price, "value=\"en miljon\""));
  EXPECT_TRUE(has(bad_price, "Vår driftmiljö beskrivs i bilaga 2.</textarea>"));
  typed = all_met(tender, version, "850000");
  typed.emplace_back("secret." + first, "true");
  auto no_reason = s.post("/tenders/" + tender_id, typed);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(has(no_reason, "id=\"reason-" + first + "-error\"")) << no_reason.body;
  EXPECT_TRUE(has(no_reason, "href=\"#req-" + first + "\""));
  EXPECT_EQ(expect_json(as.get(case_path(case_id) + "/tenders"), 200, "unchanged")["tenders"][0]["version"], tendering["tenders"][0]["version"]);

  // Submitting before everything is answered is refused; answered and priced, it is submitted.
  auto early = s.post("/tenders/" + tender_id + "/submit", {{"version", version}});
  EXPECT_EQ(early.status, 422);
  EXPECT_TRUE(has(early, "role=\"alert\""));
  auto saved = s.post("/tenders/" + tender_id, all_met(tender, version, "850000"));
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto after_save = s.get("/tenders/" + tender_id);
  EXPECT_TRUE(has(after_save, std::to_string(tender["requirements"].size()) + " / " +
                                  std::to_string(tender["requirements"].size()) + " krav besvarade"));
  EXPECT_TRUE(has(after_save, "value=\"850000\""));
  auto submitted = s.post("/tenders/" + tender_id + "/submit", {{"version", version_on(after_save)}});
  ASSERT_EQ(submitted.status, 303) << submitted.body;
  EXPECT_TRUE(has(s.get("/tenders/" + tender_id), "Anbudet lämnades in"));
  EXPECT_EQ(expect_json(as.get(case_path(case_id) + "/tenders"), 200, "after")["tenders"][0]["status"], "submitted");

  // The buying organisation sees the tender sealed until the opening.
  auto sealed = b.get("/tenders/" + tender_id);
  ASSERT_EQ(sealed.status, 200);
  EXPECT_TRUE(has(sealed, "Anbudet är förseglat"));
  EXPECT_FALSE(has(sealed, "850000"));
  EXPECT_FALSE(has(sealed, "850\u00a0000"));
  EXPECT_TRUE(has(b.get("/cases/" + case_id + "/tenders"), "Inlämnat"));

  // The pages are in English too.
  EXPECT_TRUE(has(s.get("/tenders?lang=en"), "My tenders"));
  EXPECT_TRUE(has(b.get("/suppliers?lang=en"), "Supplier register"));
}

TEST(TenderPages, TheEvaluationGroupOpensComparesJudgesAndAwardsOnThePages) {
  Org org("tpages-award");
  User procurer = org.user({"admin", "ciso", "procurer", "information_owner"});
  Api as = api(procurer);
  std::string deadline = utc_in(10);
  std::string case_id = case_open_for_tenders(as, "KS 2026/302", deadline);
  expect_json(as.post(case_path(case_id) + "/team", {{"user_id", procurer.id}, {"competence", "upphandling"}}), 200, "team");
  Invitation inv = invite_by_api(as, case_id, "Postverket AB");
  Browser b;
  b.sign_in(procurer.username, kTestPassword);

  // The group is chosen from the team on the page.
  auto before = b.get("/cases/" + case_id + "/tenders");
  EXPECT_TRUE(has(before, "id=\"group-" + procurer.id + "\" name=\"user_ids\" value=\"" + procurer.id + "\""));
  EXPECT_FALSE(has(before, "/tenders/opening")) << "no opening before the deadline";
  ASSERT_EQ(b.post("/cases/" + case_id + "/tenders/group", {{"version", "0"}, {"user_ids", procurer.id}}).status, 303);

  // The supplier answers every requirement and submits.
  Browser s;
  s.sign_in(inv.username, inv.password);
  json tender = expect_json(as.get("/api/v1/tenders/" + inv.tender_id), 200, "requirements");
  std::string version = version_on(s.get("/tenders/" + inv.tender_id));
  ASSERT_EQ(s.post("/tenders/" + inv.tender_id, all_met(tender, version, "640000")).status, 303);
  ASSERT_EQ(s.post("/tenders/" + inv.tender_id + "/submit", {{"version", version_on(s.get("/tenders/" + inv.tender_id))}}).status, 303);

  // After the deadline the tender is locked for the supplier, and the tenders are opened.
  wait_until(deadline);
  EXPECT_TRUE(has(s.get("/tenders/" + inv.tender_id), "Sista anbudsdagen har passerat. Anbudet kan inte längre ändras."));
  auto due = b.get("/cases/" + case_id + "/tenders");
  EXPECT_TRUE(has(due, "action=\"/cases/" + case_id + "/tenders/opening\""));
  ASSERT_EQ(b.post("/cases/" + case_id + "/tenders/opening", {}).status, 303);
  auto opened = b.get("/cases/" + case_id + "/tenders");
  EXPECT_TRUE(has(opened, "Anbuden öppnades av " + procurer.display_name));
  EXPECT_TRUE(has(opened, "<span class=\"visually-hidden\">Anbudet från </span>Postverket AB</a>"));
  EXPECT_TRUE(has(opened, "640\u00a0000")) << "the price as Swedish readers write it";
  EXPECT_TRUE(has(opened, "Plats 1"));
  EXPECT_TRUE(has(opened, "/api/v1/cases/" + case_id + "/evaluation.docx"));
  EXPECT_TRUE(has(opened, "/api/v1/cases/" + case_id + "/evaluation.xlsx"));

  // The evaluator reads the answers and records a judgement; one without reasoning is refused at the form.
  auto read = b.get("/tenders/" + inv.tender_id);
  ASSERT_EQ(read.status, 200);
  EXPECT_TRUE(has(read, "Uppfyllt"));
  EXPECT_TRUE(has(read, "/api/v1/tenders/" + inv.tender_id + "/copy.docx?masked=true"));
  std::string first = tender["requirements"][0]["id"];
  auto unreasoned = b.post("/tenders/" + inv.tender_id + "/judgements/" + first, {{"met", "true"}, {"reasoning", ""}});
  EXPECT_EQ(unreasoned.status, 422);
  EXPECT_TRUE(has(unreasoned, "id=\"judge-" + first + "-error\"")) << unreasoned.body;
  ASSERT_EQ(b.post("/tenders/" + inv.tender_id + "/judgements/" + first,
                   {{"met", "true"}, {"reasoning", "Tjänstebeskrivningen visar hur kravet uppfylls."}})
                .status,
            303);
  EXPECT_TRUE(has(b.get("/tenders/" + inv.tender_id), "Tjänstebeskrivningen visar hur kravet uppfylls. (Bedömt av " +
                                                           procurer.display_name));

  // The award: refused until the award-stage risks name the supplier, then decided with the standstill shown.
  settle_activities(as, case_id, "award_decided");
  Fields award{{"tender_id", inv.tender_id}, {"notice", "electronic"}, {"rationale", "Enda kvalificerade anbudet."}};
  auto early = b.post("/cases/" + case_id + "/tenders/award", award);
  EXPECT_EQ(early.status, 422);
  EXPECT_TRUE(has(early, "Postverket AB")) << early.body;
  EXPECT_TRUE(has(early, "Enda kvalificerade anbudet.</textarea>"));
  expect_json(as.post(case_path(case_id) + "/risks",
                      {{"stage", "award"}, {"title", "Postverket AB:s driftleverantör"}, {"likelihood", 1}, {"consequence", 2}}),
              201, "award risk");
  ASSERT_EQ(b.post("/cases/" + case_id + "/tenders/award", award).status, 303);
  json decided = expect_json(as.get(case_path(case_id) + "/tenders"), 200, "awarded");
  ASSERT_TRUE(decided["award"].is_object());
  auto awarded = b.get("/cases/" + case_id + "/tenders");
  EXPECT_TRUE(has(awarded, "Kontraktet tilldelas <strong>Postverket AB</strong>"));
  EXPECT_TRUE(has(awarded, "Avtalsspärren varar till <strong>" + str(decided["award"]["standstill_ends_local"]) + "</strong>"));
}

TEST(TenderPages, TheAnswerMatrixAndEvidenceAreUploadedAsABrowserSendsFiles) {
  namespace am = kk::io::answer_matrix;
  Org org("tpages-files");
  User procurer = org.user({"admin", "ciso", "procurer", "information_owner"});
  Api as = api(procurer);
  std::string case_id = case_open_for_tenders(as, "KS 2026/303", utc_in(3600));
  Invitation inv = invite_by_api(as, case_id, "Kalkylarket AB");
  Browser s;
  s.sign_in(inv.username, inv.password);
  std::string page = "/tenders/" + inv.tender_id;
  json tender = expect_json(as.get("/api/v1/tenders/" + inv.tender_id), 200, "requirements");

  // The matrix downloads from the page's link; rows that cannot be read are each shown, and nothing is imported.
  auto download = s.get("/api/v1/tenders/" + inv.tender_id + "/responses.xlsx");
  ASSERT_EQ(download.status, 200);
  auto sheets = kk::io::read_xlsx(download.body);
  ASSERT_TRUE(sheets.ok() && !sheets->empty());
  auto rows = sheets->front().rows;
  for (std::size_t i = am::kFirstRequirementRow; i < rows.size(); ++i) {
    rows[i].resize(am::kColumnCount);
    json req = find_by(tender["requirements"], "id", rows[i][am::kId]);
    rows[i][am::kAnswer] = req["choices"].empty()
                               ? "Se bilaga."
                               : am::choice_word("sv", *kk::domain::parse_enum<kk::domain::AnswerChoice>(str(req["choices"][0]["value"])));
  }
  auto workbook = [](const std::vector<std::vector<std::string>>& cells) {
    std::string path = config().temp_dir + "/" + unique_name("matris") + ".xlsx";
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Svar");
    for (std::size_t r = 0; r < cells.size(); ++r)
      for (std::size_t c = 0; c < cells[r].size(); ++c)
        if (!cells[r][c].empty()) worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), cells[r][c].c_str(), nullptr);
    EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  auto wrong = rows;
  std::string dropped = wrong.back()[am::kId];
  wrong.pop_back();
  wrong[am::kFirstRequirementRow][am::kId] = "FINNS-INTE-1";
  auto refused = s.post_files(page + "/matrix", {}, {{"file", "svar.xlsx", workbook(wrong)}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(has(refused, "Rad " + std::to_string(am::kFirstRequirementRow + 1) + ": kravet FINNS-INTE-1 finns inte")) << refused.body;
  EXPECT_TRUE(has(refused, "Kravet " + dropped + " saknas i matrisen."));
  EXPECT_TRUE(has(refused, "id=\"matrix-error\""));
  EXPECT_EQ(expect_json(as.get("/api/v1/tenders/" + inv.tender_id), 200, "unchanged")["version"], tender["version"]);
  // A file form from another site (without the session's token) is refused and imports nothing.
  EXPECT_EQ(s.post_files(page + "/matrix", {}, {{"file", "svar.xlsx", workbook(rows)}}, false).status, 403);
  EXPECT_EQ(expect_json(as.get("/api/v1/tenders/" + inv.tender_id), 200, "still unchanged")["version"], tender["version"]);
  auto imported = s.post_files(page + "/matrix", {}, {{"file", "svar.xlsx", workbook(rows)}});
  ASSERT_EQ(imported.status, 303) << imported.body;
  std::string total = std::to_string(tender["requirements"].size());
  EXPECT_TRUE(has(s.get(page), total + " / " + total + " krav besvarade"));

  // Evidence: checked by what the file is, listed under its requirement, downloadable and removable.
  std::string first = tender["requirements"][0]["id"];
  auto exe = s.post_files(page + "/files", {{"requirement_id", first}}, {{"file", "intyg.pdf", std::string("MZ\x90\x00\x03", 5)}});
  EXPECT_EQ(exe.status, 422);
  EXPECT_TRUE(has(exe, "role=\"alert\""));
  std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  auto uploaded = s.post_files(page + "/files", {{"requirement_id", first}}, {{"file", "C:\\Intyg\\iso-intyg.pdf", pdf}});
  ASSERT_EQ(uploaded.status, 303) << uploaded.body;
  auto with_file = s.get(page);
  std::string file_id = first_match(with_file.body, "href=\"/api/v1/tenders/" + inv.tender_id + "/files/([^\"]+)\">iso-intyg.pdf</a>");
  ASSERT_FALSE(file_id.empty()) << with_file.body;
  EXPECT_EQ(s.get("/api/v1/tenders/" + inv.tender_id + "/files/" + file_id).body, pdf);
  ASSERT_EQ(s.post(page + "/files/" + file_id + "/delete", {}).status, 303);
  EXPECT_FALSE(has(s.get(page), "iso-intyg.pdf"));
}

TEST(TenderPages, AnotherSuppliersOrOrganisationsTenderIsNotFound) {
  Org mine("tpages-mine"), theirs("tpages-theirs");
  User procurer = mine.user({"admin", "ciso", "procurer", "information_owner"});
  Api as = api(procurer);
  std::string case_id = case_open_for_tenders(as, "KS 2026/304", utc_in(3600));
  Invitation a = invite_by_api(as, case_id, "Första AB");
  Invitation b = invite_by_api(as, case_id, "Andra AB");

  Browser supplier_b;
  supplier_b.sign_in(b.username, b.password);
  EXPECT_EQ(supplier_b.get("/tenders/" + b.tender_id).status, 200);
  EXPECT_EQ(supplier_b.get("/tenders/" + a.tender_id).status, 404);
  EXPECT_EQ(supplier_b.post("/tenders/" + a.tender_id, {{"version", "0"}, {"price_sek", "1"}}).status, 404);
  auto list = supplier_b.get("/tenders");
  EXPECT_TRUE(has(list, b.tender_id));
  EXPECT_FALSE(has(list, a.tender_id));

  User stranger = theirs.user({"admin", "ciso", "procurer", "information_owner"});
  Browser other;
  other.sign_in(stranger.username, kTestPassword);
  json suppliers = expect_json(as.get("/api/v1/suppliers"), 200, "suppliers");
  EXPECT_EQ(other.get("/tenders/" + a.tender_id).status, 404);
  EXPECT_EQ(other.get("/cases/" + case_id + "/tenders").status, 404);
  EXPECT_EQ(other.get("/suppliers/" + str(suppliers["items"][0]["id"])).status, 404);
  EXPECT_EQ(other.post("/cases/" + case_id + "/tenders/opening", {}).status, 404);
}

}  // namespace kkt
