#include "domain/rule_set.hpp"

#include <set>

namespace kk::domain {

namespace {
// Compares like with like; an unknown fact matches nothing but "ne" and "not_in".
int compare(const FactValue& a, const FactValue& b, bool& comparable) {
  comparable = a.index() == b.index() && !std::holds_alternative<std::monostate>(a);
  if (!comparable) return 0;
  if (auto* x = std::get_if<long long>(&a)) {
    long long y = std::get<long long>(b);
    return *x < y ? -1 : *x > y ? 1 : 0;
  }
  if (auto* x = std::get_if<bool>(&a)) return static_cast<int>(*x) - static_cast<int>(std::get<bool>(b));
  return std::get<std::string>(a).compare(std::get<std::string>(b));
}

Status check_condition(const Condition& c, const std::string& where) {
  if (c.kind == Condition::Kind::fact && !CaseFacts::known(c.fact))
    return Error::invalid("error.unknown_fact", where).with("value", c.fact);
  for (const auto& child : c.children) KK_TRY(check_condition(child, where));
  return ok();
}
}  // namespace

bool Matcher::matches(const FactValue& v) const {
  bool comparable = false;
  switch (op) {
    case Op::eq: return compare(v, values.at(0), comparable) == 0 && comparable;
    case Op::ne: return !(compare(v, values.at(0), comparable) == 0 && comparable);
    case Op::gte: return compare(v, values.at(0), comparable) >= 0 && comparable;
    case Op::gt: return compare(v, values.at(0), comparable) > 0 && comparable;
    case Op::lte: return compare(v, values.at(0), comparable) <= 0 && comparable;
    case Op::lt: return compare(v, values.at(0), comparable) < 0 && comparable;
    case Op::in:
    case Op::not_in: {
      bool found = false;
      for (const auto& candidate : values) found = found || (compare(v, candidate, comparable) == 0 && comparable);
      return op == Op::in ? found : !found;
    }
  }
  return false;
}

Status RuleSet::validate(const Catalogue& catalogue) const {
  if (id.empty()) return Error::invalid("error.required", "id");
  std::set<std::string> ids;
  if (!CaseFacts::known(level_fact) || CaseFacts::kind_of(level_fact) != FactKind::number)
    return Error::invalid("error.unknown_fact", "settings.level").with("value", level_fact);
  for (const auto& r : rules) {
    std::string where = "rules." + r.id;
    for (const auto& a : r.activities)
      if (a.key.empty()) return Error::invalid("error.required", where + ".activities.key");
    if (r.id.empty()) return Error::invalid("error.required", "rules.id");
    if (!ids.insert(r.id).second) return Error::invalid("error.duplicate_key", where);
    KK_TRY(check_condition(r.when, where + ".when"));
    for (const auto& req : r.include)
      if (!catalogue.find(req)) return Error::invalid("error.unknown_requirement", where + ".include").with("value", req);
    for (const auto& area : r.include_areas)
      if (!catalogue.find_area(area)) return Error::invalid("error.unknown_area", where + ".include_areas").with("value", area);
    if (r.include.empty() && r.include_areas.empty() && !r.finding && r.activities.empty() && !r.suppress_requirements)
      return Error::invalid("error.rule_without_effect", where);
  }
  return ok();
}

}  // namespace kk::domain
