// Concurrent writers: no lost updates and no gate passed twice, on both engines.
#include <atomic>
#include <thread>

#include "api_helpers.hpp"

namespace kkt {

namespace {
// Runs `n` copies of `work` at once and returns their statuses.
template <class F>
std::vector<int> at_once(int n, F work) {
  std::vector<int> statuses(n, 0);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < n) std::this_thread::yield();
      statuses[i] = work(i);
    });
  for (auto& t : threads) t.join();
  return statuses;
}
}  // namespace

TEST(Concurrency, SameVersionPatchedAtOnceLetsExactlyOneWin) {
  Org org("conc-patch");
  User u = org.user({"procurer"});
  json asset = create_asset(api(u), asset_body("Kundregister"));
  auto statuses = at_once(6, [&](int i) {
    return api(u)
        .patch(asset_path(str(asset["id"])), {{"version", asset["version"]}, {"description", "ändring " + std::to_string(i)}})
        .status;
  });
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), 5);
  json now = get_asset(api(u), str(asset["id"]));
  EXPECT_EQ(now["version"], asset["version"].get<int>() + 1);
}

TEST(Concurrency, AGateApprovedByManyAtOnceIsPassedOnce) {
  Org org("conc-gate");
  User u = org.user({"procurer"});
  json c = create_case(api(u), "KS 2026/900");
  std::string id = str(c["id"]);
  settle_activities(api(u), id, "need_identified");
  auto statuses = at_once(6, [&](int) { return decide(api(u), id, "need_identified").status; });
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  for (int s : statuses) EXPECT_TRUE(s == 201 || s == 409 || s == 422) << s;
  json detail = get_case(api(u), id);
  EXPECT_EQ(detail["decisions"].size(), 1u);
  EXPECT_EQ(detail["next_gate"], "procure_decision");
}

}  // namespace kkt
