#include "domain/contract_checks.hpp"

namespace kk::domain {

std::vector<std::string> delivery_outstanding(const std::vector<DeliveryItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items)
    if (i.mandatory && i.state != DeliveryState::verified && i.state != DeliveryState::exception)
      out.push_back(i.measure_id);
  return out;
}

bool may_not_apply(ExitCheck check) { return check == ExitCheck::equipment_wiped; }

std::vector<ExitCheck> exit_outstanding(const std::map<ExitCheck, ExitCheckState>& states) {
  std::vector<ExitCheck> out;
  for (std::size_t i = 0; i < enum_names(ExitCheck{}).size(); ++i) {
    auto check = static_cast<ExitCheck>(i);
    auto it = states.find(check);
    ExitCheckState s = it == states.end() ? ExitCheckState::open : it->second;
    bool settled = s == ExitCheckState::done || (s == ExitCheckState::not_applicable && may_not_apply(check));
    if (!settled) out.push_back(check);
  }
  return out;
}

}  // namespace kk::domain
