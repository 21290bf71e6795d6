// The process of a case: activities settled before each gate, gates approved in order,
// reopening, rejecting, and the whole walk from need to closed relationship.
#include <map>

#include "api_helpers.hpp"

using namespace kkt;

namespace {

std::string activity_path(const json& c, const std::string& key) {
  return case_path(c.at("id")) + "/activities/" + url_encode(key);
}

// The first activity of the case in the phase.
json activity_in_phase(const json& detail, const std::string& phase) {
  return find_by(detail.at("activities"), "phase", phase);
}

struct ProcessMap {
  std::map<std::string, std::string> phase_of_gate;
  std::map<std::string, std::string> step_of_phase;
  std::map<std::string, std::string> gate_name;
};

ProcessMap process_map(const Api& as, const std::string& lang = {}) {
  json p = expect_json(as.get("/api/v1/process" + (lang.empty() ? "" : "?lang=" + lang)), 200, "GET process");
  ProcessMap m;
  for (auto g : p["gates"]) {
    std::string key = g["key"].get<std::string>();
    m.phase_of_gate[key] = g["phase"].get<std::string>();
    m.gate_name[key] = g["name"].get<std::string>();
  }
  for (auto ph : p["phases"]) m.step_of_phase[ph["key"].get<std::string>()] = ph["step"].get<std::string>();
  return m;
}

}  // namespace

TEST(Gates, GatesMustBeApprovedInOrderAndTheMessageNamesTheNextGate) {
  Org org("gate-order");
  Api as = api(org.user({"ciso"}));
  json c = create_case(as, "KS 2025/200");
  settle_activities(as, c["id"], "documents_approved");

  auto sv = decide(as, c["id"], "documents_approved");
  ASSERT_TRUE(is_error(sv, 422, "error.gate_out_of_order"));
  auto names_sv = process_map(as);
  EXPECT_TRUE(contains_text(sv.error_message(), "need_identified") ||
              contains_text(sv.error_message(), names_sv.gate_name["need_identified"]) ||
              contains_text(sv.error_message(), "Identifierat behov"))
      << "the message should name the expected gate: " << sv.body;

  auto en = as.in("en").post(case_path(c["id"]) + "/decisions",
                             {{"gate", "documents_approved"}, {"outcome", "approved"}, {"rationale", "Klart."}});
  ASSERT_TRUE(is_error(en, 422, "error.gate_out_of_order"));
  auto names_en = process_map(as, "en");
  EXPECT_TRUE(contains_text(en.error_message(), "need_identified") ||
              contains_text(en.error_message(), names_en.gate_name["need_identified"]) ||
              contains_text(en.error_message(), "Need identified"))
      << en.body;
  EXPECT_NE(en.error_message(), sv.error_message());

  json now = get_case(as, c["id"]);
  EXPECT_EQ(now["decisions"], json::array());
  EXPECT_EQ(now["next_gate"], "need_identified");
}

TEST(Gates, ApprovingNeedsTheActivitiesUpToTheGateSettled) {
  Org org("gate-activities");
  User owner = org.user({"information_owner"});
  Api ciso = api(org.user({"ciso"}));
  json c = create_case(ciso, "KS 2025/201");

  EXPECT_TRUE(is_error(decide(api(owner), c["id"], "need_identified"), 422, "error.activities_open"));
  EXPECT_EQ(get_case(ciso, c["id"])["decisions"], json::array());

  settle_activities(ciso, c["id"], "need_identified");
  auto r = decide(api(owner), c["id"], "need_identified", "approved", "Behovet är tydligt beskrivet.");
  json d = expect_json(r, 201, "approve need_identified");
  EXPECT_EQ(d["next_gate"], "procure_decision");
  EXPECT_EQ(d["gates"][0]["state"], "passed");
  EXPECT_EQ(d["gates"][1]["state"], "next");
  ASSERT_EQ(d["decisions"].size(), 1u);
  json decision = d["decisions"][0];
  EXPECT_TRUE(decision["id"].is_string());
  EXPECT_EQ(decision["seq"], 1);
  EXPECT_EQ(decision["gate"], "need_identified");
  EXPECT_EQ(decision["outcome"], "approved");
  EXPECT_EQ(decision["rationale"], "Behovet är tydligt beskrivet.");
  EXPECT_EQ(decision["decided_by"], owner.id);
  EXPECT_EQ(decision["decided_by_name"], owner.display_name);
  EXPECT_TRUE(decision["decided_at"].is_string());
  EXPECT_EQ(d["gates"][0]["last_decision"], decision);

  // The procure decision's own prestudy activities are still open.
  EXPECT_TRUE(is_error(decide(ciso, c["id"], "procure_decision"), 422, "error.activities_open"));
}

TEST(Gates, AGateCannotBePassedTwice) {
  Org org("gate-twice");
  Api as = api(org.user({"procurer"}));
  json c = create_case(as, "KS 2025/202");
  pass_gate(as, c["id"], "need_identified");
  EXPECT_TRUE(is_error(decide(as, c["id"], "need_identified"), 422, "error.gate_already_passed"));
  EXPECT_EQ(get_case(as, c["id"])["decisions"].size(), 1u);
}

TEST(Gates, DecisionNeedsARationaleAKnownGateAndAKnownOutcome) {
  Org org("gate-input");
  Api as = api(org.user({"ciso"}));
  json c = create_case(as, "KS 2025/203");
  settle_activities(as, c["id"], "need_identified");

  EXPECT_TRUE(is_error(decide(as, c["id"], "need_identified", "approved", ""), 422, "", "rationale"));
  auto blank = decide(as, c["id"], "need_identified", "approved", "  \n ");
  EXPECT_TRUE(is_error(blank, 422, "", "rationale"));
  auto blank_en = as.in("en").post(case_path(c["id"]) + "/decisions",
                                   {{"gate", "need_identified"}, {"outcome", "approved"}, {"rationale", ""}});
  ASSERT_TRUE(is_error(blank_en, 422, "", "rationale"));
  EXPECT_TRUE(contains_text(blank.error_message(), "Motivering") || contains_text(blank.error_message(), "rationale"))
      << blank.body;
  EXPECT_TRUE(contains_text(blank_en.error_message(), "Rationale")) << blank_en.body;

  EXPECT_TRUE(is_error(decide(as, c["id"], "lunch_break"), 422, "", "gate"));
  EXPECT_TRUE(is_error(decide(as, c["id"], "need_identified", "postponed"), 422, "", "outcome"));
  EXPECT_EQ(get_case(as, c["id"])["decisions"], json::array());
}

TEST(Gates, PrestudyActivitiesCannotBeMarkedNotApplicable) {
  Org org("gate-na-prestudy");
  Api as = api(org.user({"ciso"}));
  json c = create_case(as, "KS 2025/204");
  json activity = activity_in_phase(c, "prestudy");
  ASSERT_FALSE(activity.is_null());
  auto r = as.patch(activity_path(c, activity["key"]),
                    {{"status", "not_applicable"}, {"comment", "Vi hoppar över den."}, {"version", 0}});
  EXPECT_TRUE(is_error(r, 422, "error.not_applicable_not_allowed"));
  EXPECT_EQ(find_by(get_case(as, c["id"])["activities"], "key", activity["key"])["status"], "open");
}

TEST(Gates, NotApplicableNeedsACommentAndIsRecordedWithWhoAndWhen) {
  Org org("gate-na-comment");
  User ciso = org.user({"ciso"});
  Api as = api(ciso);
  json c = create_case(as, "KS 2025/205");
  json activity = activity_in_phase(c, "requirements");
  ASSERT_FALSE(activity.is_null());
  std::string path = activity_path(c, activity["key"]);

  EXPECT_TRUE(is_error(as.patch(path, {{"status", "not_applicable"}, {"version", 0}}), 422, "", "comment"));
  EXPECT_TRUE(is_error(as.patch(path, {{"status", "not_applicable"}, {"comment", " "}, {"version", 0}}), 422, "",
                       "comment"));

  json d = expect_json(as.patch(path, {{"status", "not_applicable"}, {"comment", "Ingen personal berörs."}, {"version", 0}}),
                       200, "not applicable with comment");
  json recorded = find_by(d["activities"], "key", activity["key"]);
  EXPECT_EQ(recorded["status"], "not_applicable");
  EXPECT_EQ(recorded["comment"], "Ingen personal berörs.");
  EXPECT_EQ(recorded["done_by"], ciso.id);
  EXPECT_TRUE(recorded["done_at"].is_string());
  ASSERT_TRUE(recorded["version"].is_number_integer());
  EXPECT_GT(recorded["version"].get<int>(), 0);

  json reopened = expect_json(as.patch(path, {{"status", "open"}, {"version", recorded["version"]}}), 200, "reopen");
  json again = find_by(reopened["activities"], "key", activity["key"]);
  EXPECT_EQ(again["status"], "open");
  EXPECT_EQ(again["version"], recorded["version"].get<int>() + 1);
}

TEST(Gates, ActivityUpdatesCheckTheVersionAndTheKey) {
  Org org("gate-activity-version");
  Api as = api(org.user({"procurer"}));
  json c = create_case(as, "KS 2025/206");
  json activity = activity_in_phase(c, "prestudy");
  std::string path = activity_path(c, activity["key"]);

  json d = expect_json(as.patch(path, {{"status", "done"}, {"comment", "Klart."}, {"version", 0}}), 200, "done");
  json done = find_by(d["activities"], "key", activity["key"]);
  EXPECT_EQ(done["status"], "done");

  EXPECT_TRUE(is_error(as.patch(path, {{"status", "open"}, {"version", 0}}), 409));
  EXPECT_TRUE(is_error(as.patch(path, {{"status", "open"}}), 422, "", "version"));
  EXPECT_TRUE(is_error(as.patch(activity_path(c, "no_such_activity"), {{"status", "done"}, {"version", 0}}), 404));
  EXPECT_TRUE(is_error(as.patch(path, {{"status", "half_done"}, {"version", done["version"]}}), 422, "", "status"));
  EXPECT_EQ(find_by(get_case(as, c["id"])["activities"], "key", activity["key"]), done);
}

TEST(Gates, ReopeningAPassedGateReturnsTheCaseToBeforeThatGate) {
  Org org("gate-reopen");
  Api as = api(org.user({"ciso"}));
  json c = create_case(as, "KS 2025/207");
  pass_gate(as, c["id"], "need_identified");
  json d = pass_gate(as, c["id"], "procure_decision");
  EXPECT_EQ(d["next_gate"], "documents_approved");
  EXPECT_EQ(d["step"], "procure");
  EXPECT_EQ(d["phase"], "requirements");

  d = expect_json(decide(as, c["id"], "need_identified", "reopened", "Behovet måste beskrivas om."), 201, "reopen");
  EXPECT_EQ(d["status"], "open");
  EXPECT_EQ(d["next_gate"], "need_identified");
  EXPECT_EQ(d["step"], "prepare");
  EXPECT_EQ(d["phase"], "prestudy");
  EXPECT_EQ(d["gates"][0]["state"], "next");
  EXPECT_EQ(d["gates"][1]["state"], "pending");
  ASSERT_EQ(d["decisions"].size(), 3u);
  EXPECT_EQ(d["decisions"][2]["outcome"], "reopened");
  EXPECT_EQ(d["decisions"][2]["seq"], 3);
  EXPECT_EQ(d["gates"][0]["last_decision"]["outcome"], "reopened");

  d = expect_json(decide(as, c["id"], "need_identified", "approved", "Nu är behovet tydligt."), 201, "approve again");
  EXPECT_EQ(d["next_gate"], "procure_decision");
}

TEST(Gates, RejectingTheProcureDecisionMeansTheNeedIsMetOtherwise) {
  Org org("gate-reject");
  Api as = api(org.user({"procurer"}));
  json c = create_case(as, "KS 2025/208");
  pass_gate(as, c["id"], "need_identified");
  json d = expect_json(decide(as, c["id"], "procure_decision", "rejected", "Behovet löses med befintligt system."),
                       201, "reject procure_decision");
  EXPECT_EQ(d["status"], "met_otherwise");
  EXPECT_EQ(d["decisions"].back()["outcome"], "rejected");

  EXPECT_TRUE(is_error(decide(as, c["id"], "procure_decision"), 422, "error.case_closed"));
  EXPECT_TRUE(is_error(decide(as, c["id"], "need_identified", "reopened", "Vi ångrar oss."), 422, "error.case_closed"));
  json now = get_case(as, c["id"]);
  EXPECT_EQ(now["status"], "met_otherwise");
  EXPECT_EQ(now["decisions"].size(), 2u);
  json list = expect_json(as.get("/api/v1/cases"), 200, "list");
  EXPECT_EQ(find_by(list["items"], "id", c["id"])["status"], "met_otherwise");
}

TEST(Gates, ContractManagersDecideOnlyTheRealiseGates) {
  Org org("gate-cm");
  Api manager = api(org.user({"contract_manager"}));
  Api ciso = api(org.user({"ciso"}));
  json c = create_case(ciso, "KS 2025/209");
  settle_activities(ciso, c["id"], "need_identified");
  EXPECT_TRUE(is_error(decide(manager, c["id"], "need_identified"), 403));
  EXPECT_EQ(get_case(ciso, c["id"])["decisions"], json::array());
}

TEST(Gates, FullWalkThroughAllEightGatesCompletesTheCase) {
  Org org("gate-walk");
  User ciso_user = org.user({"admin", "ciso"});
  Api ciso = api(ciso_user);
  Api manager = api(org.user({"contract_manager"}));
  ProcessMap process = process_map(ciso);
  json c = create_case(ciso, "KS 2025/210");

  json d;
  for (std::size_t i = 0; i < kGates.size(); ++i) {
    const std::string& gate = kGates[i];
    SCOPED_TRACE("gate " + gate);
    // Later phases are partly settled as not applicable, the prestudy always as done.
    settle_activities(ciso, c["id"], gate, i % 2 == 1);
    record_register_for_gate(ciso, str(c["id"]), gate);
    record_model_for_gate(ciso, str(c["id"]), gate);
    record_contract_for_gate(ciso, str(c["id"]), gate);
    bool realise = process.step_of_phase[process.phase_of_gate[gate]] == "realise";
    d = expect_json(decide(realise ? manager : ciso, c["id"], gate, "approved", "Godkänt: " + gate), 201,
                    "approve " + gate);
    EXPECT_EQ(d["gates"][i]["state"], "passed");
    EXPECT_EQ(d["decisions"].size(), i + 1);
    if (i + 1 < kGates.size()) {
      const std::string& next = kGates[i + 1];
      EXPECT_EQ(d["status"], "open");
      EXPECT_EQ(d["next_gate"], next);
      EXPECT_EQ(d["gates"][i + 1]["state"], "next");
      EXPECT_EQ(d["phase"], process.phase_of_gate[next]);
      EXPECT_EQ(d["step"], process.step_of_phase[process.phase_of_gate[next]]);
    }
  }

  EXPECT_EQ(d["status"], "completed");
  EXPECT_TRUE(d["next_gate"].is_null());
  for (auto g : d["gates"]) EXPECT_EQ(g["state"], "passed") << g["key"];
  for (auto a : d["activities"]) EXPECT_NE(a["status"], "open") << a["key"];
  json now = get_case(ciso, c["id"]);
  EXPECT_EQ(now["status"], "completed");
  EXPECT_EQ(now["phase"], "exit");
  EXPECT_TRUE(is_error(decide(ciso, c["id"], "need_identified", "reopened", "Igen."), 422, "error.case_closed"));

  // Every decision is in the audit log, newest first.
  std::vector<std::string> audited;
  for (auto e : audit_items(ciso, 100))
    if (e["action"] == "case.decide" && e["object_id"] == c["id"]) audited.push_back(e["after"]["gate"].get<std::string>());
  std::vector<std::string> expected(kGates.rbegin(), kGates.rend());
  EXPECT_EQ(audited, expected);
}
