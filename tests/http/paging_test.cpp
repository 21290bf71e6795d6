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
