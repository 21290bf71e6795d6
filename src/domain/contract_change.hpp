#pragma once
// Changes during a contract (seed 000 §5, "Identifiera behov av förändringar"): what kind of
// change it is, and whether a change to the contract itself is allowed under LOU 17 kap. or
// needs a new procurement. The checklist asks one question per ground for an allowed change;
// a ground holds only when all of its questions are answered yes. Any ground that holds allows
// the change; when none can hold any more, a new procurement is needed; otherwise the
// checklist is not complete and names the questions still open.
#include <map>
#include <string>
#include <vector>

#include "domain/enums.hpp"

namespace kk::domain {

// Every kind of change marks the contract for a re-assessment of classification, risks and
// requirements (even a removed subcontractor changes who holds the information).
KK_ENUM(ChangeKind, ownership, subcontractor_added, subcontractor_removed, delivery_model, hosting_location, legal,
        protection_raise, protection_lower)

KK_ENUM(ChangeQuestion, review_clause, successor_supplier, minor_value, additional_deliveries, unforeseeable,
        nature_unchanged, within_half_value, not_substantial)

KK_ENUM(ChangeVerdict, incomplete, allowed, new_procurement)

struct ChangeAdmissibility {
  ChangeVerdict verdict = ChangeVerdict::incomplete;
  std::string basis;                       // the paragraph that allows it, e.g. "LOU 17 kap. 10 §"
  std::vector<ChangeQuestion> unanswered;  // for an incomplete checklist
};

ChangeAdmissibility assess_contract_change(const std::map<ChangeQuestion, bool>& answers);

}  // namespace kk::domain
