// The access sweep: every route of the OpenAPI document is called as every kind of caller —
// each role of the organisation, a supplier invited to the tender, a supplier invited to another
// tender, a user of another organisation (holding every role there) and nobody signed in — and
// the answer is held against the matrix below. A route the matrix does not list fails the
// sweep, so a new route cannot ship without someone deciding who may call it.
//
// "Allowed" means the request got past the permission check: any answer but 401, 403, 404 (a
// write with an empty body is then refused as incomplete, which changes nothing). "Denied" means
// 401 for nobody signed in, 404 for another organisation (its ids are indistinguishable from
// missing ones) and for a supplier's user asking about what is not theirs, 403 or 404 otherwise.
// Whatever another organisation or the other supplier is allowed to read (their own lists) must
// not carry anything of this organisation's or of the first supplier's.
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "api_helpers.hpp"

using namespace kkt;

namespace {

enum class Caller {
  anonymous,
  admin,
  ciso,
  procurer,
  information_owner,
  contract_manager,
  security_officer,
  legal,
  reader,
  supplier,        // invited to the tender the paths name, and the contract's supplier
  other_supplier,  // invited to another tender of the same case
  other_org,       // every role, in another organisation
};
constexpr Caller kCallers[] = {Caller::anonymous,        Caller::admin,    Caller::ciso,   Caller::procurer,
                               Caller::information_owner, Caller::contract_manager, Caller::security_officer,
                               Caller::legal,            Caller::reader,   Caller::supplier, Caller::other_supplier,
                               Caller::other_org};

const std::map<std::string, Caller>& caller_names() {
  static const std::map<std::string, Caller> names{
      {"anonymous", Caller::anonymous},
      {"admin", Caller::admin},
      {"ciso", Caller::ciso},
      {"procurer", Caller::procurer},
      {"information_owner", Caller::information_owner},
      {"contract_manager", Caller::contract_manager},
      {"security_officer", Caller::security_officer},
      {"legal", Caller::legal},
      {"reader", Caller::reader},
      {"supplier", Caller::supplier},
      {"other_supplier", Caller::other_supplier},
      {"other_org", Caller::other_org},
  };
  return names;
}

std::string name_of(Caller c) {
  for (const auto& [name, caller] : caller_names())
    if (caller == c) return name;
  return "?";
}

// "roles" is every role of the organisation; "signed_in" everybody with an account (other
// organisations and suppliers included); "everyone" adds nobody signed in; "nobody" is empty.
std::set<Caller> callers_of(const std::string& spec) {
  static const std::vector<std::string> roles{"admin", "ciso", "procurer", "information_owner", "contract_manager",
                                              "security_officer", "legal", "reader"};
  std::set<Caller> out;
  std::istringstream words(spec);
  std::string w;
  while (words >> w) {
    if (w == "nobody") continue;
    if (w == "roles" || w == "signed_in" || w == "everyone") {
      for (const auto& r : roles) out.insert(caller_names().at(r));
      if (w != "roles")
        out.insert({Caller::supplier, Caller::other_supplier, Caller::other_org});
      if (w == "everyone") out.insert(Caller::anonymous);
      continue;
    }
    auto it = caller_names().find(w);
    if (it == caller_names().end()) throw std::runtime_error("access matrix: unknown caller '" + w + "'");
    out.insert(it->second);
  }
  return out;
}

// Who may call each route. Taken from docs/roles.md; where the two ever disagree, one is wrong.
// Some answers depend on the object or its state rather than the role: a tender's contents are
// sealed (422) until the opening, and then only for the evaluation group; a supplier reads only
// its own company's tenders, contracts and files.
const std::map<std::string, std::string>& access_matrix() {
  static const std::map<std::string, std::string> m{
      {"GET /healthz", "everyone"},
      {"GET /readyz", "everyone"},
      {"GET /api/v1/openapi.json", "everyone"},
      // One's own account, lists of one's own organisation, shared reference data.
      {"GET /api/v1/me", "signed_in"},
      {"GET /api/v1/me/calendar-feed", "signed_in"},
      {"POST /api/v1/me/calendar-feed", "roles other_org"},
      {"DELETE /api/v1/me/calendar-feed", "signed_in"},
      {"GET /api/v1/me/notifications", "signed_in"},
      {"GET /api/v1/me/todo", "signed_in"},
      {"GET /api/v1/me/second-factor", "signed_in"},
      {"POST /api/v1/me/second-factor", "signed_in"},
      {"POST /api/v1/me/second-factor/confirmation", "signed_in"},
      {"DELETE /api/v1/me/second-factor", "signed_in"},
      {"DELETE /api/v1/users/{id}/second-factor", "admin"},
      {"POST /api/v1/me/notifications/{notification_id}/read", "contract_manager"},
      {"GET /api/v1/process", "roles other_org"},
      {"GET /api/v1/classification-model", "roles other_org"},
      {"GET /api/v1/classification-questions", "roles other_org"},
      {"POST /api/v1/classification-questions/proposal", "roles other_org"},
      {"GET /api/v1/risk-matrix", "roles other_org"},
      {"GET /api/v1/risk-starters", "roles other_org"},
      {"GET /api/v1/directory", "roles other_org"},
      {"GET /api/v1/organisation", "roles other_org"},
      {"PATCH /api/v1/organisation", "admin other_org"},
      {"GET /api/v1/organisation/sign-on", "admin other_org"},
      {"PUT /api/v1/organisation/sign-on", "admin other_org"},
      {"GET /api/v1/users", "admin other_org"},
      {"POST /api/v1/users", "admin other_org"},
      {"PATCH /api/v1/users/{id}", "admin"},
      {"POST /api/v1/users/{id}/reset-password", "admin"},
      {"DELETE /api/v1/users/{id}/calendar-feed", "admin"},
      {"GET /api/v1/audit", "admin other_org"},
      {"GET /api/v1/catalogs", "roles other_org"},
      {"POST /api/v1/catalogs", "admin ciso other_org"},
      {"POST /api/v1/catalogs/{kind}/{content_id}/shares", "admin ciso"},
      {"GET /api/v1/catalogs/{kind}/{content_id}/versions/{version}", "roles"},
      {"GET /api/v1/catalogs/catalogue/{content_id}/versions/{version}/catalogue.csv", "roles"},
      {"GET /api/v1/catalogs/catalogue/{content_id}/versions/{version}/catalogue.xlsx", "roles"},
      {"DELETE /api/v1/catalogs/{kind}/{content_id}/shares/{organisation_id}", "admin ciso"},
      // Information assets.
      {"GET /api/v1/assets", "roles other_org"},
      {"POST /api/v1/assets", "ciso procurer information_owner other_org"},
      {"POST /api/v1/assets/import", "ciso procurer information_owner other_org"},
      {"GET /api/v1/assets/{id}", "roles"},
      {"PATCH /api/v1/assets/{id}", "ciso procurer information_owner"},
      {"DELETE /api/v1/assets/{id}", "ciso information_owner"},
      // Cases.
      {"GET /api/v1/cases", "roles other_org"},
      {"POST /api/v1/cases", "ciso procurer other_org"},
      {"GET /api/v1/cases/{id}", "roles"},
      {"PATCH /api/v1/cases/{id}", "ciso procurer"},
      {"POST /api/v1/cases/{id}/copy", "ciso procurer"},
      {"POST /api/v1/cases/{id}/cancel", "ciso procurer"},
      {"GET /api/v1/cases/{id}/archive.zip", "roles"},
      {"POST /api/v1/cases/{id}/assets", "ciso procurer"},
      {"DELETE /api/v1/cases/{id}/assets/{asset_id}", "ciso procurer"},
      {"POST /api/v1/cases/{id}/team", "ciso procurer"},
      {"DELETE /api/v1/cases/{id}/team/{user_id}/{competence}", "ciso procurer"},
      {"POST /api/v1/cases/{id}/decisions", "ciso procurer information_owner contract_manager"},
      {"PATCH /api/v1/cases/{id}/activities/{key}",
       "ciso procurer information_owner contract_manager security_officer legal"},
      {"GET /api/v1/cases/{id}/findings", "roles"},
      // The case's assessments: guided forms, governing documents, framework parties, confirmations.
      {"GET /api/v1/cases/{id}/forms", "roles"},
      {"GET /api/v1/cases/{id}/forms/{form}", "roles"},
      {"PUT /api/v1/cases/{id}/forms/{form}",
       "ciso procurer information_owner contract_manager security_officer legal"},
      {"GET /api/v1/cases/{id}/forms/{form}/decision-basis.docx", "roles"},
      {"GET /api/v1/cases/{id}/governing-documents", "roles"},
      {"POST /api/v1/cases/{id}/governing-documents",
       "ciso procurer information_owner contract_manager security_officer legal"},
      {"PATCH /api/v1/cases/{id}/governing-documents/{document_id}",
       "ciso procurer information_owner contract_manager security_officer legal"},
      {"DELETE /api/v1/cases/{id}/governing-documents/{document_id}",
       "ciso procurer information_owner contract_manager security_officer legal"},
      {"GET /api/v1/cases/{id}/framework-parties", "roles"},
      {"POST /api/v1/cases/{id}/framework-parties",
       "ciso procurer information_owner contract_manager security_officer legal"},
      {"PATCH /api/v1/cases/{id}/framework-parties/{party_id}",
       "ciso procurer information_owner contract_manager security_officer legal"},
      {"DELETE /api/v1/cases/{id}/framework-parties/{party_id}",
       "ciso procurer information_owner contract_manager security_officer legal"},
      {"GET /api/v1/cases/{id}/confirmations", "roles"},
      {"PUT /api/v1/cases/{id}/confirmations/{requirement_id}", "ciso procurer information_owner contract_manager"},
      {"DELETE /api/v1/cases/{id}/confirmations/{requirement_id}", "ciso procurer information_owner contract_manager"},
      // Risks.
      {"GET /api/v1/cases/{id}/risks", "roles"},
      {"POST /api/v1/cases/{id}/risks", "ciso procurer information_owner contract_manager security_officer"},
      {"GET /api/v1/cases/{id}/risks.csv", "roles"},
      {"GET /api/v1/cases/{id}/risks.docx", "roles"},
      {"GET /api/v1/cases/{id}/risks.xlsx", "roles"},
      {"POST /api/v1/cases/{id}/risks/copy-stage", "ciso procurer information_owner contract_manager security_officer"},
      {"GET /api/v1/cases/{id}/risks/{risk_id}", "roles"},
      {"PATCH /api/v1/cases/{id}/risks/{risk_id}", "ciso procurer information_owner contract_manager security_officer"},
      {"DELETE /api/v1/cases/{id}/risks/{risk_id}", "ciso procurer information_owner contract_manager security_officer"},
      {"GET /api/v1/cases/{id}/risk-assessments", "roles"},
      {"PATCH /api/v1/cases/{id}/risk-assessments/{stage}",
       "ciso procurer information_owner contract_manager security_officer"},
      // The specification and its documents.
      {"GET /api/v1/cases/{id}/specification", "roles"},
      {"GET /api/v1/cases/{id}/specification.csv", "roles"},
      {"GET /api/v1/cases/{id}/specification.docx", "roles"},
      {"GET /api/v1/cases/{id}/specification.json", "roles"},
      {"GET /api/v1/cases/{id}/specification/oscal-catalog.json", "roles"},
      {"GET /api/v1/cases/{id}/specification/oscal-profile.json", "roles"},
      {"GET /api/v1/cases/{id}/specification/questionnaire.csv", "roles"},
      {"GET /api/v1/cases/{id}/specification/questionnaire.xlsx", "roles"},
      {"GET /api/v1/cases/{id}/specification.md", "roles"},
      {"GET /api/v1/cases/{id}/specification.pdf", "roles"},
      {"GET /api/v1/cases/{id}/specification.xlsx", "roles"},
      {"POST /api/v1/cases/{id}/specification/entries", "ciso procurer"},
      {"PATCH /api/v1/cases/{id}/specification/entries/{entry_id}", "ciso procurer"},
      {"POST /api/v1/cases/{id}/specification/proposal", "ciso procurer"},
      {"POST /api/v1/cases/{id}/specification/upgrade", "ciso procurer"},
      // Tendering and evaluation.
      {"GET /api/v1/cases/{id}/tenders", "roles"},
      {"POST /api/v1/cases/{id}/tenders", "ciso procurer"},
      {"POST /api/v1/cases/{id}/tenders/opening", "ciso procurer"},
      {"PUT /api/v1/cases/{id}/evaluation-model", "ciso procurer"},
      {"PUT /api/v1/cases/{id}/evaluation-group", "ciso procurer"},
      {"GET /api/v1/cases/{id}/evaluation", "roles"},
      {"GET /api/v1/cases/{id}/evaluation.docx", "roles"},
      {"GET /api/v1/cases/{id}/evaluation.xlsx", "roles"},
      {"GET /api/v1/tenders", "supplier other_supplier"},  // a supplier's own invitations
      {"GET /api/v1/tenders/{tender_id}", "roles supplier"},
      {"GET /api/v1/tenders/{tender_id}/copy.docx", "roles supplier"},
      {"GET /api/v1/tenders/{tender_id}/responses", "roles supplier"},
      {"PUT /api/v1/tenders/{tender_id}/responses", "supplier"},
      {"GET /api/v1/tenders/{tender_id}/responses.xlsx", "roles supplier"},
      {"POST /api/v1/tenders/{tender_id}/responses.xlsx", "supplier"},
      {"POST /api/v1/tenders/{tender_id}/submission", "supplier"},
      {"POST /api/v1/tenders/{tender_id}/files", "supplier"},
      {"GET /api/v1/tenders/{tender_id}/files/{file_id}", "roles supplier"},
      {"DELETE /api/v1/tenders/{tender_id}/files/{file_id}", "supplier"},
      {"PUT /api/v1/tenders/{tender_id}/judgements/{requirement_id}", "procurer"},  // the evaluation group
      // Suppliers.
      {"GET /api/v1/suppliers", "roles other_org"},
      {"POST /api/v1/suppliers", "ciso procurer contract_manager other_org"},
      {"GET /api/v1/suppliers/{supplier_id}", "roles"},
      {"PATCH /api/v1/suppliers/{supplier_id}", "ciso procurer contract_manager"},
      {"DELETE /api/v1/suppliers/{supplier_id}", "ciso procurer contract_manager"},
      // Contracts and follow-up.
      {"POST /api/v1/cases/{id}/contract", "ciso procurer contract_manager"},
      {"GET /api/v1/contracts", "signed_in"},
      {"GET /api/v1/contracts/{contract_id}", "roles supplier"},
      {"PATCH /api/v1/contracts/{contract_id}", "ciso procurer contract_manager"},
      {"GET /api/v1/contracts/{contract_id}/calendar.ics", "roles supplier"},
      {"GET /api/v1/contracts/{contract_id}/oscal-assessment-results.json", "roles supplier"},
      {"PUT /api/v1/contracts/{contract_id}/measures/{measure_id}", "ciso procurer contract_manager"},
      {"POST /api/v1/contracts/{contract_id}/measures/{measure_id}/records", "ciso procurer contract_manager"},
      {"POST /api/v1/contracts/{contract_id}/measures/{measure_id}/self-assessments",
       "ciso procurer contract_manager supplier"},
      {"POST /api/v1/contracts/{contract_id}/obligations", "ciso procurer contract_manager"},
      {"POST /api/v1/contracts/{contract_id}/incidents", "ciso procurer contract_manager supplier"},
      {"POST /api/v1/contracts/{contract_id}/agreements", "ciso procurer contract_manager"},
      {"PUT /api/v1/contracts/{contract_id}/delivery/{measure_id}", "ciso procurer information_owner contract_manager"},
      {"POST /api/v1/contracts/{contract_id}/delivery", "ciso procurer contract_manager"},
      {"PUT /api/v1/contracts/{contract_id}/exit-plan", "ciso procurer contract_manager"},
      {"PUT /api/v1/contracts/{contract_id}/exit-checks/{check}", "ciso procurer contract_manager"},
      {"POST /api/v1/contracts/{contract_id}/changes", "ciso procurer contract_manager"},
      {"GET /api/v1/contracts/{contract_id}/changes/{change_id}/difference", "roles"},
      {"PUT /api/v1/contracts/{contract_id}/changes/{change_id}/lou", "ciso procurer contract_manager"},
      {"POST /api/v1/contracts/{contract_id}/changes/{change_id}/reassessment", "ciso procurer contract_manager"},
      {"POST /api/v1/contracts/{contract_id}/files", "ciso procurer contract_manager supplier"},
      {"GET /api/v1/contracts/{contract_id}/files/{file_id}", "roles"},  // an exit-check file
      {"POST /api/v1/deviations/{deviation_id}/closure", "ciso procurer contract_manager"},
      {"GET /api/v1/follow-ups", "roles other_org"},
  };
  return m;
}

// What the sweep calls: the organisation, its callers, and one object of each kind.
struct World {
  std::map<Caller, Api> as;
  std::map<std::string, std::string> ids;  // by the path parameter's meaning
  std::vector<std::string> org_secrets;       // must never reach another organisation
  std::vector<std::string> supplier_secrets;  // must never reach the other supplier
  Api setup;                                  // every role, makes the objects
  std::string case_id, asset_owner_id;
  std::function<std::map<std::string, std::string>(const std::string&)> fresh;
};

json supplier_body(const std::string& name) { return {{"name", name}, {"org_number", "556000-0000"}, {"country", "SE"}}; }

// A tender answer only the supplier and, after the opening, the buyer's evaluators may read.
const std::string kSecretAnswer = "Hemlig lösning med nyckelhantering i egen HSM";

World build_world() {
  World w;
  Org home("sweep");
  Org away("sweep-away");
  User setup_user = home.user({"admin", "ciso", "procurer", "information_owner", "contract_manager"});
  w.setup = api(setup_user);
  const Api& as = w.setup;
  std::map<Caller, User> users;
  for (Caller c : kCallers) {
    std::string name = name_of(c);
    if (c == Caller::anonymous) w.as[c] = anonymous();
    else if (c == Caller::other_org)
      w.as[c] = api(away.user({"admin", "ciso", "procurer", "information_owner", "contract_manager",
                               "security_officer", "legal", "reader"}));
    else if (c != Caller::supplier && c != Caller::other_supplier)
      users[c] = home.user({name}), w.as[c] = api(users[c]);
  }
  User target = home.user({"reader"});
  w.ids["user"] = target.id;
  w.asset_owner_id = users[Caller::information_owner].id;

  // A case in tendering, with an asset, a risk, a team member, documents and two invited suppliers.
  json asset = asset_body("Patientjournaler (svep)", 3, 3, 2);
  asset["owner_user_id"] = w.asset_owner_id;
  json a = create_asset(as, asset);
  w.ids["asset"] = a["id"];
  json body = case_body(unique_name("KS-svep"), "Journalsystem i molnet");
  body["delivery_model"] = "cloud_saas";
  body["tender_deadline"] = utc_in(3600);
  w.case_id = create_case(as, body)["id"];
  std::string cp = case_path(w.case_id);
  expect_json(as.post(cp + "/assets", {{"asset_id", a["id"]}}), 200, "link asset");
  expect_json(as.post(cp + "/team", {{"user_id", users[Caller::reader].id}, {"competence", "juridik"}}), 200, "team");
  w.ids["team_user"] = users[Caller::reader].id;
  json doc = expect_json(as.post(cp + "/governing-documents",
                                 {{"origin", "internal"}, {"category", "policy"}, {"title", "Molnpolicy"}}),
                         201, "document");
  w.ids["document"] = doc["id"];
  json party = expect_json(as.post(cp + "/framework-parties", {{"name", "Regionen"}, {"levels", {{"confidentiality", 2}}}}),
                           201, "party");
  w.ids["party"] = party["id"];
  pass_gate(as, w.case_id, "need_identified");
  pass_gate(as, w.case_id, "procure_decision");
  pass_gate(as, w.case_id, "documents_approved");
  json risks = expect_json(as.get(cp + "/risks"), 200, "risks");
  w.ids["risk"] = risks["items"][0]["id"];
  json spec = expect_json(as.get(cp + "/specification"), 200, "specification");
  w.ids["requirement"] = spec["entries"][0]["requirement_id"];
  json detail = get_case(as, w.case_id);
  w.ids["activity"] = detail["activities"][0]["key"];

  // The procurer is in the team and the evaluation group; the ciso is neither.
  expect_json(as.post(cp + "/team", {{"user_id", users[Caller::procurer].id}, {"competence", "upphandling"}}), 200,
              "team procurer");
  json group = expect_json(as.get(cp + "/tenders"), 200, "tenders");
  expect_json(as.put(cp + "/evaluation-group", {{"version", group["evaluation_group_version"]},
                                                 {"user_ids", {users[Caller::procurer].id}}}),
              200, "evaluation group");

  // A change of operating form needs the supplier's confirmation of each measure.
  json asset4 = asset_body("Driftregister (svep)", 2, 2, 2);
  json a4 = create_asset(as, asset4);
  json routine = case_body(unique_name("KS-svep-drift"), "Ny driftform");
  routine.update({{"kind", "operation_change"}, {"operator", "external"}, {"hosting_location", "eu_eea_cloud"}});
  w.ids["routine_case"] = create_case(as, routine)["id"];
  expect_json(as.post(case_path(w.ids["routine_case"]) + "/assets", {{"asset_id", a4["id"]}}), 200, "link asset 4");
  json confirmations = expect_json(as.get(case_path(w.ids["routine_case"]) + "/confirmations"), 200, "confirmations");
  w.ids["confirmation"] = confirmations["items"][0]["requirement_id"];

  // A rule set of the organisation's own, to share with the other organisation.
  json imported = expect_json(
      as.send("POST", "/api/v1/catalogs?name=svep.yaml",
              "id: svep-regler\nversion: 1\nname: {sv: \"Svepets regler\", en: \"Sweep rules\"}\nowner_role: ciso\n"
              "rules:\n  - id: alltid\n    when: { max_level: { gte: 1 } }\n    include: [UTV-50]\n",
              {{"Content-Type", "application/yaml"}}),
      201, "import rule set");
  // And a catalogue of its own, from a spreadsheet, that only it can export.
  expect_json(as.send("POST", "/api/v1/catalogs?name=svep-katalog.csv",
                      "Id;Område;Kravtext;Motiv\nSVEP-1;Drift;Leverantören ska svepa.;Svepets motiv.\n",
                      {{"Content-Type", "text/csv"}}),
              201, "import catalogue");

  auto invite = [&](const std::string& company) {
    json s = expect_json(as.post("/api/v1/suppliers", supplier_body(company)), 201, "supplier");
    std::string username = unique_name("lev");
    json inv = expect_json(as.post(cp + "/tenders", {{"supplier_id", s["id"]}, {"username", username}, {"display_name", company}}), 201, "invite");
    return std::tuple<std::string, std::string, Api>(s["id"], inv["tender"]["id"], supplier_api(username));
  };
  auto [supplier_id, tender_id, supplier] = invite(unique_name("Svepleverantören AB"));
  auto [other_supplier_id, other_tender_id, other_supplier] = invite(unique_name("Konkurrenten AB"));
  w.as[Caller::supplier] = supplier;
  w.as[Caller::other_supplier] = other_supplier;
  w.ids["supplier"] = supplier_id;
  w.ids["tender"] = tender_id;
  json t1 = expect_json(supplier.get("/api/v1/tenders/" + tender_id), 200, "tender");
  expect_json(supplier.put("/api/v1/tenders/" + tender_id + "/responses",
                           {{"version", t1["version"]}, {"answers", {{{"requirement_id", w.ids["requirement"]}, {"value", kSecretAnswer}}}}}),
              200, "answer");
  const std::string pdf = "%PDF-1.4\n%svep\n";
  json file = expect_json(supplier.send("POST", "/api/v1/tenders/" + tender_id + "/files?requirement_id=" +
                                                    url_encode(w.ids["requirement"]) + "&name=intyg.pdf",
                                        pdf),
                          201, "tender file");
  w.ids["tender_file"] = file["id"];

  // A realised case with a contract with the same supplier: measures, a deviation, a change, a file.
  json asset2 = asset_body("Journalkopior (svep)", 2, 2, 2);
  asset2["owner_user_id"] = w.asset_owner_id;
  json a2 = create_asset(as, asset2);
  std::string realised = create_case(as, case_body(unique_name("KS-svep-avtal"), "Journalarkiv"))["id"];
  expect_json(as.post(case_path(realised) + "/assets", {{"asset_id", a2["id"]}}), 200, "link asset 2");
  for (const char* gate : {"need_identified", "procure_decision", "documents_approved", "award_decided", "contract_signed"})
    pass_gate(as, realised, gate);
  json contract = expect_json(as.post(case_path(realised) + "/contract",
                                      {{"supplier_id", supplier_id}, {"title", "Journalarkiv"},
                                       {"starts_on", "2027-01-01"}, {"ends_on", "2029-12-31"}}),
                              201, "contract");
  w.ids["contract"] = contract["id"];
  std::string kp = "/api/v1/contracts/" + str(contract["id"]);
  json measure = contract["measures"][0];
  w.ids["measure"] = measure["id"];
  json planned = expect_json(as.put(kp + "/measures/" + str(measure["id"]),
                                    {{"version", measure["version"]}, {"responsibility", "supplier"}, {"frequency", "quarterly"}}),
                             200, "plan");
  json with_deviation =
      expect_json(as.post(kp + "/measures/" + str(measure["id"]) + "/records",
                          {{"due_on", "2027-04-30"}, {"result", "not_met"}, {"notes", "Loggar saknas."},
                           {"action_plan", "Central loggning."}, {"deadline", "2027-09-30"}, {"owner_user_id", setup_user.id}}),
                  201, "deviation");
  w.ids["deviation"] = with_deviation["deviations"][0]["id"];
  json changed = expect_json(as.post(kp + "/changes", {{"kind", "legal"}, {"description", "Ny dataskyddslag."}}), 201,
                             "change");
  w.ids["change"] = changed["id"];
  json kfile = expect_json(as.send("POST", kp + "/files?subject=exit_check:deletion_confirmed&name=intyg.pdf", pdf), 201,
                           "contract file");
  w.ids["contract_file"] = kfile["id"];

  // A reminder to the contract manager, who owns the overdue controls of a contract of its own.
  json asset3 = asset_body("Loggar (svep)", 1, 1, 1);
  json a3 = create_asset(as, asset3);
  std::string third = create_case(as, case_body(unique_name("KS-svep-påm"), "Loggtjänst"))["id"];
  expect_json(as.post(case_path(third) + "/assets", {{"asset_id", a3["id"]}}), 200, "link asset 3");
  for (const char* gate : {"need_identified", "procure_decision", "documents_approved", "award_decided", "contract_signed"})
    pass_gate(as, third, gate);
  json own = expect_json(as.post("/api/v1/suppliers", supplier_body(unique_name("Loggbolaget AB"))), 201, "supplier 3");
  Api manager = w.as[Caller::contract_manager];
  json c3 = expect_json(manager.post(case_path(third) + "/contract", {{"supplier_id", own["id"]}, {"title", "Loggtjänst"},
                                                                      {"starts_on", "2024-01-01"}, {"ends_on", "2029-12-31"}}),
                        201, "contract 3");
  json m3 = c3["measures"][0];
  expect_json(manager.put("/api/v1/contracts/" + str(c3["id"]) + "/measures/" + str(m3["id"]),
                          {{"version", m3["version"]}, {"responsibility", "supplier"}, {"frequency", "monthly"},
                           {"owner_user_id", users[Caller::contract_manager].id}}),
              200, "plan 3");
  auto reminded = run_kravkedja({"remind", "--db", config().db_url});
  EXPECT_EQ(reminded.exit_code, 0) << reminded.err;
  json notes = expect_json(manager.get("/api/v1/me/notifications"), 200, "notifications")["items"];
  if (!notes.empty()) w.ids["notification"] = notes[0]["id"];

  json other_me = expect_json(w.as[Caller::other_org].get("/api/v1/me"), 200, "other me");
  w.ids["other_org"] = other_me["organisation"]["id"];

  for (const auto& [meaning, id] : w.ids)
    if (meaning != "requirement" && meaning != "confirmation" && meaning != "activity" && meaning != "other_org")
      w.org_secrets.push_back(id);
  w.org_secrets.push_back(w.case_id);
  w.org_secrets.push_back(realised);
  w.supplier_secrets = {tender_id, supplier_id, w.ids["contract"], w.ids["tender_file"], kSecretAnswer};

  // Objects that an allowed call removes are made anew before each call.
  w.fresh = [&w](const std::string& route) -> std::map<std::string, std::string> {
    const Api& as = w.setup;
    std::string cp = case_path(w.case_id);
    if (route == "DELETE /api/v1/assets/{id}") return {{"id", create_asset(as, asset_body(unique_name("Borttagbar")))["id"]}};
    if (route == "DELETE /api/v1/cases/{id}/assets/{asset_id}") {
      json x = create_asset(as, asset_body(unique_name("Länkad")));
      expect_json(as.post(cp + "/assets", {{"asset_id", x["id"]}}), 200, "link");
      return {{"asset_id", x["id"]}};
    }
    if (route == "DELETE /api/v1/cases/{id}/risks/{risk_id}")
      return {{"risk_id", expect_json(as.post(cp + "/risks", {{"stage", "deep"}, {"title", "Borttagbar"},
                                                               {"likelihood", 1}, {"consequence", 1}}),
                                      201, "risk")["id"]}};
    if (route == "DELETE /api/v1/cases/{id}/team/{user_id}/{competence}") {
      // Still a member when the last caller was refused.
      auto added = as.post(cp + "/team", {{"user_id", w.ids["team_user"]}, {"competence", "juridik"}});
      if (added.status != 409) expect_json(added, 200, "team");
      return {};
    }
    if (route == "DELETE /api/v1/cases/{id}/governing-documents/{document_id}")
      return {{"document_id", expect_json(as.post(cp + "/governing-documents",
                                                  {{"origin", "internal"}, {"category", "policy"}, {"title", "Borttagbar"}}),
                                          201, "document")["id"]}};
    if (route == "DELETE /api/v1/cases/{id}/framework-parties/{party_id}")
      return {{"party_id", expect_json(as.post(cp + "/framework-parties", {{"name", unique_name("Part")}}), 201,
                                       "party")["id"]}};
    if (route == "DELETE /api/v1/catalogs/{kind}/{content_id}/shares/{organisation_id}") {
      // Still shared when the last caller was refused.
      auto shared = as.post("/api/v1/catalogs/rule_set/svep-regler/shares", {{"organisation_id", w.ids["other_org"]}});
      if (shared.status != 409) expect_json(shared, 201, "share");
      return {};
    }
    if (route == "DELETE /api/v1/suppliers/{supplier_id}")
      return {{"supplier_id", expect_json(as.post("/api/v1/suppliers", supplier_body(unique_name("Borttagbar AB"))), 201,
                                          "supplier")["id"]}};
    if (route == "DELETE /api/v1/tenders/{tender_id}/files/{file_id}") {
      json f = expect_json(w.as[Caller::supplier].send("POST", "/api/v1/tenders/" + w.ids["tender"] + "/files?requirement_id=" +
                                                                   url_encode(w.ids["requirement"]) + "&name=b.pdf",
                                                       "%PDF-1.4\n%b\n"),
                           201, "tender file");
      return {{"file_id", f["id"]}};
    }
    return {};
  };
  return w;
}

World& world() {
  static World w = build_world();
  return w;
}

// The id a path parameter stands for in this route.
std::string param_value(const World& w, const std::string& pattern, const std::string& name) {
  auto id = [&](const char* meaning) {
    auto it = w.ids.find(meaning);
    return it == w.ids.end() ? std::string("none") : it->second;
  };
  if (name == "id") {
    if (pattern.rfind("/api/v1/assets/", 0) == 0) return id("asset");
    if (pattern.rfind("/api/v1/users/", 0) == 0) return id("user");
    if (pattern.find("/confirmations") != std::string::npos) return id("routine_case");
    return w.case_id;
  }
  if (name == "asset_id") return id("asset");
  if (name == "user_id") return id("team_user");
  if (name == "competence") return "juridik";
  if (name == "document_id") return id("document");
  if (name == "party_id") return id("party");
  if (name == "risk_id") return id("risk");
  if (name == "stage") return "deep";
  if (name == "form") return "outsourcing";  // the form with a decision basis
  if (name == "key") return id("activity");
  if (name == "requirement_id" && pattern.find("/confirmations") != std::string::npos) return id("confirmation");
  if (name == "entry_id" || name == "requirement_id") return id("requirement");
  if (name == "kind") return "rule_set";
  if (name == "content_id") return pattern.find("/catalogue.") != std::string::npos ? "svep-katalog" : "svep-regler";
  if (name == "version") return "1";
  if (name == "organisation_id") return id("other_org");
  if (name == "tender_id") return id("tender");
  if (name == "file_id") return pattern.rfind("/api/v1/tenders/", 0) == 0 ? id("tender_file") : id("contract_file");
  if (name == "supplier_id") return id("supplier");
  if (name == "contract_id") return id("contract");
  if (name == "measure_id") return id("measure");
  if (name == "change_id") return id("change");
  if (name == "check") return "deletion_confirmed";
  if (name == "deviation_id") return id("deviation");
  if (name == "notification_id") return id("notification");
  return "unknown-" + name;
}

std::string fill(const std::string& pattern, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      auto end = pattern.find('}', i);
      out += url_encode(values.at(pattern.substr(i + 1, end - i - 1)));
      i = end + 1;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

std::vector<std::string> params_of(const std::string& pattern) {
  std::vector<std::string> out;
  for (std::size_t i = pattern.find('{'); i != std::string::npos; i = pattern.find('{', i + 1))
    out.push_back(pattern.substr(i + 1, pattern.find('}', i) - i - 1));
  return out;
}

struct SweepOptions {
  int port = 0;                                   // 0: the test server
  std::map<std::string, std::string> matrix;      // the access matrix to hold the routes against
  std::function<bool(const std::string&)> call;  // which routes to call (all when empty)
};

// The routes of the server's OpenAPI document ("METHOD /path").
std::vector<std::string> documented_routes(int port) {
  json doc = expect_json(anonymous().on(port).get("/api/v1/openapi.json"), 200, "openapi");
  std::vector<std::string> out;
  for (const auto& [path, ops] : doc["paths"].items())
    for (const auto& [method, op] : ops.items()) {
      std::string m = method;
      for (auto& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.push_back(m + " " + path);
    }
  return out;
}

// Every way the server's answers differ from the matrix, one line each.
std::vector<std::string> sweep(World& w, const SweepOptions& o) {
  std::vector<std::string> problems;
  std::vector<std::string> routes = documented_routes(o.port);
  std::set<std::string> served(routes.begin(), routes.end());
  for (const auto& [route, who] : o.matrix)
    if (!served.count(route)) problems.push_back(route + ": in the access matrix but not served");
  for (const auto& route : routes) {
    auto entry = o.matrix.find(route);
    if (entry == o.matrix.end()) {
      problems.push_back(route + ": served but not in the access matrix; decide who may call it");
      continue;
    }
    if (o.call && !o.call(route)) continue;
    std::set<Caller> allowed = callers_of(entry->second);
    std::string method = route.substr(0, route.find(' '));
    std::string pattern = route.substr(route.find(' ') + 1);
    bool names_objects = pattern.find('{') != std::string::npos;
    std::string body = method == "GET" || method == "DELETE" ? "" : "{}";
    for (Caller c : kCallers) {
      std::map<std::string, std::string> values;
      for (const auto& p : params_of(pattern)) values[p] = param_value(w, pattern, p);
      if (allowed.count(c))
        for (const auto& [k, v] : w.fresh(route)) values[k] = v;
      std::string path = fill(pattern, values);
      Response r = w.as.at(c).on(o.port).send(method, path, body);
      std::string who = name_of(c);
      std::string seen = std::to_string(r.status) + " " + r.body.substr(0, 160);
      bool denied = r.status == 401 || r.status == 403 || r.status == 404;
      if (r.status >= 500) {
        problems.push_back(route + " as " + who + ": server error " + seen);
        continue;
      }
      if (!denied) {
        const auto& secrets = c == Caller::other_org ? w.org_secrets
                              : c == Caller::other_supplier ? w.supplier_secrets
                                                            : std::vector<std::string>{};
        for (const auto& s : secrets)
          if (r.body.find(s) != std::string::npos)
            problems.push_back(route + " as " + who + ": the answer carries '" + s + "', which is not theirs");
      }
      if (allowed.count(c)) {
        if (denied) problems.push_back(route + " as " + who + ": should be allowed, answered " + seen);
      } else if (!denied) {
        problems.push_back(route + " as " + who + ": should be denied, answered " + seen);
      } else if (c == Caller::anonymous && r.status != 401) {
        problems.push_back(route + " as nobody signed in: should answer 401, answered " + seen);
      } else if (names_objects && r.status != 404 &&
                 (c == Caller::other_org || (c == Caller::other_supplier && allowed.count(Caller::supplier)))) {
        problems.push_back(route + " as " + who + ": someone else's object should look missing (404), answered " + seen);
      }
    }
  }
  return problems;
}

std::string lines(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += "  " + p + "\n";
  return out;
}

}  // namespace

TEST(AccessSweep, EveryDocumentedRouteAnswersEachCallerAsTheMatrixSays) {
  World& w = world();
  auto problems = sweep(w, {0, access_matrix(), {}});
  EXPECT_TRUE(problems.empty()) << problems.size() << " differences from the access matrix:\n" << lines(problems);
}

TEST(AccessSweep, ARouteThatForgetsItsPermissionCheckFailsTheSweep) {
  const char* probe = std::getenv("KK_PROBE_BINARY");
  ASSERT_TRUE(probe && *probe) << "KK_PROBE_BINARY names the test build with an unchecked route";
  World& w = world();
  ExtraServer server(probe);
  const std::string route = "GET /api/v1/cases/{id}/probe";

  // Not in the matrix: the sweep says so before calling anything.
  auto unlisted = sweep(w, {server.port(), access_matrix(), [](const std::string&) { return false; }});
  ASSERT_EQ(unlisted.size(), 1u) << lines(unlisted);
  EXPECT_NE(unlisted[0].find(route + ": served but not in the access matrix"), std::string::npos) << unlisted[0];

  // Listed like the case it reads: calling it shows that another organisation gets in and is
  // handed this organisation's id. (Suppliers' users are stopped at the edge, which lets them
  // reach only their tenders, contracts and account, so the probe cannot show them.)
  auto matrix = access_matrix();
  matrix[route] = "roles";
  auto called = sweep(w, {server.port(), matrix, [&](const std::string& r) { return r == route; }});
  std::string all = lines(called);
  EXPECT_NE(all.find(route + " as other_org: should be denied, answered 200"), std::string::npos) << all;
  EXPECT_NE(all.find(route + " as other_org: the answer carries '" + w.case_id + "'"), std::string::npos) << all;
  EXPECT_EQ(called.size(), 2u) << all;
}
