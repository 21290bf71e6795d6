#pragma once
// What the risk register says about a case, in the rule engine's form of findings: risks
// above the acceptance level left unhandled, requirements that meet no risk, and registers
// missing at the gates that need them (deep before documents_approved, award-stage before
// award_decided).
#include <vector>

#include "app/content.hpp"
#include "app/ports.hpp"
#include "domain/rule_evaluation.hpp"

namespace kk::app {

std::vector<domain::Finding> risk_findings(Transaction& tx, const Content& content, const Case& c);

}  // namespace kk::app
