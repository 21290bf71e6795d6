#pragma once
// The rules applied to a case: the rule sets of a selection evaluated on the case's current
// facts, with the findings the application adds from the risk register and the supplier's
// confirmations, and the requirements the case's specification holds now.
#include <string>
#include <vector>

#include "app/content.hpp"
#include "app/content_registry.hpp"
#include "app/ports.hpp"
#include "domain/rule_evaluation.hpp"

namespace kk::app {

// The selection's rule sets on the case's current facts, without the application's findings.
domain::Evaluation rule_evaluation(Transaction& tx, const Content& content, const Case& c,
                                   const ContentRegistry::Selection& selection);

// rule_evaluation plus the risk register's and the confirmations' findings, most severe first.
domain::Evaluation evaluate_case(Transaction& tx, const Content& content, const Case& c,
                                 const ContentRegistry::Selection& selection);

struct CurrentEntry {
  std::string requirement_id;
  bool locked = false;
};
// The requirements in the case's specification now: the stored active entries, or, while
// nothing is stored, the entries of `computed` (the evaluation of the case's current facts).
std::vector<CurrentEntry> current_entries(Transaction& tx, const Case& c, const domain::Evaluation& computed);
// The same, evaluating the newest rules only when nothing is stored.
std::vector<CurrentEntry> current_entries(Transaction& tx, const Content& content, ContentRegistry& registry,
                                          const Case& c);

}  // namespace kk::app
