#pragma once
// Evaluating rule sets against a case: (facts, rule sets, catalogue) -> (entries,
// findings, activities), each carrying the rules and facts that produced it.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/rule_set.hpp"

namespace kk::domain {

struct Reason {
  std::string rule_set;
  int rule_set_version = 1;
  std::string rule_id;
  std::map<std::string, FactValue> facts;  // the facts the rule's condition looked at, with their values
  bool operator==(const Reason&) const = default;
};

struct GeneratedEntry {
  std::string requirement_id;
  RequirementKind kind = RequirementKind::ska;
  int weight = 0;
  bool locked = false;
  std::vector<Reason> reasons;
};

struct Finding {
  Severity severity = Severity::info;
  Localized text;
  std::optional<Gate> blocks_gate;
  Reason reason;
};

struct RequiredActivity {
  std::string key;
  Localized name;
  std::optional<Gate> blocks_gate;
  std::optional<Role> owner;
  Reason reason;
};

struct Evaluation {
  std::vector<GeneratedEntry> entries;  // in catalogue order: placement, area, id
  std::vector<Finding> findings;        // most severe first
  std::vector<RequiredActivity> activities;
  bool suppressed = false;              // a rule stopped automatic selection (level 4, SUA)
  const GeneratedEntry* find(const std::string& requirement_id) const;
  const RequiredActivity* find_activity(const std::string& key) const;
  // Gates a blocking finding or a blocking activity stops, whatever has been recorded.
  std::set<Gate> blocked_gates() const;
};

// Whether a condition holds; the facts it looked at are added to `used`.
bool condition_holds(const Condition& c, const CaseFacts& facts, std::map<std::string, FactValue>& used);

Evaluation evaluate_rules(const CaseFacts& facts, const std::vector<const RuleSet*>& rule_sets,
                          const Catalogue& catalogue);

// Runs one of a rule set's examples (0-based); the error names the example and why it failed.
Status check_example(const RuleSet& rule_set, const Catalogue& catalogue, std::size_t index);
// Runs every example; the first failure is returned.
Status check_examples(const RuleSet& rule_set, const Catalogue& catalogue);

}  // namespace kk::domain
