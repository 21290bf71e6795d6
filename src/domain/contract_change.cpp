#include "domain/contract_change.hpp"

#include <algorithm>

namespace kk::domain {

namespace {
struct Ground {
  const char* basis;
  std::vector<ChangeQuestion> all_of;
};

// LOU 17 kap.: 10 § change clauses, 13 § a new supplier by succession, 9 § changes of small
// value, 11 § necessary additional deliveries, 12 § unforeseeable circumstances, 14 § changes
// that are not substantial.
const std::vector<Ground>& grounds() {
  using Q = ChangeQuestion;
  static const std::vector<Ground> list{
      {"LOU 17 kap. 10 §", {Q::review_clause}},
      {"LOU 17 kap. 13 §", {Q::successor_supplier}},
      {"LOU 17 kap. 9 §", {Q::minor_value, Q::nature_unchanged}},
      {"LOU 17 kap. 11 §", {Q::additional_deliveries, Q::within_half_value}},
      {"LOU 17 kap. 12 §", {Q::unforeseeable, Q::nature_unchanged, Q::within_half_value}},
      {"LOU 17 kap. 14 §", {Q::not_substantial}},
  };
  return list;
}
}  // namespace

ChangeAdmissibility assess_contract_change(const std::map<ChangeQuestion, bool>& answers) {
  bool open = false;
  for (const auto& g : grounds()) {
    bool holds = true, possible = true;
    for (ChangeQuestion q : g.all_of) {
      auto it = answers.find(q);
      if (it == answers.end()) holds = false;
      else if (!it->second) holds = possible = false;
    }
    if (holds) return {ChangeVerdict::allowed, g.basis, {}};
    open = open || possible;
  }
  if (!open) return {ChangeVerdict::new_procurement, "", {}};
  // Only the questions of grounds that could still hold are worth asking.
  std::vector<ChangeQuestion> worth;
  for (const auto& g : grounds()) {
    bool possible = true;
    for (ChangeQuestion q : g.all_of) {
      auto it = answers.find(q);
      if (it != answers.end() && !it->second) possible = false;
    }
    if (!possible) continue;
    for (ChangeQuestion q : g.all_of)
      if (!answers.count(q) && std::find(worth.begin(), worth.end(), q) == worth.end()) worth.push_back(q);
  }
  std::sort(worth.begin(), worth.end());
  return {ChangeVerdict::incomplete, "", worth};
}

}  // namespace kk::domain
