// The life of a contract over the API: delivery approval against the agreed measures, the
// information owner's exceptions, evidence files, changes with their re-assessment and the LOU
// checklist, the supplier's own reports, and an exit that the last gate waits for.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api_helpers.hpp"
#include "io/xlsx_reader.hpp"

using namespace kkt;

namespace {
struct Realised {
  std::string case_id;
  std::string contract_id;
  json contract;
};

// A case with an asset owned by `owner`, through contract_signed, with a contract made with a
// supplier of its own (the tendering ran elsewhere).
Realised realised(const Api& as, const User& owner, const std::string& number, const std::string& starts_on = "2027-01-01",
                  const std::string& ends_on = "2029-12-31") {
  json asset = asset_body("Elevregister " + number, 2, 2, 2);
  asset["owner_user_id"] = owner.id;
  json a = create_asset(as, asset);
  json body = case_body(number, "Skolplattform");
  Realised r;
  r.case_id = create_case(as, body)["id"];
  expect_json(as.post(case_path(r.case_id) + "/assets", {{"asset_id", a["id"]}}), 200, "link asset");
  for (const char* gate : {"need_identified", "procure_decision", "documents_approved", "award_decided", "contract_signed"})
    pass_gate(as, r.case_id, gate);
  json s = expect_json(as.post("/api/v1/suppliers", {{"name", "Skoldata " + number}, {"country", "SE"}}), 201, "supplier");
  r.contract = expect_json(as.post(case_path(r.case_id) + "/contract",
                                   {{"supplier_id", s["id"]}, {"title", "Skolplattform " + number},
                                    {"starts_on", starts_on}, {"ends_on", ends_on}}),
                           201, "contract");
  r.contract_id = r.contract["id"];
  return r;
}

std::string contract_path(const Realised& r) { return "/api/v1/contracts/" + r.contract_id; }

// A real SMTP server (Debian's python3-aiosmtpd) that keeps what it receives as a maildir.
class MailServer {
 public:
  MailServer() : port_(free_port()), dir_(config().temp_dir + "/mail-" + std::to_string(port_)) {
    // The server makes the maildir (tmp/, new/, cur/) itself, when it does not exist yet.
    pid_ = ::fork();
    if (pid_ == 0) {
      std::string listen = "127.0.0.1:" + std::to_string(port_);
      ::execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
              "aiosmtpd.handlers.Mailbox", dir_.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Ready when it accepts a connection.
    for (int i = 0; i < 100 && !accepts(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ~MailServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Every message received, as sent.
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    if (!std::filesystem::exists(dir_ + "/new")) return out;
    for (const auto& f : std::filesystem::directory_iterator(dir_ + "/new")) {
      std::ifstream in(f.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      out.push_back(text.str());
    }
    return out;
  }

 private:
  bool accepts() const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<unsigned short>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
  }
  int port_;
  std::string dir_;
  pid_t pid_ = -1;
};

bool finding_says(const Api& as, const std::string& case_id, const std::string& text) {
  json f = expect_json(as.get(case_path(case_id) + "/findings"), 200, "findings")["findings"];
  for (const auto& x : f)
    if (str(x["text"]).find(text) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST(ContractLife, DeliveryIsApprovedOnlyWhenEveryMandatoryMeasureIsVerifiedOrExcepted) {
  Org org("life-delivery");
  Api ciso = api(org.user({"admin", "ciso", "procurer"}));
  Api manager = api(org.user({"contract_manager"}));
  User owner_user = org.user({"information_owner"});
  Api owner = api(owner_user);
  Api other_owner = api(org.user({"information_owner"}));
  Realised r = realised(ciso, owner_user, "KS 2027/11");
  json items = r.contract["delivery"]["items"];
  ASSERT_GE(items.size(), 3u);
  EXPECT_FALSE(r.contract["delivery"]["complete"].get<bool>());
  EXPECT_EQ(r.contract["delivery"]["outstanding"].size(), items.size());

  // The gate waits for the checklist, and says so.
  settle_activities(ciso, r.case_id, "delivery_approved");
  EXPECT_TRUE(finding_says(ciso, r.case_id, "Leveranskontrollen av avtalet"));
  EXPECT_TRUE(is_error(decide(manager, r.case_id, "delivery_approved"), 422, "error.gate_blocked"));

  std::string first = items[0]["measure_id"], second = items[1]["measure_id"];
  std::string delivery = contract_path(r) + "/delivery/";
  // Verified needs its evidence; an exception is the information owner's, with a reason.
  EXPECT_TRUE(is_error(manager.put(delivery + first, {{"version", 0}, {"state", "verified"}}), 422, "error.required", "evidence"));
  EXPECT_TRUE(is_error(manager.put(delivery + first, {{"version", 0}, {"state", "exception"}, {"exception_reason", "x"}}), 403));
  EXPECT_TRUE(is_error(other_owner.put(delivery + first, {{"version", 0}, {"state", "exception"}, {"exception_reason", "x"}}),
                       403, "error.not_information_owner"));
  EXPECT_TRUE(is_error(owner.put(delivery + first, {{"version", 0}, {"state", "exception"}}), 422, "error.required",
                       "exception_reason"));
  EXPECT_TRUE(is_error(manager.put(delivery + first, {{"version", 0}, {"state", "godkänd"}}), 422, "", "state"));
  json excepted = expect_json(owner.put(delivery + first, {{"version", 0}, {"state", "exception"},
                                                          {"exception_reason", "Ersätts av vår egen loggning under första året."}}),
                              200, "exception");
  EXPECT_EQ(excepted["decided_by_name"], owner_user.display_name);
  EXPECT_EQ(excepted["version"], 1);
  // Someone who read the old version is told, and nothing changes.
  EXPECT_TRUE(is_error(manager.put(delivery + first, {{"version", 0}, {"state", "verified"}, {"evidence", "Test"}}), 409,
                       "error.stale_version"));

  // A measure not verified keeps the gate shut.
  expect_json(manager.put(delivery + second, {{"version", 0}, {"state", "not_verified"}, {"evidence", "Acceptanstest 3 föll ut."}}),
              200, "not verified");
  for (std::size_t i = 2; i < items.size(); ++i)
    expect_json(manager.put(delivery + str(items[i]["measure_id"]),
                            {{"version", 0}, {"state", "verified"}, {"evidence", "Acceptanstest, protokoll 2027-01-15."}}),
                200, "verify");
  json now = expect_json(manager.get(contract_path(r)), 200, "contract");
  EXPECT_EQ(now["delivery"]["outstanding"], json::array({second}));
  EXPECT_TRUE(is_error(decide(manager, r.case_id, "delivery_approved"), 422, "error.gate_blocked"));

  // Evidence files are kept with the check and come back as they were sent.
  std::string pdf = "%PDF-1.4\n% protokoll\n";
  auto uploaded = manager.send("POST", contract_path(r) + "/files?subject=delivery_check:" + second + "&name=protokoll.pdf",
                                  pdf);
  json file = expect_json(uploaded, 201, "upload");
  EXPECT_EQ(file["media_type"], "application/pdf");
  auto back = manager.get(contract_path(r) + "/files/" + str(file["id"]));
  EXPECT_EQ(back.status, 200);
  EXPECT_EQ(back.body, pdf);
  EXPECT_TRUE(is_error(manager.send("POST", contract_path(r) + "/files?subject=delivery_check:no-such", pdf),
                       422, "", "subject"));
  EXPECT_TRUE(is_error(manager.send("POST", contract_path(r) + "/files?subject=record:x", "MZ\x90"),
                       422, "error.file_type", "file"));

  now = expect_json(manager.get(contract_path(r)), 200, "contract");
  json second_item = find_by(now["delivery"]["items"], "measure_id", second);
  EXPECT_EQ(second_item["files"].size(), 1u);
  expect_json(manager.put(delivery + second, {{"version", second_item["version"]}, {"state", "verified"},
                                              {"evidence", "Omtest godkänd."}}),
              200, "verified after the retest");
  json approved = expect_json(decide(manager, r.case_id, "delivery_approved"), 201, "delivery approved");
  EXPECT_EQ(approved["gates"][5]["state"], "passed");
}

TEST(ContractLife, ChangesMarkAReassessmentShowTheDifferenceAndFollowTheLouChecklist) {
  Org org("life-changes");
  User ciso_user = org.user({"admin", "ciso", "procurer", "contract_manager"});
  Api ciso = api(ciso_user);
  User owner_user = org.user({"information_owner"});
  Realised r = realised(ciso, owner_user, "KS 2027/12");
  std::string changes = contract_path(r) + "/changes";
  std::size_t measures = r.contract["measures"].size();

  // A new subcontractor: named, and marked for a re-assessment a month ahead by default.
  EXPECT_TRUE(is_error(ciso.post(changes, {{"kind", "subcontractor_added"}, {"description", "Ny driftpartner."}}), 422,
                       "error.required", "subcontractor"));
  EXPECT_TRUE(is_error(ciso.post(changes, {{"kind", "fusion"}, {"description", "x"}}), 422, "", "kind"));
  EXPECT_TRUE(is_error(ciso.post(changes, {{"kind", "legal"}, {"description", "x"}, {"hosting_location", "third_country"}}),
                       422, "error.field_not_for_change", "hosting_location"));
  EXPECT_TRUE(is_error(ciso.post(changes, {{"kind", "subcontractor_added"}, {"description", "Ny driftpartner."},
                                          {"subcontractor", "Backup Nord AB"}}),
                       422, "error.required", "subcontractor_country"));
  json sub = expect_json(ciso.post(changes, {{"kind", "subcontractor_added"}, {"description", "Ny driftpartner för backup."},
                                             {"subcontractor", "Backup Nord AB"}, {"subcontractor_country", "in"},
                                             {"effective_on", "2027-06-01"}}),
                         201, "subcontractor change");
  // The register follows the change, and says what to look at about the new subcontractor.
  json supplier = expect_json(ciso.get("/api/v1/suppliers/" + str(r.contract["supplier_id"])), 200, "supplier");
  ASSERT_EQ(supplier["subcontractors"].size(), 1u);
  EXPECT_EQ(supplier["subcontractors"][0]["country"], "IN");
  bool third_country = false;
  for (const auto& f : sub["supplier_findings"]) third_country = third_country || str(f["text"]).find("tredje land") != std::string::npos;
  EXPECT_TRUE(third_country) << sub["supplier_findings"].dump();
  EXPECT_EQ(sub["reassessment"]["status"], "open");
  EXPECT_TRUE(sub["difference"]["empty"].get<bool>()) << "the facts did not change";
  EXPECT_FALSE(sub.contains("selected_at_change"));
  json c = expect_json(ciso.get(contract_path(r)), 200, "contract");
  EXPECT_EQ(c["reassessment_due"], json::array({sub["id"]}));
  EXPECT_TRUE(finding_says(ciso, r.case_id, "Ny underleverantör"));

  // Hosting moves to a third country: the case's facts follow and the new requirements show.
  json moved = expect_json(ciso.post(changes, {{"kind", "hosting_location"}, {"description", "Driften flyttar till Indien."},
                                               {"hosting_location", "third_country"}, {"contract_change_proposed", true}}),
                           201, "hosting change");
  EXPECT_EQ(get_case(ciso, r.case_id)["hosting_location"], "third_country");
  std::vector<std::string> added;
  for (const auto& a : moved["difference"]["add"]) added.push_back(str(a["requirement_id"]));
  EXPECT_NE(std::find(added.begin(), added.end(), "DAT-54"), added.end()) << moved["difference"].dump();
  EXPECT_EQ(moved["lou"]["verdict"], "incomplete");
  json live = expect_json(ciso.get(changes + "/" + str(moved["id"]) + "/difference"), 200, "difference");
  EXPECT_EQ(live["add"], moved["difference"]["add"]);

  // New measures change the contract: only after the checklist allows it.
  std::string reassess = changes + "/" + str(moved["id"]) + "/reassessment";
  EXPECT_TRUE(is_error(ciso.post(reassess, {{"version", moved["version"]}, {"conclusion", "Krav tillkommer."},
                                            {"add_measures", {"DAT-54"}}}),
                       422, "error.change_not_allowed", "add_measures"));
  std::string lou = changes + "/" + str(moved["id"]) + "/lou";
  EXPECT_TRUE(is_error(ciso.put(lou, {{"version", moved["version"]}, {"answers", {{"vet_ej", true}}}}), 422, "",
                       "answers.vet_ej"));
  json partly = expect_json(ciso.put(lou, {{"version", moved["version"]},
                                           {"answers", {{"review_clause", false}, {"successor_supplier", false}, {"minor_value", true}}}}),
                            200, "checklist begun");
  EXPECT_EQ(partly["lou"]["verdict"], "incomplete");
  EXPECT_NE(std::find(partly["lou"]["unanswered"].begin(), partly["lou"]["unanswered"].end(), "nature_unchanged"),
            partly["lou"]["unanswered"].end());
  json allowed = expect_json(ciso.put(lou, {{"version", partly["version"]},
                                            {"answers", {{"review_clause", false}, {"successor_supplier", false},
                                                         {"minor_value", true}, {"nature_unchanged", true}}}}),
                             200, "checklist done");
  EXPECT_EQ(allowed["lou"]["verdict"], "allowed");
  EXPECT_EQ(allowed["lou"]["basis"], "LOU 17 kap. 9 §");
  EXPECT_TRUE(is_error(ciso.post(reassess, {{"version", allowed["version"]}, {"conclusion", "x"}, {"add_measures", {"NOPE-1"}}}),
                       422, "error.not_in_difference", "add_measures[0]"));
  json done = expect_json(ciso.post(reassess, {{"version", allowed["version"]}, {"conclusion", "Tredjelandskrav läggs till i avtalet."},
                                               {"add_measures", {"DAT-54"}}}),
                          200, "re-assessed");
  EXPECT_EQ(done["reassessment"]["status"], "done");
  EXPECT_TRUE(is_error(ciso.post(reassess, {{"version", done["version"]}, {"conclusion", "Igen."}}), 409,
                       "error.reassessment_done"));
  c = expect_json(ciso.get(contract_path(r)), 200, "contract after");
  EXPECT_EQ(c["measures"].size(), measures + 1);
  EXPECT_EQ(find_by(c["measures"], "requirement_id", "DAT-54")["plan"]["responsibility"], "supplier");
  EXPECT_EQ(c["reassessment_due"], json::array({sub["id"]}));

  // The subcontractor change without a contract change: a conclusion is enough.
  json sub_done = expect_json(ciso.post(changes + "/" + str(sub["id"]) + "/reassessment",
                                        {{"version", sub["version"]}, {"conclusion", "Backup Nord AB i Indien: överföringen sker med standardavtalsklausuler; inga nya krav."}}),
                              200, "subcontractor re-assessed");
  EXPECT_EQ(sub_done["reassessment"]["done_by_name"], ciso_user.display_name);
  EXPECT_FALSE(finding_says(ciso, r.case_id, "ska omprövas"));
}

TEST(ContractLife, TheSupplierReportsForItsOwnContractAndTheExitClosesTheRelationship) {
  Org org("life-exit");
  Api ciso = api(org.user({"admin", "ciso", "procurer", "contract_manager", "information_owner"}));
  User owner_user = org.user({"information_owner"});
  Realised r = realised(ciso, owner_user, "KS 2027/13");
  Realised other = realised(ciso, owner_user, "KS 2027/14");

  // A user of the supplier reports an incident and a self-assessment with evidence.
  std::string username = unique_name("lev");
  expect_json(ciso.post("/api/v1/users", {{"username", username}, {"display_name", "Skolplattformens säkerhetschef"},
                                          {"password", kTestPassword}, {"supplier_id", r.contract["supplier_id"]}}),
              201, "supplier user");
  Api supplier = supplier_api(username);
  json incident = expect_json(supplier.post(contract_path(r) + "/incidents",
                                            {{"occurred_on", "2027-03-02"}, {"description", "Obehörig inloggning på ett konto."},
                                             {"affected_information", "Elevers schema"}, {"measures", "Kontot spärrat."}}),
                              201, "incident");
  EXPECT_TRUE(incident["by_supplier"].get<bool>());
  EXPECT_TRUE(is_error(supplier.post(contract_path(r) + "/incidents", {{"description", "x"}}), 422, "error.required", "occurred_on"));
  std::string measure = r.contract["measures"][0]["id"];
  json self = expect_json(supplier.post(contract_path(r) + "/measures/" + measure + "/self-assessments",
                                        {{"due_on", "2028-01-01"}, {"result", "met"}, {"statement", "Granskat enligt rutin."}}),
                          201, "self-assessment");
  std::string pdf = "%PDF-1.4\n% egenkontroll\n";
  expect_json(supplier.send("POST", contract_path(r) + "/files?subject=self_assessment:" + str(self["id"]), pdf),
              201, "supplier evidence");
  // Nothing else of the contract's life, and nothing of another contract.
  EXPECT_TRUE(is_error(supplier.send("POST", contract_path(r) + "/files?subject=delivery_check:" + measure, pdf),
                       422, "", "subject"));
  EXPECT_TRUE(is_error(supplier.put(contract_path(r) + "/exit-plan", {{"version", 0}, {"formats", "CSV"}}), 403));
  EXPECT_TRUE(is_error(supplier.post(contract_path(other) + "/incidents", {{"occurred_on", "2027-03-02"}, {"description", "x"}}), 404));
  json seen = expect_json(supplier.get(contract_path(r)), 200, "supplier's view");
  EXPECT_EQ(seen["incidents"].size(), 1u);
  EXPECT_EQ(seen["self_assessments"][0]["files"].size(), 1u);
  EXPECT_FALSE(seen.contains("delivery"));
  EXPECT_FALSE(seen.contains("exit"));
  json ours = expect_json(ciso.get(contract_path(r)), 200, "our view");
  EXPECT_EQ(ours["incidents"][0]["reported_by_name"], "Skolplattformens säkerhetschef");
  expect_json(ciso.post(contract_path(r) + "/agreements", {{"agreed_on", "2027-04-01"}, {"parties", "Förvaltare och leverantörens driftchef"},
                                                          {"text", "Loggar sparas 18 månader i stället för 12."}}),
              201, "informal agreement");

  // Through delivery and the exit decision; the last gate waits for the exit.
  for (const char* gate : {"delivery_approved", "exit_decided"}) pass_gate(ciso, r.case_id, gate);
  settle_activities(ciso, r.case_id, "relationship_closed");
  EXPECT_TRUE(is_error(decide(ciso, r.case_id, "relationship_closed"), 422, "error.gate_blocked"));
  EXPECT_TRUE(finding_says(ciso, r.case_id, "saknar avslutsplan"));
  std::string exit = contract_path(r);
  EXPECT_TRUE(is_error(ciso.put(exit + "/exit-plan", {{"version", 0}}), 422, "error.required", "formats"));
  expect_json(ciso.put(exit + "/exit-plan", {{"version", 0}, {"formats", "Elevdata som CSV (UTF-8), dokument som PDF/A"},
                                             {"trigger", "Avtalet löper ut 2029-12-31"}, {"attend_destruction", true}}),
              200, "exit plan");
  EXPECT_TRUE(is_error(ciso.put(exit + "/exit-checks/deletion_confirmed", {{"version", 0}, {"state", "done"}}), 422,
                       "error.required", "evidence"));
  EXPECT_TRUE(is_error(ciso.put(exit + "/exit-checks/backups_deleted", {{"version", 0}, {"state", "not_applicable"}, {"notes", "x"}}),
                       422, "error.exit_check_applies", "state"));
  EXPECT_TRUE(is_error(ciso.put(exit + "/exit-checks/no_such_check", {{"version", 0}, {"state", "done"}}), 404));
  for (const char* check : {"information_returned", "information_readable", "deletion_confirmed", "backups_deleted"})
    expect_json(ciso.put(exit + "/exit-checks/" + check, {{"version", 0}, {"state", "done"}, {"evidence", "Intyg 2030-01-15."}}),
                200, check);
  EXPECT_TRUE(finding_says(ciso, r.case_id, "Leverantörens åtkomst är borttagen"));
  expect_json(ciso.put(exit + "/exit-checks/equipment_wiped",
                       {{"version", 0}, {"state", "not_applicable"}, {"notes", "Ingen leasad utrustning i avtalet."}}),
              200, "no equipment");
  EXPECT_TRUE(is_error(decide(ciso, r.case_id, "relationship_closed"), 422, "error.gate_blocked"));
  expect_json(ciso.put(exit + "/exit-checks/access_removed", {{"version", 0}, {"state", "done"}, {"evidence", "Konton spärrade."}}),
              200, "access removed");
  // The archive package is made once the case is closed.
  std::string archive = case_path(r.case_id) + "/archive.zip";
  EXPECT_TRUE(is_error(ciso.get(archive), 422, "error.case_still_open", "status"));
  json closed = expect_json(decide(ciso, r.case_id, "relationship_closed"), 201, "relationship closed");
  EXPECT_EQ(closed["status"], "completed");
  json after = expect_json(ciso.get(contract_path(r)), 200, "contract after exit");
  EXPECT_TRUE(after["exit"]["complete"].get<bool>());

  // A closed case's contract is final.
  EXPECT_TRUE(is_error(ciso.put(exit + "/exit-checks/access_removed", {{"version", 1}, {"state", "open"}}), 422,
                       "error.case_closed", "status"));
  EXPECT_TRUE(is_error(supplier.post(contract_path(r) + "/incidents", {{"occurred_on", "2030-01-02"}, {"description", "Sent."}}),
                       422, "error.case_closed"));

  auto package = ciso.get(archive);
  ASSERT_EQ(package.status, 200) << package.body;
  EXPECT_EQ(package.header("content-type"), "application/zip");
  auto zip = kk::io::SafeZip::open(package.body, {});
  ASSERT_TRUE(zip.ok());
  for (const char* name : {"LASMIG.txt", "arende.json", "beslut.csv", "kravspecifikation.json", "kravspecifikation.docx",
                           "risker.json", "uppfoljning.csv", "granskningslogg.json", "avtal-1/avtal.json"})
    EXPECT_TRUE(zip->contains(name)) << name;
  auto readme = zip->read("LASMIG.txt");
  ASSERT_TRUE(readme.ok());
  EXPECT_NE(readme->find("Bevaras"), std::string::npos) << *readme;
  EXPECT_NE(readme->find("avtal-1/avtal.json  SHA-256 "), std::string::npos) << *readme;
  auto contract_json = zip->read("avtal-1/avtal.json");
  ASSERT_TRUE(contract_json.ok());
  EXPECT_EQ(json::parse(*contract_json)["incidents"].size(), 1u);
  auto log = zip->read("granskningslogg.json");
  ASSERT_TRUE(log.ok());
  EXPECT_NE(log->find("contract.exit_check"), std::string::npos);
  EXPECT_NE(log->find("case.decide"), std::string::npos);
  auto decisions = zip->read("beslut.csv");
  ASSERT_TRUE(decisions.ok());
  EXPECT_NE(decisions->find("Leverantörsrelationen avslutad"), std::string::npos) << *decisions;
  // The evidence the supplier attached comes along.
  bool evidence = false;
  for (const auto& f : after["files"])
    evidence = evidence || zip->contains("avtal-1/underlag/" + str(f["id"]).substr(0, 8) + "-" + str(f["file_name"]));
  EXPECT_TRUE(evidence);

  // With a retention period set, the package says when it may be disposed of.
  json org_now = expect_json(ciso.get("/api/v1/organisation"), 200, "organisation");
  EXPECT_TRUE(is_error(ciso.patch("/api/v1/organisation", {{"version", org_now["version"]}, {"archive_retention_years", 0}}), 422,
                       "", "archive_retention_years"));
  expect_json(ciso.patch("/api/v1/organisation", {{"version", org_now["version"]}, {"archive_retention_years", 10}}), 200,
              "retention");
  auto again = ciso.get(archive);
  auto zip2 = kk::io::SafeZip::open(again.body, {});
  ASSERT_TRUE(zip2.ok());
  auto readme2 = zip2->read("LASMIG.txt");
  ASSERT_TRUE(readme2.ok());
  EXPECT_NE(readme2->find("Gallringsfrist: 10 år"), std::string::npos) << *readme2;
}

TEST(ContractLife, RemindersReachTheOwnerAndTheCalendarFeedNeedsOnlyItsSecretUntilRevoked) {
  Org org("life-remind");
  Api admin = api(org.user({"admin"}));
  Api ciso = api(org.user({"ciso", "procurer"}));
  User manager_user = org.user({"contract_manager"});
  Api manager = api(manager_user);
  User owner_user = org.user({"information_owner"});
  // A contract that began a hundred days ago, checked monthly: some controls are overdue.
  std::string today = utc_in(0).substr(0, 10);
  Realised r = realised(ciso, owner_user, "KS 2027/15", utc_in(-100 * 86400).substr(0, 10), utc_in(700 * 86400).substr(0, 10));
  json measure = r.contract["measures"][0];
  expect_json(manager.put(contract_path(r) + "/measures/" + str(measure["id"]),
                          {{"version", measure["version"]}, {"frequency", "monthly"}, {"owner_user_id", manager_user.id},
                           {"method", "own_audit"}}),
              200, "monthly plan");

  // The start page names the controls the reminders will, to their owner alone, before any run.
  json todo = expect_json(manager.get("/api/v1/me/todo"), 200, "manager's to do");
  int listed = 0;
  for (const auto& f : todo["follow_ups"])
    if (f["kind"] == "control_overdue" && f["contract_id"] == r.contract_id &&
        str(f["text"]).find(str(measure["requirement_id"])) != std::string::npos) {
      ++listed;
      EXPECT_TRUE(f["overdue"].get<bool>());
      EXPECT_LT(str(f["due_on"]), today);
    }
  EXPECT_GE(listed, 2);
  EXPECT_TRUE(expect_json(ciso.get("/api/v1/me/todo"), 200, "ciso's to do")["follow_ups"].empty());

  auto run = run_kravkedja({"remind", "--db", config().db_url});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Nya påminnelser: "), std::string::npos) << run.out;
  json mine = expect_json(manager.get("/api/v1/me/notifications"), 200, "notifications")["items"];
  int overdue = 0;
  for (const auto& n : mine)
    if (n["kind"] == "control_overdue" && n["contract_id"] == r.contract_id) {
      ++overdue;
      EXPECT_LT(str(n["due_on"]), today);
      EXPECT_NE(str(n["text"]).find(str(measure["requirement_id"])), std::string::npos) << n.dump();
    }
  EXPECT_GE(overdue, 2);
  // Running again records nothing twice.
  ASSERT_EQ(run_kravkedja({"remind", "--db", config().db_url}).exit_code, 0);
  EXPECT_EQ(expect_json(manager.get("/api/v1/me/notifications"), 200, "again")["items"].size(), mine.size());
  std::string first = mine[0]["id"];
  EXPECT_TRUE(is_error(ciso.post("/api/v1/me/notifications/" + first + "/read", json::object()), 404));
  expect_json(manager.post("/api/v1/me/notifications/" + first + "/read", json::object()), 200, "read");
  EXPECT_EQ(expect_json(manager.get("/api/v1/me/notifications?unread=true"), 200, "unread")["items"].size(), mine.size() - 1);
  // A page at a time, by due date, with the total.
  json one = expect_json(manager.get("/api/v1/me/notifications?limit=1&offset=1"), 200, "one");
  ASSERT_EQ(one["items"].size(), 1u);
  EXPECT_EQ(one["items"][0], mine[1]);
  EXPECT_EQ(one["page"]["total"], mine.size());
  EXPECT_TRUE(is_error(manager.get("/api/v1/me/notifications?limit=0"), 422, "error.out_of_range", "limit"));

  // The personal feed: a secret address that works without signing in, with one event per
  // due control the user owns.
  EXPECT_FALSE(expect_json(manager.get("/api/v1/me/calendar-feed"), 200, "status")["active"].get<bool>());
  json feed = expect_json(manager.post("/api/v1/me/calendar-feed", json::object()), 201, "feed");
  std::string path = feed["path"];
  auto ics = anonymous().get(path);
  ASSERT_EQ(ics.status, 200) << ics.body;
  EXPECT_NE(ics.header("content-type").find("text/calendar"), std::string::npos);
  EXPECT_NE(ics.body.find("UID:" + r.contract_id + "-" + str(measure["id"])), std::string::npos);
  EXPECT_EQ(ics.body.find(str(r.contract["measures"][1]["id"]) + "-"), std::string::npos) << "not the user's control";
  EXPECT_TRUE(is_error(anonymous().get("/calendar/fel-hemlighet.ics"), 404));
  // The secret stays out of the audit log.
  for (const auto& e : audit_items(admin, 50)) EXPECT_EQ(e.dump().find(path.substr(10, 20)), std::string::npos);

  // Revoked by the administrator (another user may not), then made anew by the user.
  EXPECT_TRUE(is_error(ciso.del("/api/v1/users/" + manager_user.id + "/calendar-feed"), 403));
  expect_json(admin.del("/api/v1/users/" + manager_user.id + "/calendar-feed"), 200, "admin revokes");
  EXPECT_TRUE(is_error(anonymous().get(path), 404));
  std::string again = expect_json(manager.post("/api/v1/me/calendar-feed", json::object()), 201, "new feed")["path"];
  EXPECT_EQ(anonymous().get(again).status, 200);
  expect_json(manager.del("/api/v1/me/calendar-feed"), 200, "user revokes");
  EXPECT_TRUE(is_error(anonymous().get(again), 404));
}

TEST(ContractLife, RemindersGoByEmailOnceToThoseWithAnAddressThroughARealSmtpServer) {
  Org org("life-mail");
  Api admin = api(org.user({"admin"}));
  Api ciso = api(org.user({"ciso", "procurer"}));
  User manager_user = org.user({"contract_manager"});
  Api manager = api(manager_user);
  User owner_user = org.user({"information_owner"});
  // An address the way people type them is checked; a good one is kept.
  json me = expect_json(admin.get("/api/v1/users"), 200, "users");
  json stored = find_by(me["items"], "id", manager_user.id);
  EXPECT_TRUE(is_error(admin.patch("/api/v1/users/" + manager_user.id, {{"version", stored["version"]}, {"email", "anna at kommunen"}}),
                       422, "error.email", "email"));
  std::string address = unique_name("anna") + "@kommunen.example";
  expect_json(admin.patch("/api/v1/users/" + manager_user.id, {{"version", stored["version"]}, {"email", address}}), 200, "email");

  Realised r = realised(ciso, owner_user, "KS 2027/16", utc_in(-70 * 86400).substr(0, 10), utc_in(700 * 86400).substr(0, 10));
  json measure = r.contract["measures"][0];
  expect_json(manager.put(contract_path(r) + "/measures/" + str(measure["id"]),
                          {{"version", measure["version"]}, {"frequency", "monthly"}, {"owner_user_id", manager_user.id}}),
              200, "monthly plan");

  // A mail server needs a sender address.
  MailServer mail;
  auto refused = run_kravkedja({"remind", "--db", config().db_url, "--smtp-url", mail.url()});
  EXPECT_NE(refused.exit_code, 0) << "a sender address is needed";
  EXPECT_NE(refused.err.find("--smtp-from"), std::string::npos) << refused.err;
  auto run = run_kravkedja({"remind", "--db", config().db_url, "--smtp-url", mail.url(), "--smtp-from", "kravkedja@kommunen.example"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("E-postmeddelanden skickade: 1."), std::string::npos) << run.out;
  std::string ours;
  for (const auto& m : mail.messages())
    if (m.find("To: " + address) != std::string::npos) ours = m;
  ASSERT_FALSE(ours.empty()) << mail.messages().size() << " messages";
  EXPECT_NE(ours.find("From: kravkedja@kommunen.example"), std::string::npos);
  EXPECT_NE(ours.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(ours.find(str(measure["requirement_id"])), std::string::npos) << ours;
  json notes = expect_json(manager.get("/api/v1/me/notifications"), 200, "notifications")["items"];
  ASSERT_FALSE(notes.empty());
  for (const auto& n : notes) EXPECT_TRUE(n["emailed"].get<bool>()) << n.dump();

  // The next run sends nothing again to this person.
  std::size_t before = mail.messages().size();
  ASSERT_EQ(run_kravkedja({"remind", "--db", config().db_url, "--smtp-url", mail.url(), "--smtp-from", "kravkedja@kommunen.example"})
                .exit_code,
            0);
  int again = 0;
  for (const auto& m : mail.messages()) again += m.find("To: " + address) != std::string::npos ? 1 : 0;
  EXPECT_EQ(again, 1);
  EXPECT_GE(mail.messages().size(), before);
}

TEST(ContractLife, TheFollowUpGoesOutAsOscalAssessmentResults) {
  Org org("life-oscal");
  User ciso = org.user({"ciso", "procurer", "contract_manager"});
  User owner = org.user({"information_owner"});
  Api as = api(ciso);
  Realised r = realised(as, owner, "KS 2027/640");
  json measures = r.contract["measures"];
  ASSERT_GE(measures.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    json m = measures[i];
    expect_json(as.put(contract_path(r) + "/measures/" + str(m["id"]),
                       {{"version", m["version"]}, {"responsibility", "supplier"}, {"frequency", "yearly"}}),
                200, "plan");
    expect_json(as.post(contract_path(r) + "/measures/" + str(m["id"]) + "/records",
                        {{"due_on", "2028-01-01"}, {"result", i == 0 ? "met" : "partly"},
                         {"notes", i == 0 ? "Loggarna granskade." : "Två konton saknade MFA."}}),
                201, "record");
  }
  auto response = as.get(contract_path(r) + "/oscal-assessment-results.json");
  ASSERT_EQ(response.status, 200) << response.body;
  json doc = response.json_body();
  ASSERT_TRUE(doc.contains("assessment-results")) << response.body.substr(0, 500);
  json ar = doc["assessment-results"];
  EXPECT_EQ(ar["metadata"]["oscal-version"], "1.1.2");
  std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  EXPECT_TRUE(std::regex_match(str(ar["uuid"]), uuid)) << ar["uuid"];
  // The plan the results answer: the contract's follow-up plan here.
  std::string plan = str(ar["import-ap"]["href"]);
  ASSERT_EQ(plan.substr(0, 1), "#");
  json resource = ar["back-matter"]["resources"][0];
  EXPECT_EQ(resource["uuid"], plan.substr(1));
  EXPECT_NE(str(resource["rlinks"][0]["href"]).find("/contracts/" + r.contract_id), std::string::npos);
  ASSERT_EQ(ar["results"].size(), 1u);
  json result = ar["results"][0];
  EXPECT_EQ(result["start"], "2027-01-01T00:00:00Z");
  // Every requirement the contract carries was under review; two were followed up.
  std::size_t with_requirement = 0;
  for (const auto& m : measures) with_requirement += m["requirement_id"].is_string();
  EXPECT_EQ(result["reviewed-controls"]["control-selections"][0]["include-controls"].size(), with_requirement);
  ASSERT_EQ(result["observations"].size(), 2u);
  ASSERT_EQ(result["findings"].size(), 2u);
  for (const auto& o : result["observations"]) {
    EXPECT_TRUE(std::regex_match(str(o["uuid"]), uuid)) << o["uuid"];
    EXPECT_EQ(o["methods"], json::array({"INTERVIEW"}));
  }
  json met, partly;
  for (const auto& f : result["findings"]) (f["target"]["target-id"] == measures[0]["requirement_id"] ? met : partly) = f;
  ASSERT_FALSE(met.is_null()) << result["findings"];
  EXPECT_EQ(met["target"]["type"], "statement-id");
  EXPECT_EQ(met["target"]["status"]["state"], "satisfied");
  EXPECT_EQ(partly["target"]["target-id"], measures[1]["requirement_id"]);
  EXPECT_EQ(partly["target"]["status"]["state"], "not-satisfied");
  EXPECT_EQ(partly["target"]["status"]["reason"], "partly-met");
  // Each finding points at its observation.
  std::set<std::string> observed;
  for (const auto& o : result["observations"]) observed.insert(str(o["uuid"]));
  for (const auto& f : result["findings"]) EXPECT_TRUE(observed.count(str(f["related-observations"][0]["observation-uuid"])));
  // Someone of another organisation sees nothing.
  Org other("life-oscal-other");
  EXPECT_TRUE(is_error(api(other.user({"ciso"})).get(contract_path(r) + "/oscal-assessment-results.json"), 404));
}
