#pragma once
// Rule sets: declarative conditions over a case's facts that include requirements, raise
// findings, require activities, or lock what they include. Rules are data
// (catalog/rules/*.yaml); evaluation is a pure function (rule_evaluation.hpp).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/case_facts.hpp"
#include "domain/catalogue.hpp"
#include "domain/localized.hpp"
#include "domain/result.hpp"

namespace kk::domain {

KK_ENUM(Severity, info, warning, block)

// A test on one fact: equality (the YAML scalar form) or a comparison.
struct Matcher {
  enum class Op { eq, ne, gte, gt, lte, lt, in, not_in };
  Op op = Op::eq;
  std::vector<FactValue> values;  // one, or several for in / not_in
  bool matches(const FactValue& v) const;
};

struct Condition {
  enum class Kind { always, all, any, none_of, fact };
  Kind kind = Kind::always;
  std::vector<Condition> children;  // all / any / none_of ("not" over one or more)
  std::string fact;
  Matcher matcher;
};

struct FindingDefinition {
  Severity severity = Severity::info;
  Localized text;
  std::optional<Gate> blocks_gate;
};

struct ActivityDefinitionRef {
  std::string key;
  Localized name;
  std::optional<Gate> blocks_gate;  // the gate that waits until the activity is recorded
  std::optional<Role> owner;        // only someone with this role records it
};

struct Rule {
  std::string id;
  Condition when;
  std::vector<std::string> include;        // requirement ids
  std::vector<std::string> include_areas;  // every requirement of these areas
  bool lock = false;                       // included entries can be struck only by a decision
  std::optional<RequirementKind> as_kind;  // include as ska or bör regardless of the catalogue
  bool suppress_requirements = false;      // when it fires, nothing is included automatically
  std::optional<FindingDefinition> finding;
  std::vector<ActivityDefinitionRef> activities;
};

struct RuleExample {
  std::string name;  // shown when it fails; the position when empty
  std::map<std::string, FactValue> facts;
  std::vector<std::string> includes;
  std::vector<std::string> excludes;
  std::vector<std::string> locked;  // included and locked
  std::vector<Severity> findings;   // severities that must be raised
  std::vector<Severity> no_findings;  // severities that must not be raised
  std::vector<std::string> activities;     // activity keys that must be required
  std::vector<std::string> no_activities;  // … and that must not
  std::vector<Gate> blocks;     // gates a blocking finding or activity must stop
  std::vector<Gate> no_blocks;  // gates nothing may stop
};

struct RuleSet {
  std::string id;
  int version = 1;
  Localized name;
  Localized description;
  std::string owner_role = "ciso";  // who may strike a locked entry
  // The routine's level for `table_level` conditions: which fact counts, and whether a row
  // also holds for higher levels (cumulative) or only for its own. Resolved when loading.
  std::string level_fact = "max_level";
  bool cumulative = true;
  std::vector<Rule> rules;
  std::vector<RuleExample> examples;

  // Refers only to known facts, existing requirements and areas; unique rule ids.
  Status validate(const Catalogue& catalogue) const;
};

}  // namespace kk::domain
