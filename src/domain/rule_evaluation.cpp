#include "domain/rule_evaluation.hpp"

#include <algorithm>
#include <tuple>

namespace kk::domain {

const GeneratedEntry* Evaluation::find(const std::string& requirement_id) const {
  for (const auto& e : entries)
    if (e.requirement_id == requirement_id) return &e;
  return nullptr;
}

const RequiredActivity* Evaluation::find_activity(const std::string& key) const {
  for (const auto& a : activities)
    if (a.key == key) return &a;
  return nullptr;
}

std::set<Gate> Evaluation::blocked_gates() const {
  std::set<Gate> out;
  for (const auto& f : findings)
    if (f.severity == Severity::block && f.blocks_gate) out.insert(*f.blocks_gate);
  for (const auto& a : activities)
    if (a.blocks_gate) out.insert(*a.blocks_gate);
  return out;
}

bool condition_holds(const Condition& c, const CaseFacts& facts, std::map<std::string, FactValue>& used) {
  switch (c.kind) {
    case Condition::Kind::always:
      return true;
    case Condition::Kind::fact:
      used[c.fact] = facts.get(c.fact);
      return c.matcher.matches(facts.get(c.fact));
    case Condition::Kind::all: {
      std::map<std::string, FactValue> local;
      for (const auto& child : c.children)
        if (!condition_holds(child, facts, local)) return false;
      used.insert(local.begin(), local.end());
      return true;
    }
    case Condition::Kind::any: {
      // Only the branches that hold explain why.
      bool any = false;
      for (const auto& child : c.children) {
        std::map<std::string, FactValue> local;
        if (condition_holds(child, facts, local)) {
          any = true;
          used.insert(local.begin(), local.end());
        }
      }
      return any;
    }
    case Condition::Kind::none_of: {
      std::map<std::string, FactValue> local;
      for (const auto& child : c.children)
        if (condition_holds(child, facts, local)) return false;
      // What was looked at and found absent is the reason.
      used.insert(local.begin(), local.end());
      return true;
    }
  }
  return false;
}

namespace {
struct Fired {
  const RuleSet* set;
  const Rule* rule;
  Reason reason;
};

void add_entry(Evaluation& out, const Requirement& req, const Rule& rule, const Reason& reason) {
  auto it = std::find_if(out.entries.begin(), out.entries.end(),
                         [&](const GeneratedEntry& e) { return e.requirement_id == req.id; });
  if (it == out.entries.end()) {
    GeneratedEntry e{req.id, req.kind, req.weight, false, {}};
    out.entries.push_back(std::move(e));
    it = out.entries.end() - 1;
  }
  // A rule that makes it mandatory wins over one that makes it an award criterion.
  if (rule.as_kind) {
    if (*rule.as_kind == RequirementKind::ska || it->reasons.empty()) it->kind = *rule.as_kind;
    if (it->kind == RequirementKind::bor && it->weight == 0) it->weight = 1;
  }
  it->locked = it->locked || rule.lock;
  if (std::find(it->reasons.begin(), it->reasons.end(), reason) == it->reasons.end()) it->reasons.push_back(reason);
}
}  // namespace

Evaluation evaluate_rules(const CaseFacts& facts, const std::vector<const RuleSet*>& rule_sets,
                          const Catalogue& catalogue) {
  Evaluation out;
  std::vector<Fired> fired;
  for (const RuleSet* set : rule_sets)
    for (const auto& rule : set->rules) {
      Reason reason{set->id, set->version, rule.id, {}};
      if (!condition_holds(rule.when, facts, reason.facts)) continue;
      fired.push_back({set, &rule, reason});
      if (rule.suppress_requirements) out.suppressed = true;
    }

  for (const auto& f : fired) {
    if (f.rule->finding)
      out.findings.push_back({f.rule->finding->severity, f.rule->finding->text, f.rule->finding->blocks_gate, f.reason});
    for (const auto& a : f.rule->activities)
      if (!out.find_activity(a.key)) out.activities.push_back({a.key, a.name, a.blocks_gate, a.owner, f.reason});
    if (out.suppressed) continue;
    for (const auto& id : f.rule->include)
      if (const Requirement* req = catalogue.find(id)) add_entry(out, *req, *f.rule, f.reason);
    if (!f.rule->include_areas.empty())
      for (const auto& req : catalogue.requirements)
        if (std::find(f.rule->include_areas.begin(), f.rule->include_areas.end(), req.area) !=
            f.rule->include_areas.end())
          add_entry(out, req, *f.rule, f.reason);
  }

  // The order of the documents: placement, then area as the catalogue lists them, then id.
  std::stable_sort(out.entries.begin(), out.entries.end(), [&](const GeneratedEntry& a, const GeneratedEntry& b) {
    const Requirement* ra = catalogue.find(a.requirement_id);
    const Requirement* rb = catalogue.find(b.requirement_id);
    auto key = [&](const Requirement* r) {
      return std::tuple(static_cast<int>(r->placement), catalogue.area_index(r->area), r->id);
    };
    return key(ra) < key(rb);
  });
  std::stable_sort(out.findings.begin(), out.findings.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) > static_cast<int>(b.severity);
  });
  return out;
}

Status check_example(const RuleSet& rule_set, const Catalogue& catalogue, std::size_t i) {
  const auto& ex = rule_set.examples.at(i);
  CaseFacts facts;
  facts.values = ex.facts;
  Evaluation ev = evaluate_rules(facts, {&rule_set}, catalogue);
  std::string where = "examples[" + std::to_string(i + 1) + "]" + (ex.name.empty() ? "" : " \"" + ex.name + "\"");
  for (const auto& id : ex.includes)
    if (!ev.find(id)) return Error::invalid("error.example_missing", where).with("value", id);
  for (const auto& id : ex.locked)
    if (!ev.find(id) || !ev.find(id)->locked) return Error::invalid("error.example_not_locked", where).with("value", id);
  for (const auto& key : ex.activities)
    if (!ev.find_activity(key)) return Error::invalid("error.example_activity_missing", where).with("value", key);
  for (const auto& key : ex.no_activities)
    if (ev.find_activity(key)) return Error::invalid("error.example_activity_unexpected", where).with("value", key);
  auto blocked = ev.blocked_gates();
  for (Gate g : ex.blocks)
    if (!blocked.count(g)) return Error::invalid("error.example_gate_open", where).with("value", std::string(to_string(g)));
  for (Gate g : ex.no_blocks)
    if (blocked.count(g)) return Error::invalid("error.example_gate_blocked", where).with("value", std::string(to_string(g)));
  for (const auto& id : ex.excludes)
    if (ev.find(id)) return Error::invalid("error.example_unexpected", where).with("value", id);
  auto raised = [&](Severity s) {
    return std::any_of(ev.findings.begin(), ev.findings.end(), [&](const Finding& f) { return f.severity == s; });
  };
  for (Severity s : ex.findings)
    if (!raised(s)) return Error::invalid("error.example_finding_missing", where).with("value", std::string(to_string(s)));
  for (Severity s : ex.no_findings)
    if (raised(s)) return Error::invalid("error.example_finding_unexpected", where).with("value", std::string(to_string(s)));
  return ok();
}

Status check_examples(const RuleSet& rule_set, const Catalogue& catalogue) {
  for (std::size_t i = 0; i < rule_set.examples.size(); ++i) KK_TRY(check_example(rule_set, catalogue, i));
  return ok();
}

}  // namespace kk::domain
