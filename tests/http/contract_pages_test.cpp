// The realise step as a person uses it in the browser, without JavaScript: the contract made
// from the case after the award, the delivery checked and approved, a year of quarterly
// follow-ups with one deviation, a subcontractor change re-assessed, the follow-up dashboard
// with a calendar address, and a complete exit; and the supplier's user on its own contract.
#include "api_helpers.hpp"
#include "browser.hpp"

namespace kkt {
namespace {

// The gate decided on the case page, after its activities are settled.
Response decide_on_page(Browser& b, const Api& as, const std::string& case_id, const std::string& gate) {
  settle_activities(as, case_id, gate);
  return b.post("/cases/" + case_id + "/decisions", {{"gate", gate}, {"outcome", "approved"}, {"rationale", "Beslutat på sidan."}});
}

TEST(ContractPages, APersonTakesACaseFromAwardThroughDeliveryAYearOfFollowUpsAChangeAndTheExit) {
  Org org("cpages-walk");
  User manager_user = org.user({"admin", "ciso", "procurer", "contract_manager", "information_owner"});
  Api as = api(manager_user);
  json asset = asset_body("Hemtjänstens journaler", 2, 2, 2);
  asset["owner_user_id"] = manager_user.id;
  json a = create_asset(as, asset);
  std::string case_id = create_case(as, case_body("KS 2027/31", "Hemtjänstsystem"))["id"];
  expect_json(as.post(case_path(case_id) + "/assets", {{"asset_id", a["id"]}}), 200, "link");
  for (const char* gate : {"need_identified", "procure_decision", "documents_approved", "award_decided", "contract_signed"})
    pass_gate(as, case_id, gate);
  json supplier = expect_json(as.post("/api/v1/suppliers", {{"name", "Omsorgsdata AB"}, {"country", "SE"}}), 201, "supplier");

  Browser b;
  b.sign_in(manager_user.username, kTestPassword);
  auto case_page = b.get("/cases/" + case_id);
  EXPECT_TRUE(has(case_page, "href=\"/cases/" + case_id + "/contract/new\"")) << "the contract is made from the awarded case";

  // The contract, started a year and a few days ago: four quarterly controls are behind us.
  std::string starts = utc_in(-375 * 86400).substr(0, 10), ends = utc_in(730 * 86400).substr(0, 10);
  auto refused = b.post("/cases/" + case_id + "/contract",
                        {{"supplier_id", str(supplier["id"])}, {"title", ""}, {"starts_on", starts}, {"ends_on", ends}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(has(refused, "id=\"c-title-error\"")) << refused.body;
  EXPECT_TRUE(has(refused, "value=\"" + starts + "\"")) << "what was typed stays";
  auto made = b.post("/cases/" + case_id + "/contract",
                     {{"supplier_id", str(supplier["id"])}, {"title", "Hemtjänstsystem 2027"}, {"starts_on", starts},
                      {"ends_on", ends}, {"expiry_alert_months", "12"}, {"governing_law", "Svensk lag"},
                      {"authorities", "IMY\nIVO"}, {"authority_assistance", "Leverantören bistår vid tillsyn utan extra kostnad."}});
  ASSERT_EQ(made.status, 303) << made.body;
  std::string contract_path = made.header("location");
  std::string contract_id = contract_path.substr(std::string("/contracts/").size());
  json contract = expect_json(as.get("/api/v1/contracts/" + contract_id), 200, "contract");
  EXPECT_EQ(contract["terms"]["authorities"], json({"IMY", "IVO"}));
  EXPECT_EQ(contract["terms"]["authority_assistance"], "Leverantören bistår vid tillsyn utan extra kostnad.");
  auto page = b.get(contract_path);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page, "Leveranskontroll"));
  EXPECT_TRUE(has(page, "Omsorgsdata AB"));

  // An obligation the supplier places on us is followed up like the measures.
  auto no_text = b.post(contract_path + "/obligations", {{"text", ""}, {"frequency", "yearly"}, {"owner_user_id", ""}});
  EXPECT_EQ(no_text.status, 422);
  EXPECT_TRUE(has(no_text, "id=\"obligation-error\""));
  ASSERT_EQ(b.post(contract_path + "/obligations", {{"text", "Vi håller behörigheterna i systemet aktuella."}, {"frequency", "yearly"},
                                                    {"owner_user_id", manager_user.id}})
                .status,
            303);
  contract = expect_json(as.get("/api/v1/contracts/" + contract_id), 200, "contract with our obligation");
  EXPECT_TRUE(find_by(contract["measures"], "text", "Vi håller behörigheterna i systemet aktuella.")["obligation_on_us"].get<bool>());

  // Delivery: every measure checked on the page, with evidence; the gate passes after.
  std::string first = contract["measures"][0]["id"];
  auto no_evidence = b.post(contract_path + "/delivery/" + first, {{"version", "0"}, {"state", "verified"}, {"evidence", ""}});
  EXPECT_EQ(no_evidence.status, 422);
  EXPECT_TRUE(has(no_evidence, "id=\"delivery-" + first + "-error\"")) << no_evidence.body;
  for (const auto& m : contract["measures"])
    ASSERT_EQ(b.post(contract_path + "/delivery/" + str(m["id"]),
                     {{"version", "0"}, {"state", "verified"}, {"evidence", "Acceptanstest godkänt."}})
                  .status,
              303);
  EXPECT_TRUE(has(b.get(contract_path), "Alla ska-krav är verifierade"));
  ASSERT_EQ(decide_on_page(b, as, case_id, "delivery_approved").status, 303);

  // A year of quarterly follow-ups of the first measure, owned by the manager; one is not met.
  ASSERT_EQ(b.post(contract_path + "/measures/" + first + "/plan",
                   {{"version", str(contract["measures"][0]["version"])}, {"responsibility", "supplier"}, {"lead", "supplier"},
                    {"method", "own_audit"}, {"frequency", "quarterly"}, {"every_n_months", ""},
                    {"evidence", "Granskningsprotokoll"}, {"owner_user_id", manager_user.id}})
                .status,
            303);
  contract = expect_json(as.get("/api/v1/contracts/" + contract_id), 200, "contract");
  json overdue = contract["measures"][0]["overdue"];
  ASSERT_EQ(overdue.size(), 4u) << contract["measures"][0].dump();
  auto missing_plan = b.post(contract_path + "/measures/" + first + "/records",
                             {{"due_on", str(overdue[1])}, {"result", "not_met"}, {"notes", "Loggar saknades."},
                              {"action_plan", ""}, {"deadline", ""}, {"owner_user_id", ""}});
  EXPECT_EQ(missing_plan.status, 422);
  EXPECT_TRUE(has(missing_plan, "id=\"record-" + first + "-error\""));
  for (std::size_t i = 0; i < overdue.size(); ++i) {
    Fields fields = {{"due_on", str(overdue[i])}, {"result", i == 1 ? "not_met" : "met"}, {"notes", "Kvartalsgranskning."}};
    if (i == 1)
      for (const auto& f : Fields{{"action_plan", "Leverantören slår på loggning."}, {"deadline", ends}, {"owner_user_id", manager_user.id}})
        fields.push_back(f);
    ASSERT_EQ(b.post(contract_path + "/measures/" + first + "/records", fields).status, 303) << i;
  }
  contract = expect_json(as.get("/api/v1/contracts/" + contract_id), 200, "contract after a year");
  EXPECT_TRUE(contract["measures"][0]["overdue"].empty());
  ASSERT_EQ(contract["deviations"].size(), 1u);
  std::string deviation = contract["deviations"][0]["id"];
  page = b.get(contract_path);
  EXPECT_TRUE(has(page, "Öppen avvikelse"));
  EXPECT_TRUE(has(page, "Inte uppfyllt"));
  ASSERT_EQ(b.post(contract_path + "/deviations/" + deviation + "/closure",
                   {{"version", "1"}, {"evidence", "Loggar granskade 2028-02-01."}})
                .status,
            303);
  EXPECT_TRUE(has(b.get(contract_path), "Stängd avvikelse"));

  // A new subcontractor: recorded, shown for re-assessment, re-assessed.
  auto no_name = b.post(contract_path + "/changes", {{"kind", "subcontractor_added"}, {"description", "Ny backup."}, {"subcontractor", ""}});
  EXPECT_EQ(no_name.status, 422);
  EXPECT_TRUE(has(no_name, "id=\"change-error\""));
  ASSERT_EQ(b.post(contract_path + "/changes",
                   {{"kind", "subcontractor_added"}, {"description", "Backup hos ny partner."}, {"subcontractor", "Backup Nord AB"},
                    {"subcontractor_country", "SE"}})
                .status,
            303);
  page = b.get(contract_path);
  EXPECT_TRUE(has(page, "Ny underleverantör: Backup Nord AB"));
  EXPECT_TRUE(has(page, "Omprövas senast"));
  contract = expect_json(as.get("/api/v1/contracts/" + contract_id), 200, "contract with a change");
  json change = contract["changes"][0];
  ASSERT_EQ(b.post(contract_path + "/changes/" + str(change["id"]) + "/reassessment",
                   {{"version", str(change["version"])}, {"conclusion", "Backup Nord AB finns i Sverige; inga nya krav."}})
                .status,
            303);
  EXPECT_TRUE(has(b.get(contract_path), "Omprövad"));

  // The follow-up dashboard, and a calendar address shown once.
  auto dashboard = b.get("/follow-ups");
  ASSERT_EQ(dashboard.status, 200);
  EXPECT_TRUE(has(dashboard, "Försenade kontroller"));
  // A page past the end of the controls shows none, says there are some, and links back.
  auto past = b.get("/follow-ups?page=9");
  ASSERT_EQ(past.status, 200);
  EXPECT_TRUE(has(past, "href=\"/follow-ups?page=1\"")) << past.body;
  EXPECT_FALSE(has(past, "Inga försenade")) << "the overdue controls are on the first page";
  auto feed = b.post("/follow-ups/feed", {});
  ASSERT_EQ(feed.status, 200);
  std::string feed_path = first_match(feed.body, "(/calendar/[A-Za-z0-9_-]+\\.ics)");
  ASSERT_FALSE(feed_path.empty()) << feed.body;
  EXPECT_EQ(anonymous().get(feed_path).status, 200);
  EXPECT_FALSE(has(b.get("/follow-ups"), feed_path)) << "the address is shown only once";

  // The exit: the plan, every check with evidence (no leased equipment), and the last gate.
  ASSERT_EQ(decide_on_page(b, as, case_id, "exit_decided").status, 303);
  EXPECT_EQ(decide_on_page(b, as, case_id, "relationship_closed").status, 422) << "the exit is not done";
  ASSERT_EQ(b.post(contract_path + "/exit-plan", {{"version", "0"}, {"formats", "Journaler som PDF/A, register som CSV"},
                                                  {"trigger", "Avtalet löper ut"}, {"notes", ""}, {"attend_destruction", "true"}})
                .status,
            303);
  for (const char* check : {"information_returned", "information_readable", "deletion_confirmed", "backups_deleted", "access_removed"})
    ASSERT_EQ(b.post(contract_path + "/exit-checks/" + check, {{"version", "0"}, {"state", "done"}, {"evidence", "Intyg från leverantören."}, {"notes", ""}})
                  .status,
              303)
        << check;
  auto applies = b.post(contract_path + "/exit-checks/equipment_wiped", {{"version", "0"}, {"state", "not_applicable"}, {"evidence", ""}, {"notes", ""}});
  EXPECT_EQ(applies.status, 422);
  EXPECT_TRUE(has(applies, "id=\"exit-equipment_wiped-error\""));
  ASSERT_EQ(b.post(contract_path + "/exit-checks/equipment_wiped",
                   {{"version", "0"}, {"state", "not_applicable"}, {"evidence", ""}, {"notes", "Ingen leasad utrustning."}})
                .status,
            303);
  auto uploaded = b.post_files(contract_path + "/files", {{"subject", "exit_check:deletion_confirmed"}},
                               {{"file", "raderingsintyg.pdf", "%PDF-1.4\n% intyg\n"}});
  ASSERT_EQ(uploaded.status, 303) << uploaded.body;
  page = b.get(contract_path);
  EXPECT_TRUE(has(page, "Avslutet är klart"));
  EXPECT_TRUE(has(page, "raderingsintyg.pdf"));
  ASSERT_EQ(decide_on_page(b, as, case_id, "relationship_closed").status, 303);
  EXPECT_EQ(get_case(as, case_id)["status"], "completed");
  // The closed case offers its archive package.
  std::string archive = "/api/v1/cases/" + case_id + "/archive.zip";
  EXPECT_TRUE(has(b.get("/cases/" + case_id), "href=\"" + archive + "\""));
  auto package = b.get(archive);
  EXPECT_EQ(package.status, 200);
  EXPECT_EQ(package.header("content-type"), "application/zip");
}

TEST(ContractPages, AnAcceptanceTestChecksManyMeasuresAtOnceAllOrNone) {
  Org org("cpages-many");
  User manager_user = org.user({"admin", "ciso", "procurer", "contract_manager", "information_owner"});
  Api as = api(manager_user);
  json a = create_asset(as, asset_body("Elevregister", 2, 2, 2));
  std::string case_id = create_case(as, case_body("KS 2027/33", "Skolplattform"))["id"];
  expect_json(as.post(case_path(case_id) + "/assets", {{"asset_id", a["id"]}}), 200, "link");
  for (const char* gate : {"need_identified", "procure_decision", "documents_approved", "award_decided", "contract_signed"})
    pass_gate(as, case_id, gate);
  json supplier = expect_json(as.post("/api/v1/suppliers", {{"name", "Skoldata AB"}, {"country", "SE"}}), 201, "supplier");
  json contract = expect_json(as.post(case_path(case_id) + "/contract", {{"supplier_id", supplier["id"]}, {"title", "Skolplattform 2027"},
                                                                         {"starts_on", "2027-01-01"}, {"ends_on", "2029-12-31"}}),
                              201, "contract");
  std::string path = "/api/v1/contracts/" + str(contract["id"]);
  const json& items = contract["delivery"]["items"];
  ASSERT_GE(items.size(), 3u);
  auto unchanged = [&] {
    json now = expect_json(as.get(path), 200, "contract");
    for (const auto& item : now["delivery"]["items"]) EXPECT_EQ(item["state"], "open") << item.dump();
  };

  // The API refuses the whole list for one bad item, naming it, and records nothing.
  json list = json::array({{{"measure_id", items[0]["measure_id"]}, {"version", items[0]["version"]}},
                           {{"measure_id", "no-such-measure"}, {"version", 0}}});
  EXPECT_TRUE(is_error(as.post(path + "/delivery", {{"items", list}, {"state", "verified"}, {"evidence", "Acceptanstest."}}), 422,
               "error.unknown_value", "items[1].measure_id"));
  unchanged();
  list[1] = {{"measure_id", items[1]["measure_id"]}, {"version", 7}};
  EXPECT_TRUE(is_error(as.post(path + "/delivery", {{"items", list}, {"state", "verified"}, {"evidence", "Acceptanstest."}}), 409,
               "error.stale_version", "items[1]"));
  unchanged();
  EXPECT_TRUE(is_error(as.post(path + "/delivery", {{"items", json::array({list[0]})}, {"state", "exception"}, {"evidence", "x"}}), 422,
               "error.delivery_many_state", "state"));
  EXPECT_TRUE(is_error(as.post(path + "/delivery", {{"items", json::array()}, {"state", "verified"}, {"evidence", "x"}}), 422,
               "error.delivery_choose", "items"));
  unchanged();

  // On the page: nothing ticked or no evidence is shown at the form; then every measure at once.
  Browser b;
  b.sign_in(manager_user.username, kTestPassword);
  std::string page_path = "/contracts/" + str(contract["id"]);
  auto page = b.get(page_path);
  ASSERT_EQ(page.status, 200);
  for (const auto& item : items)
    EXPECT_TRUE(has(page, "name=\"measure\" value=\"" + str(item["measure_id"]) + ":" + std::to_string(item["version"].get<int>()) + "\" checked"));
  auto none = b.post(page_path + "/delivery", {{"state", "verified"}, {"evidence", "Acceptanstest."}});
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(has(none, "id=\"delivery-all-error\" role=\"alert\">Välj minst en åtgärd.")) << none.body;
  Fields ticked{{"state", "verified"}, {"evidence", ""}, {"notes", "Testat i förproduktion."}};
  for (const auto& item : items)
    ticked.emplace_back("measure", str(item["measure_id"]) + ":" + std::to_string(item["version"].get<int>()));
  auto no_evidence = b.post(page_path + "/delivery", ticked);
  EXPECT_EQ(no_evidence.status, 422);
  EXPECT_TRUE(has(no_evidence, "Testat i förproduktion.</textarea>")) << "what was typed stays";
  unchanged();
  for (auto& [k, v] : ticked)
    if (k == "evidence") v = "Acceptanstest godkänt 2027-01-20.";
  auto checked = b.post(page_path + "/delivery", ticked);
  ASSERT_EQ(checked.status, 303) << checked.body;
  EXPECT_EQ(checked.header("location"), page_path + "#delivery");
  json after = expect_json(as.get(path), 200, "contract");
  for (const auto& item : after["delivery"]["items"]) {
    EXPECT_EQ(item["state"], "verified");
    EXPECT_EQ(item["evidence"], "Acceptanstest godkänt 2027-01-20.");
  }
  auto done = b.get(page_path);
  EXPECT_TRUE(has(done, "Alla ska-krav är verifierade"));
  EXPECT_FALSE(has(done, "id=\"delivery_all\"")) << "nothing is left to check";
  // The same ticks again are stale: someone (here, we) checked them meanwhile.
  EXPECT_EQ(b.post(page_path + "/delivery", ticked).status, 409);
}

TEST(ContractPages, TheSuppliersUserSeesItsContractAndReportsAnIncidentAndNothingElse) {
  Org org("cpages-supplier");
  User manager_user = org.user({"admin", "ciso", "procurer", "contract_manager", "information_owner"});
  Api as = api(manager_user);
  std::string case_id = create_case(as, case_body("KS 2027/32", "Bokningssystem"))["id"];
  for (const char* gate : {"need_identified", "procure_decision", "documents_approved", "award_decided", "contract_signed"})
    pass_gate(as, case_id, gate);
  json supplier = expect_json(as.post("/api/v1/suppliers", {{"name", "Bokning AB"}, {"country", "SE"}}), 201, "supplier");
  json contract = expect_json(as.post(case_path(case_id) + "/contract", {{"supplier_id", supplier["id"]}, {"title", "Bokning 2027"},
                                                                         {"starts_on", "2027-01-01"}, {"ends_on", "2028-12-31"}}),
                              201, "contract");
  std::string username = unique_name("bok");
  expect_json(as.post("/api/v1/users", {{"username", username}, {"display_name", "Bokning AB:s säkerhetsansvarige"},
                                        {"password", kTestPassword}, {"supplier_id", supplier["id"]}}),
              201, "supplier user");
  Browser s;
  s.sign_in(username, kTestPassword);
  auto list = s.get("/contracts");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list, "Bokning 2027"));
  std::string path = "/contracts/" + str(contract["id"]);
  auto page = s.get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page, "Rapportera incident"));
  EXPECT_FALSE(has(page, "Leveranskontroll"));
  EXPECT_FALSE(has(page, "Avslut"));
  auto refused = s.post(path + "/incidents", {{"occurred_on", ""}, {"description", "Intrångsförsök"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(has(refused, "id=\"incident-error\""));
  ASSERT_EQ(s.post(path + "/incidents", {{"occurred_on", "2027-05-04"}, {"description", "Intrångsförsök mot inloggningen."},
                                         {"affected_information", "Inga uppgifter röjdes."}, {"measures", "IP-spärr."}})
                .status,
            303);
  EXPECT_TRUE(has(s.get(path), "Intrångsförsök mot inloggningen."));
  EXPECT_EQ(s.get("/follow-ups").status, 403);
  EXPECT_EQ(s.post(path + "/exit-plan", {{"version", "0"}, {"formats", "CSV"}}).status, 403);
}

}  // namespace
}  // namespace kkt
