// The case's specification over the API: generated with reasons, edited with reasons
// and decisions, kept through fact changes, frozen at documents_approved.
#include "api_helpers.hpp"

namespace kkt {
namespace {

std::string spec_path(const std::string& case_id) { return case_path(case_id) + "/specification"; }

json spec_of(const Api& as, const std::string& case_id) {
  return expect_json(as.get(spec_path(case_id)), 200, "GET specification");
}

// A case with one linked asset at the given levels (and flags), by the given user.
std::string case_with_asset(const Api& as, const std::string& number, int c, int i, int a, json flags = json::object()) {
  json body = asset_body("Tillgång " + number, c, i, a);
  if (!flags.empty()) body["flags"] = flags;
  json asset = create_asset(as, body);
  json kase = create_case(as, number.c_str());
  expect_json(as.post(case_path(str(kase["id"])) + "/assets", {{"asset_id", asset["id"]}}), 200, "link asset");
  return str(kase["id"]);
}

json entry_in_area(const json& spec, const std::string& area, bool locked = false) {
  for (const auto& e : spec["entries"])
    if (e["area"] == area && e["locked"] == locked) return e;
  return json();
}

json entry_by_id(const json& spec, const std::string& id) { return find_by(spec["entries"], "requirement_id", id); }

}  // namespace

TEST(Specification, IsGeneratedFromTheFactsWithReasonsAndStoresNothing) {
  Org org("spec-gen");
  User u = org.user({"procurer", "admin"});
  std::string id = case_with_asset(api(u), "KS 1/1", 2, 2, 2);
  long long seq = latest_audit_seq(api(u));
  json spec = spec_of(api(u), id);
  EXPECT_EQ(spec["stored"], false);
  EXPECT_EQ(spec["version"], 0);
  ASSERT_FALSE(spec["entries"].empty());
  json crypto = entry_in_area(spec, "kryptering");
  ASSERT_TRUE(crypto.is_object()) << "confidentiality 2 should select cryptography requirements";
  EXPECT_EQ(crypto["status"], "active");
  EXPECT_EQ(crypto["version"], 0);
  ASSERT_FALSE(crypto["reasons"].empty());
  EXPECT_EQ(crypto["reasons"][0]["rule_set"], "baslinje");
  EXPECT_EQ(crypto["reasons"][0]["facts"]["confidentiality"], 2);
  EXPECT_TRUE(contains_text(str(crypto["reasons"][0]["text"]), "Konfidentialitet: 2")) << crypto["reasons"][0];
  for (const char* field : {"ska_text", "motive", "verification", "placement", "kind", "area_name"})
    EXPECT_TRUE(crypto.contains(field)) << field;
  EXPECT_EQ(latest_audit_seq(api(u)), seq) << "reading must not store anything";
}

TEST(Specification, LevelFourSelectsNothingAndBlocksTheProcureDecision) {
  Org org("spec-l4");
  User u = org.user({"procurer"});
  std::string id = case_with_asset(api(u), "KS 1/2", 4, 1, 1);
  json spec = spec_of(api(u), id);
  EXPECT_TRUE(spec["entries"].empty());
  ASSERT_FALSE(spec["findings"].empty());
  EXPECT_EQ(spec["findings"][0]["severity"], "block");
  EXPECT_EQ(spec["findings"][0]["blocks_gate"], "procure_decision");
  json findings = expect_json(api(u).get(case_path(id) + "/findings"), 200, "findings");
  EXPECT_EQ(findings["findings"][0]["severity"], "block");

  // The gate waits for the analysis the rule requires; once recorded, it can pass.
  pass_gate(api(u), id, "need_identified");
  settle_activities(api(u), id, "procure_decision");
  auto blocked = decide(api(u), id, "procure_decision");
  EXPECT_TRUE(is_error(blocked, 422, "error.gate_blocked", "gate"));
  EXPECT_TRUE(contains_text(blocked.error_message(), "nivå 4")) << blocked.body;
  json detail = get_case(api(u), id);
  json analysis = find_by(detail["required_activities"], "key", "level4_analysis");
  ASSERT_TRUE(analysis.is_object()) << detail["required_activities"];
  EXPECT_TRUE(is_error(api(u).patch(case_path(id) + "/activities/level4_analysis",
                                    {{"status", "not_applicable"}, {"comment", "nej"}, {"version", analysis["version"]}}),
                       422, "error.required_activity_not_applicable"));
  expect_json(api(u).patch(case_path(id) + "/activities/level4_analysis",
                           {{"status", "done"}, {"comment", "Analysen är gjord och beslutad."}, {"version", analysis["version"]}}),
              200, "record the analysis");
  EXPECT_EQ(decide(api(u), id, "procure_decision").status, 201);
}

TEST(Specification, SecurityProtectionSelectsNothingAndBlocks) {
  Org org("spec-sua");
  User u = org.user({"procurer"});
  std::string id = case_with_asset(api(u), "KS 1/3", 2, 2, 2, {{"security_protection", true}});
  json spec = spec_of(api(u), id);
  EXPECT_TRUE(spec["entries"].empty());
  EXPECT_EQ(spec["findings"][0]["severity"], "block");
}

TEST(Specification, StrikingNeedsAReasonAndTheFirstEditStoresIt) {
  Org org("spec-strike");
  User u = org.user({"procurer", "admin"});
  std::string id = case_with_asset(api(u), "KS 1/4", 2, 2, 2);
  json entry = entry_in_area(spec_of(api(u), id), "kryptering");
  std::string path = spec_path(id) + "/entries/" + str(entry["requirement_id"]);
  long long seq = latest_audit_seq(api(u));
  EXPECT_TRUE(is_error(api(u).patch(path, {{"version", 0}, {"status", "struck"}}), 422, "error.strike_reason", "reason"));
  EXPECT_EQ(spec_of(api(u), id)["stored"], false);
  EXPECT_EQ(latest_audit_seq(api(u)), seq);

  json spec = expect_json(api(u).patch(path, {{"version", 0}, {"status", "struck"}, {"reason", "Ingen överföring sker."}}),
                          200, "strike");
  EXPECT_EQ(spec["stored"], true);
  json struck = entry_by_id(spec, str(entry["requirement_id"]));
  EXPECT_EQ(struck["status"], "struck");
  EXPECT_EQ(struck["note"], "Ingen överföring sker.");
  EXPECT_EQ(struck["changed_by"], u.id);
  json audit = audit_items(api(u), 5);
  EXPECT_EQ(audit[0]["action"], "specification.edit");
  EXPECT_EQ(audit[1]["action"], "specification.store");
  // A stale version is refused with the current entry.
  auto stale = api(u).patch(path, {{"version", 0}, {"status", "active"}});
  EXPECT_TRUE(is_error(stale, 409, "error.stale_version"));
  EXPECT_EQ(stale.json_body()["error"]["current"]["status"], "struck");
}

TEST(Specification, AStruckRequirementStaysStruckAndNewFactsAreProposed) {
  Org org("spec-facts");
  User u = org.user({"procurer"});
  json asset = create_asset(api(u), asset_body("Elevregister", 2, 1, 1));
  json kase = create_case(api(u), "KS 1/5");
  std::string id = str(kase["id"]);
  expect_json(api(u).post(case_path(id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");
  json before = spec_of(api(u), id);
  EXPECT_FALSE(entry_in_area(before, "kontinuitet").is_object()) << "availability 1 needs no continuity requirements";
  std::string struck_id = str(entry_in_area(before, "kryptering")["requirement_id"]);
  expect_json(api(u).patch(spec_path(id) + "/entries/" + struck_id,
                           {{"version", 0}, {"status", "struck"}, {"reason", "Hanteras i eget nät."}}),
              200, "strike");

  // Availability goes up: continuity requirements are proposed, the struck one stays struck.
  expect_json(api(u).patch(asset_path(str(asset["id"])), {{"version", asset["version"]}, {"classification", {{"availability", 3}}}}),
              200, "raise availability");
  json after = spec_of(api(u), id);
  EXPECT_EQ(entry_by_id(after, struck_id)["status"], "struck");
  json proposed = after["proposal"]["add"];
  ASSERT_FALSE(proposed.empty());
  for (const auto& p : proposed) EXPECT_EQ(p["area"], "kontinuitet") << p["requirement_id"];
  EXPECT_FALSE(proposed[0]["reasons"].empty());

  std::string take = str(proposed[0]["requirement_id"]);
  json rest = json::array();
  for (std::size_t i = 1; i < proposed.size(); ++i) rest.push_back(proposed[i]["requirement_id"]);
  json resolved = expect_json(api(u).post(spec_path(id) + "/proposal",
                                          {{"version", after["version"]}, {"apply", {take}}, {"decline", rest}}),
                              200, "resolve proposal");
  EXPECT_EQ(entry_by_id(resolved, take)["status"], "active");
  if (!rest.empty()) {
    EXPECT_EQ(entry_by_id(resolved, str(rest[0]))["status"], "declined");
  }
  EXPECT_TRUE(resolved["proposal"]["add"].empty());
  EXPECT_EQ(entry_by_id(resolved, struck_id)["status"], "struck");

  // Availability goes back down: the applied one is proposed for removal; declining keeps it.
  json now = get_asset(api(u), str(asset["id"]));
  expect_json(api(u).patch(asset_path(str(asset["id"])), {{"version", now["version"]}, {"classification", {{"availability", 1}}}}),
              200, "lower availability");
  json lowered = spec_of(api(u), id);
  ASSERT_EQ(lowered["proposal"]["remove"].size(), 1u) << lowered["proposal"];
  EXPECT_EQ(lowered["proposal"]["remove"][0]["requirement_id"], take);
  json kept = expect_json(api(u).post(spec_path(id) + "/proposal", {{"version", lowered["version"]}, {"decline", {take}}}),
                          200, "keep");
  EXPECT_EQ(entry_by_id(kept, take)["status"], "active");
  EXPECT_TRUE(kept["proposal"]["remove"].empty());
  // Resolving something not proposed is refused by name.
  EXPECT_TRUE(is_error(api(u).post(spec_path(id) + "/proposal", {{"version", kept["version"]}, {"apply", {"ORG-01"}}}),
                       422, "error.not_proposed", "apply"));
}

TEST(Specification, ALockedEntryIsStruckOnlyByTheRuleOwnerWithADecision) {
  Org org("spec-lock");
  User procurer = org.user({"procurer"});
  User ciso = org.user({"ciso"});
  std::string id = case_with_asset(api(procurer), "KS 1/6", 2, 1, 1, {{"personal_data", true}});
  json locked = entry_in_area(spec_of(api(procurer), id), "dataskydd", true);
  ASSERT_TRUE(locked.is_object()) << "personal data should give locked data protection requirements";
  std::string path = spec_path(id) + "/entries/" + str(locked["requirement_id"]);
  EXPECT_TRUE(is_error(api(procurer).patch(path, {{"version", 0}, {"status", "struck"}, {"reason", "Behövs inte"}}), 403,
                       "error.locked_entry"));
  EXPECT_TRUE(is_error(api(ciso).patch(path, {{"version", 0}, {"status", "struck"}, {"reason", "Behövs inte"}}), 422,
                       "error.locked_decision", "decision"));
  json spec = expect_json(api(ciso).patch(path, {{"version", 0},
                                                 {"status", "struck"},
                                                 {"reason", "Behövs inte"},
                                                 {"decision", "Beslut av informationssäkerhetssamordnaren 2026-11-22."}}),
                          200, "strike locked");
  EXPECT_EQ(entry_by_id(spec, str(locked["requirement_id"]))["status"], "struck");
}

TEST(Specification, RequirementsCanBeAddedByHandAndChangedToBor) {
  Org org("spec-add");
  User u = org.user({"procurer"});
  std::string id = case_with_asset(api(u), "KS 1/7", 1, 1, 1);
  json spec = spec_of(api(u), id);
  EXPECT_FALSE(entry_by_id(spec, "UTV-50").is_object());
  EXPECT_TRUE(is_error(api(u).post(spec_path(id) + "/entries", {{"requirement_id", "UTV-50"}}), 422, "error.required", "reason"));
  EXPECT_TRUE(is_error(api(u).post(spec_path(id) + "/entries", {{"requirement_id", "NOPE-99"}, {"reason", "x"}}), 422,
                       "error.unknown_requirement", "requirement_id"));
  json added = expect_json(api(u).post(spec_path(id) + "/entries", {{"requirement_id", "UTV-50"}, {"reason", "Vi beställer anpassningar."}}),
                           201, "add");
  json entry = entry_by_id(added, "UTV-50");
  EXPECT_EQ(entry["origin"], "manual");
  EXPECT_EQ(entry["note"], "Vi beställer anpassningar.");
  EXPECT_TRUE(is_error(api(u).post(spec_path(id) + "/entries", {{"requirement_id", "UTV-50"}, {"reason", "igen"}}), 409,
                       "error.requirement_already_in_specification"));

  json ska = json();
  for (const auto& e : added["entries"])
    if (e["kind"] == "ska" && !e["locked"].get<bool>()) ska = e;
  ASSERT_TRUE(ska.is_object());
  std::string path = spec_path(id) + "/entries/" + str(ska["requirement_id"]);
  EXPECT_TRUE(is_error(api(u).patch(path, {{"version", ska["version"]}, {"weight", 3}}), 422, "error.weight_only_bor", "weight"));
  json changed = expect_json(api(u).patch(path, {{"version", ska["version"]}, {"kind", "bor"}, {"weight", 3},
                                                 {"case_text", "Gäller även mobilappen."}}),
                             200, "to bor");
  json now = entry_by_id(changed, str(ska["requirement_id"]));
  EXPECT_EQ(now["kind"], "bor");
  EXPECT_EQ(now["weight"], 3);
  EXPECT_EQ(now["case_text"], "Gäller även mobilappen.");
}

TEST(Specification, IsFrozenOnceTheDocumentsAreApproved) {
  Org org("spec-frozen");
  User u = org.user({"procurer"});
  std::string id = case_with_asset(api(u), "KS 1/8", 2, 2, 2);
  for (const char* gate : {"need_identified", "procure_decision", "documents_approved"}) pass_gate(api(u), id, gate);
  json spec = spec_of(api(u), id);
  EXPECT_EQ(spec["frozen"], true);
  json entry = entry_in_area(spec, "kryptering");
  std::string path = spec_path(id) + "/entries/" + str(entry["requirement_id"]);
  EXPECT_TRUE(is_error(api(u).patch(path, {{"version", entry["version"]}, {"status", "struck"}, {"reason", "Sent påkommet"}}),
                       422, "error.specification_frozen", "decision"));
  json changed = expect_json(api(u).patch(path, {{"version", entry["version"]},
                                                 {"status", "struck"},
                                                 {"reason", "Sent påkommet"},
                                                 {"decision", "Rättelse beslutad av upphandlingsgruppen."}}),
                             200, "strike with decision");
  EXPECT_EQ(entry_by_id(changed, str(entry["requirement_id"]))["note"], "Rättelse beslutad av upphandlingsgruppen.");
}

TEST(Specification, ReadersReadAndOtherOrganisationsSeeNothing) {
  Org org("spec-roles"), other("spec-other");
  User procurer = org.user({"procurer"});
  User reader = org.user({"reader"});
  User stranger = other.user({"procurer"});
  std::string id = case_with_asset(api(procurer), "KS 1/9", 2, 2, 2);
  json entry = entry_in_area(spec_of(api(reader), id), "kryptering");
  EXPECT_TRUE(is_error(api(reader).patch(spec_path(id) + "/entries/" + str(entry["requirement_id"]),
                                         {{"version", 0}, {"status", "struck"}, {"reason", "x"}}),
                       403));
  EXPECT_TRUE(is_error(api(stranger).get(spec_path(id)), 404, "error.not_found"));
  EXPECT_TRUE(is_error(api(stranger).get(case_path(id) + "/findings"), 404, "error.not_found"));
  EXPECT_TRUE(is_error(api(stranger).post(spec_path(id) + "/entries", {{"requirement_id", "UTV-50"}, {"reason", "x"}}), 404));
}

}  // namespace kkt

namespace kkt {

TEST(Specification, CopyingACaseCopiesItsFactsAssetsAndEditedSpecification) {
  Org org("spec-copy");
  User u = org.user({"procurer"});
  std::string id = case_with_asset(api(u), "KS 1/10", 2, 2, 2);
  json entry = entry_in_area(spec_of(api(u), id), "kryptering");
  expect_json(api(u).patch(spec_path(id) + "/entries/" + str(entry["requirement_id"]),
                           {{"version", 0}, {"status", "struck"}, {"reason", "Eget nät."}}),
              200, "strike");
  pass_gate(api(u), id, "need_identified");
  EXPECT_TRUE(is_error(api(u).post(case_path(id) + "/copy", {{"registry_number", "KS 1/10"}, {"title", "Kopia"}}), 409,
                       "error.registry_number_taken"));
  json copy = expect_json(api(u).post(case_path(id) + "/copy", {{"registry_number", "KS 1/11"}, {"title", "Trygghetslarm 2"}}),
                          201, "copy");
  std::string copy_id = str(copy["id"]);
  EXPECT_NE(copy_id, id);
  EXPECT_EQ(copy["title"], "Trygghetslarm 2");
  EXPECT_EQ(copy["assets"].size(), 1u);
  EXPECT_TRUE(copy["decisions"].empty());
  EXPECT_EQ(copy["next_gate"], "need_identified");
  json spec = spec_of(api(u), copy_id);
  EXPECT_EQ(spec["stored"], true);
  json struck = entry_by_id(spec, str(entry["requirement_id"]));
  EXPECT_EQ(struck["status"], "struck");
  EXPECT_EQ(struck["note"], "Eget nät.");
}

}  // namespace kkt
