#include "api_helpers.hpp"

#include <spawn.h>
#include <unistd.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <thread>
#include <ostream>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

extern char** environ;

namespace kkt {

const std::vector<std::string> kGates{"need_identified",   "procure_decision", "documents_approved",
                                      "award_decided",     "contract_signed",  "delivery_approved",
                                      "exit_decided",      "relationship_closed"};

int gate_index(const std::string& gate) {
  auto it = std::find(kGates.begin(), kGates.end(), gate);
  if (it == kGates.end()) throw std::runtime_error("unknown gate in test: " + gate);
  return static_cast<int>(it - kGates.begin());
}

json expect_json(const Response& r, int expected, const std::string& what) {
  if (r.status != expected)
    throw std::runtime_error(fmt::format("{}: expected HTTP {}, got {}: {}", what, expected, r.status, r.body));
  json j = r.json_body();
  if (j.is_discarded()) throw std::runtime_error(fmt::format("{}: the body is not JSON: {}", what, r.body));
  return j;
}

::testing::AssertionResult has_status(const Response& r, int status) {
  if (r.status == status) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected HTTP " << status << ", got " << r.status << ": " << r.body;
}

::testing::AssertionResult is_error(const Response& r, int status, const std::string& code, const std::string& field) {
  if (r.status != status)
    return ::testing::AssertionFailure() << "expected HTTP " << status << ", got " << r.status << ": " << r.body;
  json j = r.json_body();
  if (j.is_discarded() || !j.is_object() || !j.contains("error") || !j["error"].is_object())
    return ::testing::AssertionFailure() << "HTTP " << status << " without an {\"error\":{...}} body: " << r.body;
  json& e = j["error"];
  for (const char* key : {"code", "field", "message"})
    if (!e.contains(key) || !e[key].is_string())
      return ::testing::AssertionFailure() << "error." << key << " is missing or not text: " << r.body;
  if (e["code"].get<std::string>().rfind("error.", 0) != 0)
    return ::testing::AssertionFailure() << "error.code should start with \"error.\": " << r.body;
  if (e["message"].get<std::string>().empty())
    return ::testing::AssertionFailure() << "error.message is empty: " << r.body;
  if (!code.empty() && e["code"] != code)
    return ::testing::AssertionFailure() << "expected error.code " << code << ": " << r.body;
  if (!field.empty() && e["field"] != field)
    return ::testing::AssertionFailure() << "expected error.field " << field << ": " << r.body;
  return ::testing::AssertionSuccess();
}

std::string asset_path(const std::string& id) { return "/api/v1/assets/" + url_encode(id); }
std::string case_path(const std::string& id) { return "/api/v1/cases/" + url_encode(id); }

json asset_body(const std::string& name, int c, int i, int a) {
  return {{"name", name},
          {"description", "Uppgifter som hanteras i testet."},
          {"classification", {{"confidentiality", c}, {"integrity", i}, {"availability", a}}}};
}

json create_asset(const Api& as, const json& body) {
  return expect_json(as.post("/api/v1/assets", body), 201, "POST /api/v1/assets " + body.dump());
}

json get_asset(const Api& as, const std::string& id) {
  return expect_json(as.get(asset_path(id)), 200, "GET asset " + id);
}

json case_body(const std::string& registry_number, const std::string& title) {
  return {{"registry_number", registry_number},
          {"title", title},
          {"object_type", "service"},
          {"delivery_model", "cloud_saas"}};
}

json create_case(const Api& as, const json& body) {
  return expect_json(as.post("/api/v1/cases", body), 201, "POST /api/v1/cases " + body.dump());
}

json create_case(const Api& as, const char* registry_number) {
  return create_case(as, case_body(registry_number));
}

json get_case(const Api& as, const std::string& id) {
  return expect_json(as.get(case_path(id)), 200, "GET case " + id);
}

json settle_activities(const Api& as, const std::string& case_id, const std::string& gate,
                       bool not_applicable_outside_prestudy) {
  json detail = get_case(as, case_id);
  int limit = gate_index(gate);
  const json activities = detail.at("activities");  // detail is replaced inside the loop
  for (const auto& activity : activities) {
    if (gate_index(activity.at("gate").get<std::string>()) > limit) continue;
    if (activity.at("status") != "open") continue;
    bool na = not_applicable_outside_prestudy && activity.at("phase") != "prestudy";
    json body = {{"status", na ? "not_applicable" : "done"},
                 {"comment", na ? "Gäller inte den här anskaffningen." : "Klart."},
                 {"version", activity.at("version")}};
    std::string key = activity.at("key").get<std::string>();
    detail = expect_json(as.patch(case_path(case_id) + "/activities/" + url_encode(key), body), 200,
                         "PATCH activity " + key);
  }
  return detail;
}

Response decide(const Api& as, const std::string& case_id, const std::string& gate, const std::string& outcome,
                const std::string& rationale) {
  return as.post(case_path(case_id) + "/decisions",
                 {{"gate", gate}, {"outcome", outcome}, {"rationale", rationale}});
}

void record_register_for_gate(const Api& as, const std::string& case_id, const std::string& gate) {
  // A deep risk assessment before documents_approved, an award-stage one before award_decided
  // (here a low risk, acceptable without measures).
  const char* stage = gate == "documents_approved" ? "deep" : gate == "award_decided" ? "award" : nullptr;
  if (!stage) return;
  json list = expect_json(as.get(case_path(case_id) + "/risks"), 200, "GET risks");
  for (const auto& r : list["items"])
    if (r["stage"] == stage) return;
  expect_json(as.post(case_path(case_id) + "/risks",
                      {{"stage", stage}, {"title", std::string("Bedömd risk (") + stage + ")"},
                       {"likelihood", 1}, {"consequence", 1}}),
              201, "record a risk");
}

void record_model_for_gate(const Api& as, const std::string& case_id, const std::string& gate) {
  if (gate != "documents_approved") return;
  json tenders = expect_json(as.get(case_path(case_id) + "/tenders"), 200, "GET tenders");
  if (!tenders["evaluation_model"].is_null() || !tenders["receives_tenders"].get<bool>()) return;
  auto r = as.put(case_path(case_id) + "/evaluation-model", {{"version", 0}, {"method", "points"}});
  // A kind of case that evaluates no tenders refuses a model; that is fine here.
  if (r.status != 200 && r.status != 422) expect_json(r, 200, "record the evaluation model");
}

Api supplier_api(const std::string& username) {
  auto token = run_kravkedja({"token", "create", username, "--db", config().db_url});
  EXPECT_EQ(token.exit_code, 0) << token.err;
  std::string t = token.out;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  return Api(t);
}

// Runs one SQL statement with the engine's own client, outside Kravkedja; returns what it
// printed (unaligned, without headers: one value per line for a one-column query).
std::string sql_output(const std::string& statement) {
  if (config().db_kind == "sqlite")
    return program_output({"sqlite3", "-cmd", ".timeout 5000", config().db_url.substr(std::string("sqlite:").size()), statement});
  return program_output({"psql", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", config().db_url, "-c", statement});
}

std::string program_output(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe() failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (spawned != 0) {
    ::close(out[0]);
    throw std::runtime_error("cannot start " + args[0]);
  }
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(args[0] + " failed: " + args.back());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

void run_sql(const std::string& statement) { sql_output(statement); }

json contract_of_case(const Api& as, const std::string& case_id) {
  json list = expect_json(as.get("/api/v1/contracts?case_id=" + case_id), 200, "GET contracts");
  for (const auto& c : list["items"])
    if (c["case_id"] == case_id) return expect_json(as.get("/api/v1/contracts/" + str(c["id"])), 200, "GET contract");
  return nullptr;
}

void record_contract_for_gate(const Api& as, const std::string& case_id, const std::string& gate) {
  if (gate == "delivery_approved") {
    json c = contract_of_case(as, case_id);
    if (c.is_null()) {
      json s = expect_json(as.post("/api/v1/suppliers", {{"name", "Leverantör " + case_id}, {"country", "SE"}}), 201,
                           "supplier for the contract");
      c = expect_json(as.post(case_path(case_id) + "/contract", {{"supplier_id", s["id"]}, {"title", "Avtal i testet"},
                                                                 {"starts_on", "2027-01-01"}, {"ends_on", "2029-12-31"}}),
                      201, "contract for the delivery");
    }
    for (const auto& item : c["delivery"]["items"])
      if (item["state"] == "open")
        expect_json(as.put("/api/v1/contracts/" + str(c["id"]) + "/delivery/" + str(item["measure_id"]),
                           {{"version", item["version"]}, {"state", "verified"}, {"evidence", "Acceptanstest i testet."}}),
                    200, "verify a measure");
  }
  if (gate == "relationship_closed") {
    json c = contract_of_case(as, case_id);
    if (c.is_null()) return;
    std::string path = "/api/v1/contracts/" + str(c["id"]);
    if (c["exit"]["plan"].is_null())
      expect_json(as.put(path + "/exit-plan", {{"version", 0}, {"formats", "CSV och PDF/A"}}), 200, "exit plan");
    for (const auto& check : c["exit"]["checks"])
      if (check["state"] == "open")
        expect_json(as.put(path + "/exit-checks/" + str(check["check"]),
                           {{"version", check["version"]}, {"state", "done"}, {"evidence", "Intyg i testet."}}),
                    200, "exit check");
  }
}

json pass_gate(const Api& as, const std::string& case_id, const std::string& gate) {
  settle_activities(as, case_id, gate);
  record_register_for_gate(as, case_id, gate);
  record_model_for_gate(as, case_id, gate);
  record_contract_for_gate(as, case_id, gate);
  return expect_json(decide(as, case_id, gate), 201, "approve gate " + gate);
}

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

json audit_items(const Api& admin, int limit) {
  json j = expect_json(admin.get("/api/v1/audit?limit=" + std::to_string(limit)), 200, "GET /api/v1/audit");
  return j.at("items");
}

long long latest_audit_seq(const Api& admin) {
  // Security events (sign-ins, refused requests) are appended whatever the request did; a
  // refused write may add one of those, never a change.
  for (const auto& e : audit_items(admin, 100)) {
    std::string action = e.at("action");
    if (action.rfind("auth.", 0) != 0 && action.rfind("access.", 0) != 0) return e.at("seq").get<long long>();
  }
  return -1;
}

OrgState org_state(const Api& admin) {
  OrgState s;
  s.assets = expect_json(admin.get("/api/v1/assets"), 200, "GET /api/v1/assets").at("items");
  s.cases = expect_json(admin.get("/api/v1/cases"), 200, "GET /api/v1/cases").at("items");
  s.audit_seq = latest_audit_seq(admin);
  return s;
}

void PrintTo(const OrgState& s, std::ostream* os) {
  *os << "{assets: " << s.assets.dump() << ", cases: " << s.cases.dump() << ", audit_seq: " << s.audit_seq << "}";
}

std::vector<std::string> ids_of(const json& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item.at("id").get<std::string>());
  return ids;
}

bool has_id(const json& items, const std::string& id) {
  for (const auto& item : items)
    if (item.contains("id") && item["id"] == id) return true;
  return false;
}

json find_by(const json& array, const std::string& key, const std::string& value) {
  if (!array.is_array()) return nullptr;
  for (const auto& item : array)
    if (item.is_object() && item.contains(key) && item[key] == value) return item;
  return nullptr;
}

std::string str(const json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

bool contains_text(const std::string& haystack, const std::string& needle) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

}  // namespace kkt
