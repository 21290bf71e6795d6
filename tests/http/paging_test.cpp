// Long lists a page at a time (issue 9): the API's ?limit= and ?offset= with the total and the
// next offset, the pages' "Sida 1 av 2" with previous and next links, and bad parameters named.
#include "api_helpers.hpp"
#include "browser.hpp"

namespace kkt {

TEST(Paging, TheApiListsCasesAndAssetsAPageAtATimeWithTheTotal) {
  Org org("paging");
  User u = org.user({"procurer"});
  Api as = api(u);
  std::vector<std::string> made;
  for (int i = 0; i < 5; ++i) made.push_back(create_case(as, ("KS 2026/sida-" + std::to_string(i)).c_str())["id"]);
  json all = expect_json(as.get("/api/v1/cases?limit=1000"), 200, "all");
  ASSERT_EQ(all["items"].size(), 5u);
  EXPECT_EQ(all["page"], (json{{"total", 5}, {"limit", 1000}, {"offset", 0}, {"next_offset", nullptr}}));
  for (std::size_t i = 1; i < all["items"].size(); ++i)
    EXPECT_GE(all["items"][i - 1]["created_at"], all["items"][i]["created_at"]) << "newest first";

  json paged = json::array();
  json offset = 0;
  int pages = 0;
  for (; !offset.is_null(); ++pages) {
    json page = expect_json(as.get("/api/v1/cases?limit=2&offset=" + offset.dump()), 200, "page");
    EXPECT_LE(page["items"].size(), 2u);
    EXPECT_EQ(page["page"]["total"], 5);
    for (const auto& c : page["items"]) paged.push_back(c);
    offset = page["page"]["next_offset"];
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(paged, all["items"]) << "the pages together are the list, in its order";
  EXPECT_EQ(expect_json(as.get("/api/v1/cases"), 200, "default")["page"]["limit"], 100);

  for (int i = 0; i < 3; ++i) create_asset(as, asset_body("Register " + std::string(1, char('C' - i))));
  json assets = expect_json(as.get("/api/v1/assets?limit=2"), 200, "assets");
  ASSERT_EQ(assets["items"].size(), 2u);
  EXPECT_EQ(assets["items"][0]["name"], "Register A") << "by name";
  EXPECT_EQ(assets["page"]["next_offset"], 2);

  EXPECT_TRUE(is_error(as.get("/api/v1/cases?limit=0"), 422, "error.out_of_range", "limit"));
  EXPECT_TRUE(is_error(as.get("/api/v1/cases?limit=1001"), 422, "error.out_of_range", "limit"));
  EXPECT_TRUE(is_error(as.get("/api/v1/assets?offset=-1"), 422, "error.out_of_range", "offset"));
  auto words = as.get("/api/v1/cases?limit=tio");
  EXPECT_TRUE(is_error(words, 400, "error.type_integer", "limit"));
  EXPECT_NE(words.json_body()["error"]["message"].get<std::string>().find("limit"), std::string::npos) << words.body;
}

TEST(Paging, TheApiListsContractsByEndDateAPageAtATimeAndOneCasesAlone) {
  Org org("paging-contracts");
  User u = org.user({"admin", "ciso", "procurer", "contract_manager", "information_owner"});
  Api as = api(u);
  json asset = asset_body("Avtalsregister", 2, 2, 2);
  asset["owner_user_id"] = u.id;
  json a = create_asset(as, asset);
  std::string case_id = create_case(as, case_body("KS 2027/avtal", "Tre avtal"))["id"];
  std::string other_case = create_case(as, "KS 2027/utan-avtal")["id"];
  expect_json(as.post(case_path(case_id) + "/assets", {{"asset_id", a["id"]}}), 200, "link");
  for (const char* gate : {"need_identified", "procure_decision", "documents_approved", "award_decided"})
    pass_gate(as, case_id, gate);
  // Three suppliers' contracts from one award, ending in three different years.
  for (const char* ends : {"2031-06-30", "2029-12-31", "2030-03-31"}) {
    json s = expect_json(as.post("/api/v1/suppliers", {{"name", std::string("Leverantör ") + ends}, {"country", "SE"}}), 201, "supplier");
    expect_json(as.post(case_path(case_id) + "/contract", {{"supplier_id", s["id"]}, {"title", std::string("Avtal ") + ends},
                                                           {"starts_on", "2027-01-01"}, {"ends_on", ends}}),
                201, "contract");
  }
  json first = expect_json(as.get("/api/v1/contracts?limit=2"), 200, "first page");
  ASSERT_EQ(first["items"].size(), 2u);
  EXPECT_EQ(first["items"][0]["ends_on"], "2029-12-31") << "the one ending first comes first";
  EXPECT_EQ(first["items"][1]["ends_on"], "2030-03-31");
  EXPECT_EQ(first["page"], (json{{"total", 3}, {"limit", 2}, {"offset", 0}, {"next_offset", 2}}));
  json rest = expect_json(as.get("/api/v1/contracts?limit=2&offset=2"), 200, "second page");
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["ends_on"], "2031-06-30");
  EXPECT_TRUE(rest["page"]["next_offset"].is_null());
  EXPECT_EQ(expect_json(as.get("/api/v1/contracts?case_id=" + case_id), 200, "the case's")["page"]["total"], 3);
  EXPECT_EQ(expect_json(as.get("/api/v1/contracts?case_id=" + other_case), 200, "none")["items"], json::array());
  EXPECT_TRUE(is_error(as.get("/api/v1/contracts?limit=0"), 422, "error.out_of_range", "limit"));
  // The case page lists its three contracts.
  Browser b;
  b.sign_in(u.username, kTestPassword);
  std::string page = b.get("/cases/" + case_id).body;
  for (const char* ends : {"2031-06-30", "2029-12-31", "2030-03-31"})
    EXPECT_NE(page.find(std::string("Avtal ") + ends), std::string::npos) << ends;
  EXPECT_EQ(b.get("/cases/" + other_case).body.find("Avtal 20"), std::string::npos);
}

TEST(Paging, TheSupplierRegisterAndThePeopleComeAPageAtATimeByName) {
  Org org("paging-registers");
  User admin = org.user({"admin", "procurer"});
  Api as = api(admin);
  for (const char* name : {"Cedergren Data AB", "Almqvist IT AB", "Berg & Son Drift AB"})
    expect_json(as.post("/api/v1/suppliers", {{"name", name}, {"country", "SE"}}), 201, name);
  json first = expect_json(as.get("/api/v1/suppliers?limit=2"), 200, "suppliers");
  ASSERT_EQ(first["items"].size(), 2u);
  EXPECT_EQ(first["items"][0]["name"], "Almqvist IT AB") << "by name";
  EXPECT_EQ(first["items"][1]["name"], "Berg & Son Drift AB");
  EXPECT_EQ(first["page"], (json{{"total", 3}, {"limit", 2}, {"offset", 0}, {"next_offset", 2}}));
  EXPECT_EQ(expect_json(as.get("/api/v1/suppliers?offset=2"), 200, "rest")["items"][0]["name"], "Cedergren Data AB");
  EXPECT_TRUE(is_error(as.get("/api/v1/suppliers?limit=x"), 400, "error.type_integer", "limit"));

  org.user({"procurer"});
  org.user({"information_owner"});
  json people = expect_json(as.get("/api/v1/users?limit=1"), 200, "users");
  ASSERT_EQ(people["items"].size(), 1u);
  EXPECT_EQ(people["page"]["total"], 3);
  EXPECT_EQ(people["page"]["next_offset"], 1);
  json all = expect_json(as.get("/api/v1/users?limit=1000"), 200, "all users")["items"];
  ASSERT_EQ(all.size(), 3u);
  for (std::size_t i = 1; i < all.size(); ++i)
    EXPECT_LE(all[i - 1]["display_name"].get<std::string>(), all[i]["display_name"].get<std::string>()) << "by name";
  EXPECT_TRUE(is_error(as.get("/api/v1/users?offset=-5"), 422, "error.out_of_range", "offset"));
  // The audit log is read backwards from a sequence number; a bad one is named as such.
  EXPECT_EQ(expect_json(as.get("/api/v1/audit?limit=2"), 200, "audit")["items"].size(), 2u);
  EXPECT_TRUE(is_error(as.get("/api/v1/audit?before=igår"), 400, "error.type_integer", "before"));
  EXPECT_TRUE(is_error(as.get("/api/v1/audit?limit=12abc"), 400, "error.type_integer", "limit"));

  // The pages: the register and the people with the pager once there is more than one page.
  for (int i = 0; i < 48; ++i)
    expect_json(as.post("/api/v1/suppliers", {{"name", "Leverantör " + std::to_string(100 + i) + " AB"}, {"country", "SE"}}),
                201, "one more supplier");
  Browser b;
  b.sign_in(admin.username, kTestPassword);
  std::string register_page = b.get("/suppliers").body;
  EXPECT_NE(register_page.find("Sida 1 av 2"), std::string::npos);
  EXPECT_NE(register_page.find("href=\"/suppliers?page=2\""), std::string::npos);
  EXPECT_NE(b.get("/suppliers?page=2").body.find("Leverantör 147 AB"), std::string::npos) << "the last by name";
  EXPECT_NE(b.get("/admin/users").body.find(all[0]["display_name"].get<std::string>()), std::string::npos);
  EXPECT_NE(b.get("/admin/users/" + all[2]["id"].get<std::string>()).body.find(all[2]["username"].get<std::string>()),
            std::string::npos);
}

TEST(Paging, TheAssetPageShowsFiftyAtATimeWithLinksToTheNext) {
  Org org("paging-page");
  User u = org.user({"procurer"});
  for (int i = 0; i < 51; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "Register %02d", i);
    create_asset(api(u), asset_body(name));
  }
  Browser b;
  b.sign_in(u.username, kTestPassword);
  auto first = b.get("/assets");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(has(first, "Sida 1 av 2 (51 st.)")) << first.body;
  EXPECT_TRUE(has(first, "href=\"/assets?page=2\" rel=\"next\""));
  EXPECT_TRUE(has(first, "Register 49"));
  EXPECT_FALSE(has(first, "Register 50"));
  auto second = b.get("/assets?page=2");
  EXPECT_TRUE(has(second, "Register 50"));
  EXPECT_FALSE(has(second, "Register 49"));
  EXPECT_TRUE(has(second, "href=\"/assets?page=1\" rel=\"prev\""));
  EXPECT_FALSE(has(second, "rel=\"next\""));
  EXPECT_TRUE(has(b.get("/assets?page=x"), "Sida 1 av 2")) << "a page that is not a number shows the first";
}

}  // namespace kkt
