// The start page, "Att göra": what waits for the signed-in person, and nothing that waits for
// someone else. The evaluation group's tenders and the contract period's controls are checked
// where those are made (tenders_test, contract_life_test).
#include "api_helpers.hpp"
#include "browser.hpp"

namespace kkt {
namespace {

json todo_of(const Api& as) { return expect_json(as.get("/api/v1/me/todo"), 200, "to do"); }

std::vector<std::string> case_ids(const json& todo) {
  std::vector<std::string> ids;
  for (const auto& c : todo["cases"]) ids.push_back(c["id"]);
  return ids;
}

}  // namespace

TEST(MyWork, TheStartPageListsWhatWaitsForThePersonAndNothingElse) {
  Org org("my-work");
  User procurer_user = org.user({"ciso", "procurer"});
  Api procurer = api(procurer_user);
  User owner_user = org.user({"information_owner"});
  Api owner = api(owner_user);
  User bystander_user = org.user({"reader"});

  // Nothing waits for anyone yet, and the page says so and what would change it.
  json empty = todo_of(procurer);
  EXPECT_EQ(empty["count"], 0);
  Browser b;
  EXPECT_EQ(b.sign_in(bystander_user.username, kTestPassword), "/todo") << "everyone starts at their own work";
  auto page = b.get("/todo");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page, "<title>Att göra – Kravkedja</title>"));
  EXPECT_TRUE(has(page, "Inget väntar på dig just nu."));
  EXPECT_TRUE(has(page, "<a href=\"/todo\" aria-current=\"page\">Att göra</a>"));

  // A classification the owner has not approved waits for the owner, not for the one who made it.
  json body = asset_body("Hemtjänstens journaler", 3, 3, 2);
  body["owner_user_id"] = owner_user.id;
  json asset = create_asset(procurer, body);
  json owners = todo_of(owner);
  ASSERT_EQ(owners["approvals"].size(), 1u) << owners.dump();
  EXPECT_EQ(owners["approvals"][0]["id"], asset["id"]);
  EXPECT_TRUE(todo_of(procurer)["approvals"].empty());

  // A case waits for those on its team and its delivery manager; another case for nobody here.
  std::string mine = create_case(procurer, "KS 2027/301")["id"];
  std::string managed = create_case(procurer, "KS 2027/302")["id"];
  create_case(procurer, "KS 2027/303");
  expect_json(procurer.post(case_path(mine) + "/team", {{"user_id", procurer_user.id}, {"competence", "upphandling"}}), 200,
              "team");
  json m = get_case(procurer, managed);
  expect_json(procurer.patch(case_path(managed), {{"version", m["version"]}, {"delivery_manager_id", owner_user.id}}), 200,
              "delivery manager");
  EXPECT_EQ(case_ids(todo_of(procurer)), std::vector<std::string>{mine});
  EXPECT_EQ(case_ids(todo_of(owner)), std::vector<std::string>{managed});
  json next = todo_of(procurer)["cases"][0]["next"];
  EXPECT_EQ(next["gate"], "need_identified");
  EXPECT_EQ(next["gate_name"], "Identifierat behov");
  EXPECT_FALSE(next["ready"].get<bool>());
  ASSERT_FALSE(next["open_activities"].empty());
  std::string first_activity = next["open_activities"][0]["key"];
  EXPECT_TRUE(next["may_decide"].get<bool>());
  Browser p;
  p.sign_in(procurer_user.username, kTestPassword);
  auto listed = p.get("/todo");
  EXPECT_TRUE(has(listed, "Mina ärenden"));
  EXPECT_TRUE(has(listed, "KS 2027/301"));
  EXPECT_FALSE(has(listed, "KS 2027/303"));
  EXPECT_TRUE(has(listed, "href=\"/cases/" + mine + "#activity-" + first_activity + "\"")) << listed.body;

  // Once every activity before the gate is settled, the case is ready for the decision, and the
  // case page says the same at its top.
  settle_activities(procurer, mine, "need_identified");
  next = todo_of(procurer)["cases"][0]["next"];
  EXPECT_TRUE(next["open_activities"].empty()) << next.dump();
  EXPECT_TRUE(next["ready"].get<bool>());
  EXPECT_TRUE(has(p.get("/todo"), "href=\"/cases/" + mine + "#decide\""));
  auto case_page = p.get("/cases/" + mine);
  EXPECT_TRUE(has(case_page, "Vad händer nu?"));
  EXPECT_TRUE(has(case_page, "Allt är klart inför beslutet."));
  // A reader may not decide: the case is ready, but no decision link is offered to the reader.
  expect_json(procurer.post(case_path(mine) + "/team", {{"user_id", bystander_user.id}, {"competence", "informationsagare_verksamhet"}}), 200,
              "reader in the team");
  json readers = todo_of(api(bystander_user));
  ASSERT_EQ(readers["cases"].size(), 1u);
  EXPECT_FALSE(readers["cases"][0]["next"]["may_decide"].get<bool>());
  EXPECT_FALSE(has(b.get("/todo"), "#decide\""));

  // Decided, the case moves on to its next gate.
  expect_json(decide(procurer, mine, "need_identified"), 201, "decide");
  EXPECT_EQ(todo_of(procurer)["cases"][0]["next"]["gate"], "procure_decision");

  // Approved, the classification no longer waits; a cancelled case no longer either.
  json a = get_asset(owner, asset["id"]);
  expect_json(owner.patch(asset_path(asset["id"]), {{"version", a["version"]}, {"approve", true}}), 200, "approve");
  EXPECT_TRUE(todo_of(owner)["approvals"].empty());
  expect_json(procurer.post(case_path(managed) + "/cancel", {{"reason", "Behovet löses inom ett befintligt avtal."}}),
              200, "cancel");
  EXPECT_TRUE(todo_of(owner)["cases"].empty());

  // In English too.
  json en = expect_json(procurer.in("en").get("/api/v1/me/todo"), 200, "in English");
  EXPECT_EQ(en["cases"][0]["next"]["gate_name"], "Decision: the need is met through procurement");
}

}  // namespace kkt
