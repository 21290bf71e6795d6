// The web interface as a person uses it, over HTTP without JavaScript: sign in with the
// form, follow the session cookie, post forms with the CSRF token, and read what the page
// says — including the refusal of a gate taken out of order.
#include <regex>

#include "api_helpers.hpp"
#include "browser.hpp"
#include "io/office_convert.hpp"

namespace kkt {
namespace {

json outsourcing_form(const Api& as, const std::string& case_id) {
  return expect_json(as.get(case_path(case_id) + "/forms/outsourcing"), 200, "form");
}

User page_user(const std::string& org, const std::vector<std::string>& roles) {
  return make_user(org, roles);  // password: the fixture's test password
}

}  // namespace

TEST(Pages, SignedOutVisitorsAreSentToTheSignInForm) {
  Browser b;
  auto r = b.get("/cases");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/login?next=", 0), 0u);
  auto login = b.get("/login");
  EXPECT_EQ(login.status, 200);
  EXPECT_NE(login.body.find("<h1>Logga in</h1>"), std::string::npos);
  EXPECT_NE(login.body.find("<label for=\"username\">"), std::string::npos);
}

TEST(Pages, WrongPasswordIsRefusedWithAMessageTiedToTheForm) {
  Org org("pages-login");
  User u = page_user(org.name(), {"procurer"});
  Browser b;
  auto r = b.post("/login", {{"username", u.username}, {"password", "fel-lösenord-här"}}, false);
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body.find("Fel användarnamn eller lösenord."), std::string::npos);
  EXPECT_NE(r.body.find("aria-describedby=\"login-error\""), std::string::npos);
}

TEST(Pages, APersonWalksACaseFromAssetToGatesAndSeesAnOutOfOrderGateRefused) {
  Org org("pages-walk");
  User u = page_user(org.name(), {"procurer", "information_owner"});
  Browser b;
  b.sign_in(u.username, kTestPassword);

  // Classify an asset with the guided questions: the proposal is shown, then confirmed.
  auto proposal = b.post("/assets/new", {{"name", "Larmregister"}, {"action", "propose"},
                                         {"q_personal_data", "yes_sensitive"}});
  ASSERT_EQ(proposal.status, 200) << proposal.body;
  EXPECT_NE(proposal.body.find("role=\"status\""), std::string::npos);
  EXPECT_NE(proposal.body.find("id=\"flag_sensitive_personal_data\" name=\"flag_sensitive_personal_data\" value=\"1\" checked"),
            std::string::npos);
  auto saved = b.post("/assets/new", {{"name", "Larmregister"}, {"action", "save"}, {"confidentiality", "3"},
                                      {"integrity", "2"}, {"availability", "4"}, {"stage", "initial"},
                                      {"method", "simple"}, {"owner_user_id", u.id},
                                      {"flag_personal_data", "1"}, {"flag_sensitive_personal_data", "1"}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  std::string asset_id = id_from_location(saved);
  auto asset_page = b.get("/assets/" + asset_id);
  EXPECT_NE(asset_page.body.find("Känsliga personuppgifter"), std::string::npos);
  EXPECT_NE(asset_page.body.find("Godkänn klassningen"), std::string::npos);  // the owner may approve

  // Open a case and link the asset: the case classification names it.
  auto created = b.post("/cases/new", {{"registry_number", "KS 2026/42"}, {"title", "Trygghetslarm"},
                                       {"kind", "procurement"}, {"object_type", "service"},
                                       {"delivery_model", "cloud_saas"}, {"law", "LOU"}, {"operator", "external"},
                                       {"support", "external"}, {"hosting_location", "eu_eea_cloud"}});
  ASSERT_EQ(created.status, 303) << created.body;
  std::string case_id = id_from_location(created);
  ASSERT_EQ(b.post("/cases/" + case_id + "/assets", {{"asset_id", asset_id}}).status, 303);
  ASSERT_EQ(b.post("/cases/" + case_id + "/team", {{"user_id", u.id}, {"competence", "upphandling"}}).status, 303);
  auto page = b.get("/cases/" + case_id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("4 Synnerligen allvarlig"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/assets/" + asset_id + "\">Larmregister</a>"), std::string::npos);
  EXPECT_NE(page.body.find("Genomföra förstudie (pågår)"), std::string::npos);

  // A gate out of order is refused, with the next gate named, and nothing recorded.
  auto refused = b.post("/cases/" + case_id + "/decisions",
                        {{"gate", "award_decided"}, {"outcome", "approved"}, {"rationale", "Vi hoppar fram"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Beslutspunkten ”Tilldelningsbeslut” kan inte passeras ännu. Nästa beslutspunkt är ”Identifierat behov”."),
            std::string::npos)
      << refused.body;
  EXPECT_NE(refused.body.find("Inga beslut ännu."), std::string::npos);

  // Settle the activity and pass the first gate.
  auto detail = get_case(api(u), case_id);
  json activity = find_by(detail["activities"], "key", "identify_need");
  ASSERT_EQ(b.post("/cases/" + case_id + "/activities/identify_need",
                   {{"status", "done"}, {"comment", "Behovet beskrivet"}, {"version", std::to_string(activity["version"].get<int>())}})
                .status,
            303);
  auto passed = b.post("/cases/" + case_id + "/decisions",
                       {{"gate", "need_identified"}, {"outcome", "approved"}, {"rationale", "Behovet är styrkt"}});
  EXPECT_EQ(passed.status, 303) << passed.body;
  EXPECT_EQ(get_case(api(u), case_id)["next_gate"], "procure_decision");
}

TEST(Pages, FormsWithoutTheCsrfTokenAreRefusedAndChangeNothing) {
  Org org("pages-csrf");
  User u = page_user(org.name(), {"procurer"});
  Browser b;
  b.sign_in(u.username, kTestPassword);
  b.forge_csrf();
  auto r = b.post("/cases/new", {{"registry_number", "KS 1"}, {"title", "Förfalskat"}, {"object_type", "service"},
                                 {"delivery_model", "cloud_saas"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(expect_json(api(u).get("/api/v1/cases"), 200, "cases")["items"].empty());
}

TEST(Pages, InvalidFormInputIsShownAtTheFieldAndKeepsWhatWasTyped) {
  Org org("pages-invalid");
  User u = page_user(org.name(), {"procurer"});
  Browser b;
  b.sign_in(u.username, kTestPassword);
  auto r = b.post("/cases/new", {{"registry_number", "KS 2026/7"}, {"title", "Trygghetslarm"}, {"object_type", "service"},
                                 {"delivery_model", "cloud_saas"}, {"estimated_value_sek", "många"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("id=\"value-error\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Uppskattat värde (kr) ska vara ett heltal."), std::string::npos);
  EXPECT_NE(r.body.find("value=\"KS 2026/7\""), std::string::npos);
  EXPECT_TRUE(expect_json(api(u).get("/api/v1/cases"), 200, "cases")["items"].empty());
}

TEST(Pages, LanguageFollowsTheQueryThenTheCookie) {
  Org org("pages-lang");
  User u = page_user(org.name(), {"reader"});
  Browser b;
  b.sign_in(u.username, kTestPassword);
  auto en = b.get("/cases?lang=en");
  EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en.body.find("Procurement cases"), std::string::npos);
  auto still_en = b.get("/assets");
  EXPECT_NE(still_en.body.find("Information assets"), std::string::npos);
  auto sv = b.get("/assets?lang=sv");
  EXPECT_NE(sv.body.find("Informationstillgångar"), std::string::npos);
}

TEST(Pages, AnotherOrganisationsCaseIsNotFound) {
  Org mine("pages-ten-a"), theirs("pages-ten-b");
  User me = page_user(mine.name(), {"procurer"});
  User other = page_user(theirs.name(), {"procurer"});
  json c = create_case(api(other), "KS 9/9");
  Browser b;
  b.sign_in(me.username, kTestPassword);
  EXPECT_EQ(b.get("/cases/" + str(c["id"])).status, 404);
}

}  // namespace kkt

namespace kkt {

TEST(Pages, APersonReviewsTheSpecificationStrikesOneAcceptsAProposalAndDownloads) {
  Org org("pages-spec");
  User u = page_user(org.name(), {"procurer", "information_owner"});
  json asset = create_asset(api(u), asset_body("Brukarregister", 2, 2, 1));
  json kase = create_case(api(u), "KS 2026/77");
  std::string id = str(kase["id"]);
  expect_json(api(u).post(case_path(id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");
  Browser b;
  b.sign_in(u.username, kTestPassword);

  auto page = b.get("/cases/" + id + "/specification");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1>Kravspecifikation</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("Varför?"), std::string::npos);
  EXPECT_NE(page.body.find("Konfidentialitet: 2"), std::string::npos);
  EXPECT_NE(page.body.find("specification.docx"), std::string::npos);
  EXPECT_NE(page.body.find("specification.xlsx"), std::string::npos);

  json spec = expect_json(api(u).get(case_path(id) + "/specification"), 200, "spec");
  std::string rid = str(spec["entries"][0]["requirement_id"]);
  // Striking without a reason is refused at the form; with a reason it is struck.
  auto refused = b.post("/cases/" + id + "/specification/entries/" + rid, {{"action", "strike"}, {"version", "0"}, {"reason", ""}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Ange varför kravet stryks"), std::string::npos);
  auto struck = b.post("/cases/" + id + "/specification/entries/" + rid,
                       {{"action", "strike"}, {"version", "0"}, {"reason", "Hanteras redan i avtalet."}});
  EXPECT_EQ(struck.status, 303) << struck.body;
  auto after = b.get("/cases/" + id + "/specification");
  EXPECT_NE(after.body.find("Struket eftersom: Hanteras redan i avtalet."), std::string::npos);

  // A fact changes: the proposal is shown and applied with the form.
  json now = get_asset(api(u), str(asset["id"]));
  expect_json(api(u).patch(asset_path(str(asset["id"])), {{"version", now["version"]}, {"classification", {{"availability", 3}}}}),
              200, "raise availability");
  auto proposed = b.get("/cases/" + id + "/specification");
  EXPECT_NE(proposed.body.find("Föreslagna ändringar"), std::string::npos);
  json with_proposal = expect_json(api(u).get(case_path(id) + "/specification"), 200, "spec");
  ASSERT_FALSE(with_proposal["proposal"]["add"].empty());
  std::vector<std::pair<std::string, std::string>> choices{{"version", std::to_string(with_proposal["version"].get<int>())}};
  for (const auto& p : with_proposal["proposal"]["add"]) choices.emplace_back("choice_" + str(p["requirement_id"]), "apply");
  auto applied = b.post("/cases/" + id + "/specification/proposal", choices);
  EXPECT_EQ(applied.status, 303) << applied.body;
  json resolved = expect_json(api(u).get(case_path(id) + "/specification"), 200, "spec");
  EXPECT_TRUE(resolved["proposal"]["add"].empty());
  EXPECT_EQ(find_by(resolved["entries"], "requirement_id", rid)["status"], "struck");

  // The documents download with the session too.
  auto docx = b.get("/api/v1/cases/" + id + "/specification.docx");
  EXPECT_EQ(docx.status, 200);
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  auto xlsx = b.get("/api/v1/cases/" + id + "/specification.xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

}  // namespace kkt

namespace kkt {

TEST(Pages, APersonRecordsRisksLinksMeasuresAndTheOwnerAcceptsTheResidualRisk) {
  Org org("pages-risk");
  User procurer = page_user(org.name(), {"procurer"});
  User owner = page_user(org.name(), {"information_owner"});
  json body = asset_body("Omsorgsjournal", 2, 2, 2);
  body["owner_user_id"] = owner.id;
  json asset = create_asset(api(procurer), body);
  json kase = create_case(api(procurer), "KS 2026/88");
  std::string id = str(kase["id"]);
  expect_json(api(procurer).post(case_path(id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");

  Browser b;
  b.sign_in(procurer.username, kTestPassword);
  auto page = b.get("/cases/" + id + "/risks");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("Före åtgärder"), std::string::npos);
  // A risk from the starter list, with levels chosen on the form.
  json starters = expect_json(api(procurer).get("/api/v1/risk-starters"), 200, "starters");
  std::string starter = str(starters["items"][0]["key"]);
  auto added = b.post("/cases/" + id + "/risks", {{"stage", "initial"}, {"starter", starter}, {"title", ""},
                                                 {"likelihood", "4"}, {"consequence", "4"}, {"asset_ids", str(asset["id"])}});
  ASSERT_EQ(added.status, 303) << added.body;
  json risk = expect_json(api(procurer).get(case_path(id) + "/risks"), 200, "risks")["items"][0];
  EXPECT_EQ(risk["title"], starters["items"][0]["title"]);
  // The heat map counts it in its cell; a level outside the scale is refused at the form.
  auto bad = b.post("/cases/" + id + "/risks/" + str(risk["id"]),
                    {{"version", std::to_string(risk["version"].get<int>())}, {"likelihood", "9"}, {"consequence", "4"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Sannolikhet ska vara mellan 1 och 4."), std::string::npos) << bad.body;
  // Link a requirement and a residual level: the map after measures moves.
  json spec = expect_json(api(procurer).get(case_path(id) + "/specification"), 200, "spec");
  std::string req = str(spec["entries"][0]["requirement_id"]);
  auto linked = b.post("/cases/" + id + "/risks/" + str(risk["id"]),
                       {{"version", std::to_string(risk["version"].get<int>())}, {"likelihood", "4"}, {"consequence", "4"},
                        {"residual_likelihood", "1"}, {"residual_consequence", "2"}, {"treatment", "reduce"},
                        {"requirement_ids", req}});
  ASSERT_EQ(linked.status, 303) << linked.body;
  json now = expect_json(api(procurer).get(case_path(id) + "/risks"), 200, "risks")["items"][0];
  EXPECT_EQ(now["requirement_ids"], json({req}));
  EXPECT_EQ(now["residual_level"]["acceptable"], true);
  // The page lists the linked requirement with the risk as a ticked box, and more are typed in
  // (several separated by commas) from the page's one list of the specification's requirements.
  std::string register_page = b.get("/cases/" + id + "/risks").body;
  EXPECT_NE(register_page.find("name=\"requirement_ids\" value=\"" + req + "\" checked"), std::string::npos);
  EXPECT_NE(register_page.find("<datalist id=\"requirement-list\">"), std::string::npos);
  std::string second = str(spec["entries"][1]["requirement_id"]), third = str(spec["entries"][2]["requirement_id"]);
  auto typed = b.post("/cases/" + id + "/risks/" + str(risk["id"]),
                      {{"version", std::to_string(now["version"].get<int>())}, {"likelihood", "4"}, {"consequence", "4"},
                       {"residual_likelihood", "1"}, {"residual_consequence", "2"}, {"treatment", "reduce"},
                       {"requirement_ids", req}, {"requirement_ids", second + ", " + third}});
  ASSERT_EQ(typed.status, 303) << typed.body;
  now = expect_json(api(procurer).get(case_path(id) + "/risks"), 200, "risks")["items"][0];
  EXPECT_EQ(now["requirement_ids"], json({req, second, third}));
  // The case page shows the heat maps too, with the count in the cell.
  auto case_page = b.get("/cases/" + id);
  EXPECT_NE(case_page.body.find("aria-labelledby=\"hm-after\""), std::string::npos);
  EXPECT_NE(case_page.body.find(">1</text>"), std::string::npos);

  // The information owner of the asset accepts the residual risk on the page.
  Browser o;
  o.sign_in(owner.username, kTestPassword);
  auto owner_page = o.get("/cases/" + id + "/risks");
  EXPECT_NE(owner_page.body.find("Informationsägarens beslut om kvarvarande risk"), std::string::npos);
  auto decided = o.post("/cases/" + id + "/risks/" + str(now["id"]) + "/decision",
                        {{"version", std::to_string(now["version"].get<int>())}, {"decision", "accepted"},
                         {"decision_rationale", "Godtas med kraven på plats."}});
  EXPECT_EQ(decided.status, 303) << decided.body;
  EXPECT_EQ(expect_json(api(procurer).get(case_path(id) + "/risks"), 200, "risks")["items"][0]["decision"], "accepted");
}

}  // namespace kkt

namespace kkt {

TEST(Pages, APersonRunsTheOutsourcingAssessmentAndDownloadsItsDecisionBasis) {
  Org org("pages-outsourcing");
  User u = page_user(org.name(), {"legal", "procurer"});
  json asset_b = asset_body("Socialtjänstens akter", 3, 3, 3);
  asset_b["flags"] = {{"secrecy", true}};
  json asset = create_asset(api(u), asset_b);
  json c = case_body("KS 6/1", "Molnbaserat verksamhetssystem");
  c["operator"] = "external";
  c["hosting_location"] = "eu_eea_cloud";
  std::string id = str(create_case(api(u), c)["id"]);
  expect_json(api(u).post(case_path(id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");

  Browser b;
  b.sign_in(u.username, kTestPassword);
  auto case_page = b.get("/cases/" + id);
  ASSERT_EQ(case_page.status, 200);
  EXPECT_NE(case_page.body.find("id=\"case-findings-heading\""), std::string::npos);  // findings at the top
  EXPECT_NE(case_page.body.find("Varför?"), std::string::npos);
  EXPECT_NE(case_page.body.find("/cases/" + id + "/assessments"), std::string::npos);
  auto overview = b.get("/cases/" + id + "/assessments");
  ASSERT_EQ(overview.status, 200);
  EXPECT_NE(overview.body.find("/cases/" + id + "/forms/outsourcing"), std::string::npos);

  auto page = b.get("/cases/" + id + "/forms/outsourcing");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("name=\"answer.proposed_decision\""), std::string::npos) << page.body;
  // A wrong value is refused at the question, and nothing is saved.
  auto refused = b.post("/cases/" + id + "/forms/outsourcing",
                        {{"version", "0"}, {"answer.proposed_decision", "kanske"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("href=\"#q-proposed_decision\""), std::string::npos) << refused.body;

  json form = outsourcing_form(api(u), id);
  std::vector<std::pair<std::string, std::string>> fields{{"version", "0"}};
  for (const auto& s : form["sections"])
    for (const auto& q : s["questions"]) {
      std::string key = str(q["key"]);
      std::string value = q["kind"] == "text" ? "Kvarstående: utländsk rätt via moderbolaget." : str(q["options"][0]["key"]);
      if (key == "proposed_decision") value = "not_permitted";
      fields.push_back({"answer." + key, value});
      if (q["reasoning"].get<bool>()) fields.push_back({"reasoning." + key, "Skäl till svaret på " + key + "."});
    }
  auto saved = b.post("/cases/" + id + "/forms/outsourcing", fields);
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto after = b.get("/cases/" + id + "/forms/outsourcing");
  EXPECT_NE(after.body.find("value=\"not_permitted\" checked"), std::string::npos);
  EXPECT_NE(after.body.find("decision-basis.docx"), std::string::npos);
  auto docx = b.get("/api/v1/cases/" + id + "/forms/outsourcing/decision-basis.docx");
  ASSERT_EQ(docx.status, 200);
  auto text = kk::io::convert_with_libreoffice(docx.body, "docx", "txt:Text");
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("Skäl till svaret på proposed_decision."), std::string::npos) << *text;
  // The proposal not to permit it stops the decision to procure, and the case page says so.
  auto with_block = b.get("/cases/" + id);
  EXPECT_NE(with_block.body.find("Stoppar: Beslut att upphandla"), std::string::npos);
}

TEST(Pages, TheGlossaryExplainsTheWordsInBothLanguagesAndEveryPageLinksIt) {
  Org org("pages-glossary");
  User u = page_user(org.name(), {"reader"});
  Browser b;
  b.sign_in(u.username, kTestPassword);
  EXPECT_TRUE(has(b.get("/cases"), "<footer class=\"site-footer\"><a href=\"/glossary\">Begrepp</a></footer>"));
  auto sv = b.get("/glossary");
  ASSERT_EQ(sv.status, 200);
  EXPECT_TRUE(has(sv, "<title>Begrepp – Kravkedja</title>"));
  EXPECT_TRUE(has(sv, "<dt id=\"term-avropa\">Avropa</dt>"));
  EXPECT_TRUE(has(sv, "href=\"#term-avropa\""));
  EXPECT_TRUE(has(sv, "<a href=\"/glossary\" aria-current=\"page\">"));
  auto en = b.get("/glossary?lang=en");
  EXPECT_TRUE(has(en, "<title>Glossary – Kravkedja</title>"));
  EXPECT_TRUE(has(en, "<dt id=\"term-avropa\">Call-off</dt>"));
  Browser nobody;
  EXPECT_EQ(nobody.get("/glossary").status, 303) << "the glossary is for those signed in, like every page";
}


TEST(Pages, TheSpecificationFilterKeepsTheRequirementsHoldingEveryWordTyped) {
  Org org("pages-filter");
  User u = page_user(org.name(), {"procurer"});
  Api as = api(u);
  json c = create_case(as, case_body("KS 2027/401", "Molntjänst för hemtjänsten"));
  json spec = expect_json(as.get(case_path(c["id"]) + "/specification"), 200, "specification");
  int listed = 0;
  for (const auto& e : spec["entries"]) listed += e["status"] == "active" || e["status"] == "struck" ? 1 : 0;
  ASSERT_GE(listed, 5) << "a case without assets still gets the baseline";
  std::string id = spec["entries"][0]["requirement_id"];
  auto count_items = [](const Response& r) {
    int n = 0;
    for (std::size_t at = r.body.find("data-search="); at != std::string::npos; at = r.body.find("data-search=", at + 1)) ++n;
    return n;
  };
  Browser b;
  b.sign_in(u.username, kTestPassword);
  std::string path = "/cases/" + str(c["id"]) + "/specification";
  auto all = b.get(path);
  EXPECT_EQ(count_items(all), listed);
  EXPECT_TRUE(has(all, "<label for=\"filter-q\">Sök bland kraven"));
  EXPECT_TRUE(has(all, "data-template=\"Visar {shown} av {total} krav.\"></p>")) << "no count before a search";
  // Without JavaScript the search is a plain form: the server keeps what holds every word, in any case.
  std::string lower = id;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto one = b.get(path + "?q=" + lower);
  EXPECT_EQ(count_items(one), 1);
  EXPECT_TRUE(has(one, "id=\"req-" + id + "\""));
  EXPECT_TRUE(has(one, "Visar 1 av " + std::to_string(listed) + " krav."));
  EXPECT_TRUE(has(one, "value=\"" + lower + "\"")) << "the search stays in its field";
  auto none = b.get(path + "?q=ingenting+s%C3%A5dant");
  EXPECT_EQ(count_items(none), 0);
  EXPECT_TRUE(has(none, "Visar 0 av " + std::to_string(listed) + " krav."));
  EXPECT_TRUE(has(none, "id=\"filter-q\"")) << "the field stays, to search again";
  // The counts above the list are the whole specification's, whatever is shown.
  EXPECT_EQ(first_match(none.body, "Antal krav: <strong>(\\d+)</strong>"), first_match(all.body, "Antal krav: <strong>(\\d+)</strong>"));
}

}  // namespace kkt
