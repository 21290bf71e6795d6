#include "app/my_work.hpp"

#include <algorithm>

#include "app/clock.hpp"
#include "app/reminders.hpp"
#include "app/tendering.hpp"
#include "app/views.hpp"
#include "domain/deadline.hpp"

namespace kk::app {
using namespace kk::domain;

Result<json> WorkService::todo(const Actor& actor) {
  std::string today = stockholm_date(now_utc());
  json approvals = json::array(), cases = json::array(), follow_ups = json::array(), evaluations = json::array();
  auto answer = [&] {
    std::size_t count = approvals.size() + cases.size() + evaluations.size() + follow_ups.size();
    return json{{"today", today},           {"approvals", approvals},     {"cases", cases},
                {"evaluations", evaluations}, {"follow_ups", follow_ups}, {"count", count}};
  };
  if (actor.user.is_supplier()) return answer();  // a supplier's work is its tenders, on a page of its own
  KK_TRY(authorize(actor, Permission::read));
  const std::string& org = actor.org_id();
  const std::string& me = actor.user.id;
  std::string horizon = add_days(today, ReminderService::days_ahead).value_or(today);
  std::vector<Case> evaluating;  // cases whose opened tenders wait for the person's group
  KK_TRY(read([&](Transaction& tx) -> Result<bool> {
    if (allowed(actor, Permission::approve_classification))
      for (const auto& a : tx.assets(org))
        if (a.owner_user_id == me && !a.approved_by) approvals.push_back(asset_json(a));
    for (auto& c : cases_.waiting_on(tx, actor)) cases.push_back(std::move(c));
    for (const auto& group : tx.open_case_records(org, record_kind::evaluation_group)) {
      auto t = read_tendering(tx, org, group.first);
      if (t && t->opened() && !t->awarded() && t->evaluators.count(me)) evaluating.push_back(t->c);
    }
    for (const auto& item : due_items(tx, org, today, horizon, true)) {
      if (std::find(item.users.begin(), item.users.end(), me) == item.users.end()) continue;
      follow_ups.push_back({{"kind", item.kind},
                            {"due_on", item.due_on},
                            {"overdue", item.due_on < today && item.kind != "contract_expiry"},
                            {"contract_id", item.body.value("contract_id", "")},
                            {"text", due_item_text(content_, actor.lang, item.kind, item.due_on, item.body)}});
    }
    return true;
  }));
  std::stable_sort(follow_ups.begin(), follow_ups.end(),
                   [](const json& a, const json& b) { return a["due_on"] < b["due_on"]; });
  // The evaluation reads the tenders in a transaction of its own, as the tender pages do.
  for (const auto& c : evaluating) {
    auto ev = tenders_.evaluation(actor, c.id);
    if (!ev) continue;
    json waiting = json::array();
    for (const auto& t : (*ev)["tenders"])
      if (!t["to_judge"].empty())
        waiting.push_back({{"tender_id", t["tender_id"]}, {"supplier_name", t["supplier_name"]},
                           {"to_judge", t["to_judge"].size()}});
    if (waiting.empty()) continue;
    evaluations.push_back(
        {{"case_id", c.id}, {"registry_number", c.registry_number}, {"title", c.title}, {"tenders", waiting}});
  }
  return answer();
}

}  // namespace kk::app
