// Two people editing the same thing at once (issue 9): neither change disappears silently.
// Through the API the second save is refused with 409 and the stored state to merge with; on
// the page the second person sees what the other changed, both changes merged into the form,
// and where both changed the same field both values side by side.
#include <regex>

#include "api_helpers.hpp"
#include "browser.hpp"

namespace kkt {
namespace {

struct SharedRisk {
  User first, second;
  std::string case_id, risk_id;
  std::string path() const { return case_path(case_id) + "/risks/" + risk_id; }
  std::string form_action() const { return "/cases/" + case_id + "/risks/" + risk_id; }
};

SharedRisk shared_risk(const std::string& label) {
  Org org(label);
  SharedRisk s{org.user({"procurer"}), org.user({"procurer"}), "", ""};
  json asset = create_asset(api(s.first), asset_body("Hemtjänstplanering", 2, 2, 2));
  s.case_id = str(create_case(api(s.first), "KS 2026/samtidigt")["id"]);
  expect_json(api(s.first).post(case_path(s.case_id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");
  json risk = expect_json(api(s.first).post(case_path(s.case_id) + "/risks",
                                            {{"stage", "initial"}, {"title", "Obehörig åtkomst"}, {"likelihood", 2},
                                             {"consequence", 2}, {"asset_ids", {asset["id"]}}}),
                          201, "risk");
  s.risk_id = str(risk["id"]);
  return s;
}

std::string html_unescape(std::string s) {
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  }
  return s;
}

// A form on the page (found by its action), as a browser would post it unchanged.
struct PageForm {
  std::string version, base;
  std::string html;  // from the form's start to its end
  std::string selected(const std::string& select_id) const {
    return first_match(html, "id=\"" + select_id + "\"[^>]*>(?:<option[^>]*>[^<]*</option>)*?<option value=\"([^\"]*)\" selected");
  }
  std::string text(const std::string& textarea_id) const {
    return html_unescape(first_match(html, "<textarea id=\"" + textarea_id + "\"[^>]*>([^<]*)</textarea>"));
  }
};

PageForm form_on(const std::string& page, const std::string& action) {
  auto start = page.find("<form method=\"post\" action=\"" + action + "\"");
  EXPECT_NE(start, std::string::npos) << page;
  PageForm f;
  f.html = page.substr(start, page.find("</form>", start) - start);
  f.version = first_match(f.html, "name=\"version\" value=\"([0-9]+)\"");
  f.base = html_unescape(first_match(f.html, "name=\"_base\" value=\"([^\"]*)\""));
  return f;
}

PageForm risk_form(const std::string& page, const SharedRisk& s) { return form_on(page, s.form_action()); }

}  // namespace

TEST(ConcurrentEdits, TheApiRefusesAStaleSaveWithTheStateToMergeWith) {
  SharedRisk s = shared_risk("concurrent-api");
  json opened = expect_json(api(s.first).get(s.path()), 200, "risk");
  // Both opened version v; the first saves a new likelihood.
  expect_json(api(s.first).patch(s.path(), {{"version", opened["version"]}, {"likelihood", 4}}), 200, "first");
  // The second, still on version v, is refused and given what is stored now.
  auto refused = api(s.second).patch(s.path(), {{"version", opened["version"]}, {"treatment", "accept"}});
  ASSERT_TRUE(is_error(refused, 409, "error.stale_version"));
  json current = refused.json_body()["error"]["current"];
  EXPECT_EQ(current["likelihood"], 4) << refused.body;
  EXPECT_EQ(current["version"], opened["version"].get<int>() + 1);
  EXPECT_EQ(expect_json(api(s.first).get(s.path()), 200, "risk")["treatment"], opened["treatment"])
      << "the refused save changed nothing";
  // Saved again on the current version, both changes are there.
  json merged = expect_json(api(s.second).patch(s.path(), {{"version", current["version"]}, {"treatment", "accept"}}),
                            200, "second");
  EXPECT_EQ(merged["likelihood"], 4);
  EXPECT_EQ(merged["treatment"], "accept");
}

TEST(ConcurrentEdits, OnThePageTheOtherPersonsChangeIsMergedIntoTheFormAndBothSurvive) {
  SharedRisk s = shared_risk("concurrent-page");
  Browser first, second;
  first.sign_in(s.first.username, kTestPassword);
  second.sign_in(s.second.username, kTestPassword);
  PageForm seen_by_first = risk_form(first.get("/cases/" + s.case_id + "/risks").body, s);
  PageForm seen_by_second = risk_form(second.get("/cases/" + s.case_id + "/risks").body, s);
  ASSERT_FALSE(seen_by_second.base.empty());
  EXPECT_EQ(seen_by_second.selected("l-" + s.risk_id), "2");

  // The first raises the likelihood; the second, on the same version, raises the consequence.
  auto saved = first.post(s.form_action(), {{"version", seen_by_first.version}, {"_base", seen_by_first.base},
                                            {"likelihood", "3"}, {"consequence", "2"}, {"treatment", "reduce"}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto stale = second.post(s.form_action(), {{"version", seen_by_second.version}, {"_base", seen_by_second.base},
                                             {"likelihood", "2"}, {"consequence", "4"}, {"treatment", "reduce"}});
  ASSERT_EQ(stale.status, 409) << stale.body;
  EXPECT_TRUE(has(stale, "Någon annan sparade samma sak medan du ändrade")) << stale.body;
  EXPECT_TRUE(has(stale, "Den andras ändringar är nu inlagda i formuläret: Sannolikhet.")) << stale.body;
  EXPECT_FALSE(has(stale, "Här ändrade ni båda")) << "no field was changed by both";
  PageForm merged = risk_form(stale.body, s);
  EXPECT_EQ(merged.selected("l-" + s.risk_id), "3") << "their likelihood";
  EXPECT_EQ(merged.selected("k-" + s.risk_id), "4") << "my consequence";
  EXPECT_NE(merged.version, seen_by_second.version) << "the form is now on the stored version";
  json stored = expect_json(api(s.first).get(s.path()), 200, "risk");
  EXPECT_EQ(stored["consequence"], 2) << "nothing of the stale save was written";
  EXPECT_TRUE(has(stale, "(Sannolikhet 3, Konsekvens 2)")) << "the register line shows what is stored, not the form";

  // Saving the merged form keeps both changes.
  auto again = second.post(s.form_action(), {{"version", merged.version}, {"_base", merged.base},
                                             {"likelihood", merged.selected("l-" + s.risk_id)},
                                             {"consequence", merged.selected("k-" + s.risk_id)}, {"treatment", "reduce"}});
  ASSERT_EQ(again.status, 303) << again.body;
  stored = expect_json(api(s.first).get(s.path()), 200, "risk");
  EXPECT_EQ(stored["likelihood"], 3);
  EXPECT_EQ(stored["consequence"], 4);

  // Both change the treatment, differently: the second sees both values and keeps theirs in the form.
  PageForm now_first = risk_form(first.get("/cases/" + s.case_id + "/risks").body, s);
  PageForm now_second = risk_form(second.get("/cases/" + s.case_id + "/risks").body, s);
  ASSERT_EQ(first.post(s.form_action(), {{"version", now_first.version}, {"_base", now_first.base}, {"likelihood", "3"},
                                         {"consequence", "4"}, {"treatment", "avoid"}})
                .status,
            303);
  auto clash = second.post(s.form_action(), {{"version", now_second.version}, {"_base", now_second.base},
                                             {"likelihood", "3"}, {"consequence", "4"}, {"treatment", "accept"}});
  ASSERT_EQ(clash.status, 409);
  EXPECT_TRUE(has(clash, "Här ändrade ni båda")) << clash.body;
  std::string row = first_match(clash.body, "<tr><th scope=\"row\">Hantering</th>(.*?)</tr>");
  EXPECT_NE(row.find("<td>Acceptera</td><td>Undvik</td>"), std::string::npos) << row << "\n" << clash.body;
  EXPECT_EQ(risk_form(clash.body, s).selected("t-" + s.risk_id), "accept");

  // The base comes from the browser: one nested a hundred thousand levels deep is no base, and
  // the node goes on serving.
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto odd = second.post(s.form_action(), {{"version", now_second.version}, {"_base", "{\"likelihood\":" + deep + "}"},
                                           {"likelihood", "3"}, {"consequence", "4"}, {"treatment", "accept"}});
  EXPECT_EQ(odd.status, 409);
  EXPECT_EQ(api(s.first).get(s.path()).status, 200) << "the node is alive";
}

TEST(ConcurrentEdits, AFollowUpPlanChangedByTwoContractManagersKeepsBothChanges) {
  Org org("concurrent-plan");
  User first_user = org.user({"admin", "ciso", "procurer", "contract_manager", "information_owner"});
  User second_user = org.user({"contract_manager"});
  Api as = api(first_user);
  json asset = asset_body("Trygghetslarm", 2, 2, 2);
  asset["owner_user_id"] = first_user.id;
  json a = create_asset(as, asset);
  std::string case_id = create_case(as, case_body("KS 2027/77", "Trygghetslarm"))["id"];
  expect_json(as.post(case_path(case_id) + "/assets", {{"asset_id", a["id"]}}), 200, "link");
  for (const char* gate : {"need_identified", "procure_decision", "documents_approved", "award_decided", "contract_signed"})
    pass_gate(as, case_id, gate);
  record_contract_for_gate(as, case_id, "delivery_approved");
  json contract = contract_of_case(as, case_id);
  std::string contract_id = str(contract["id"]), measure_id = str(contract["measures"][0]["id"]);
  std::string action = "/contracts/" + contract_id + "/measures/" + measure_id + "/plan";

  Browser first, second;
  first.sign_in(first_user.username, kTestPassword);
  second.sign_in(second_user.username, kTestPassword);
  PageForm by_first = form_on(first.get("/contracts/" + contract_id).body, action);
  PageForm by_second = form_on(second.get("/contracts/" + contract_id).body, action);
  auto fields = [&](const PageForm& f, const std::string& method, const std::string& frequency) {
    return Fields{{"version", f.version},
                  {"_base", f.base},
                  {"responsibility", f.selected("plan-resp-" + measure_id)},
                  {"lead", f.selected("plan-lead-" + measure_id)},
                  {"method", method},
                  {"frequency", frequency},
                  {"every_n_months", ""},
                  {"owner_user_id", ""},
                  {"evidence", f.text("plan-ev-" + measure_id)}};
  };
  ASSERT_EQ(by_second.selected("plan-method-" + measure_id), "self_assessment");
  std::string frequency = by_first.selected("plan-freq-" + measure_id);
  std::string new_frequency = frequency == "quarterly" ? "monthly" : "quarterly";

  // The first makes the control quarterly; the second, on the same version, makes it a third-party audit.
  ASSERT_EQ(first.post(action, fields(by_first, "self_assessment", new_frequency)).status, 303);
  auto stale = second.post(action, fields(by_second, "third_party", frequency));
  ASSERT_EQ(stale.status, 409) << stale.body;
  EXPECT_TRUE(has(stale, "Den andras ändringar är nu inlagda i formuläret: Frekvens.")) << stale.body;
  PageForm merged = form_on(stale.body, action);
  EXPECT_EQ(merged.selected("plan-freq-" + measure_id), new_frequency) << "their frequency";
  EXPECT_EQ(merged.selected("plan-method-" + measure_id), "third_party") << "my method";

  ASSERT_EQ(second.post(action, fields(merged, merged.selected("plan-method-" + measure_id),
                                       merged.selected("plan-freq-" + measure_id)))
                .status,
            303);
  json plan = contract_of_case(as, case_id)["measures"][0]["plan"];
  EXPECT_EQ(plan["frequency"], new_frequency);
  EXPECT_EQ(plan["method"], "third_party");
}

TEST(ConcurrentEdits, ARequirementEditedByTwoPeopleOnTheSpecificationPageKeepsBothChanges) {
  SharedRisk s = shared_risk("concurrent-spec");
  json spec = expect_json(api(s.first).get(case_path(s.case_id) + "/specification"), 200, "spec");
  std::string req;
  for (const auto& e : spec["entries"])
    if (e["status"] == "active" && e["kind"] == "ska" && req.empty()) req = str(e["requirement_id"]);
  ASSERT_FALSE(req.empty());
  std::string action = "/cases/" + s.case_id + "/specification/entries/" + req;
  // The change form is the second form with this action (the first strikes the requirement).
  auto change_form = [&](const std::string& page) {
    auto strike = page.find("<form method=\"post\" action=\"" + action + "\"");
    return form_on(page.substr(page.find("</form>", strike)), action);
  };
  Browser first, second;
  first.sign_in(s.first.username, kTestPassword);
  second.sign_in(s.second.username, kTestPassword);
  PageForm by_first = change_form(first.get("/cases/" + s.case_id + "/specification").body);
  PageForm by_second = change_form(second.get("/cases/" + s.case_id + "/specification").body);
  ASSERT_EQ(by_second.selected("kind-" + req), "ska");

  // The first words the requirement for this case; the second makes it a weighted bör-krav.
  ASSERT_EQ(first.post(action, {{"version", by_first.version}, {"_base", by_first.base}, {"action", "change"},
                                {"kind", "ska"}, {"weight", ""}, {"case_text", "Gäller även larmcentralens system."}})
                .status,
            303);
  auto stale = second.post(action, {{"version", by_second.version}, {"_base", by_second.base}, {"action", "change"},
                                    {"kind", "bor"}, {"weight", "5"}, {"case_text", by_second.text("case-text-" + req)}});
  ASSERT_EQ(stale.status, 409) << stale.body;
  EXPECT_TRUE(has(stale, "Den andras ändringar är nu inlagda i formuläret: Text för ärendet.")) << stale.body;
  PageForm merged = change_form(stale.body);
  EXPECT_EQ(merged.text("case-text-" + req), "Gäller även larmcentralens system.") << "their wording";
  EXPECT_EQ(merged.selected("kind-" + req), "bor") << "my kind";
  EXPECT_EQ(first_match(merged.html, "name=\"weight\"[^>]*value=\"([0-9]*)\""), "5") << "my weight";

  ASSERT_EQ(second.post(action, {{"version", merged.version}, {"_base", merged.base}, {"action", "change"},
                                 {"kind", "bor"}, {"weight", "5"}, {"case_text", merged.text("case-text-" + req)}})
                .status,
            303);
  // Bound to a name: a loop over a member of the temporary would read it after its end.
  json after = expect_json(api(s.first).get(case_path(s.case_id) + "/specification"), 200, "spec");
  json e = find_by(after["entries"], "requirement_id", req);
  ASSERT_TRUE(e.is_object()) << req;
  EXPECT_EQ(e["kind"], "bor");
  EXPECT_EQ(e["weight"], 5);
  EXPECT_EQ(e["case_text"], "Gäller även larmcentralens system.");
}

}  // namespace kkt
