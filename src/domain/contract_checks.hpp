#pragma once
// The checklists of a contract's delivery and exit. Delivery (seed 000 §5.1): every agreed
// ska-measure is verified, or the information owner decided an exception, before the delivery
// is approved. Exit (§4.5.5, §5.3, §6.2.2, §6.5.8): the information came back and is readable,
// deletion at the supplier (backups included) is confirmed, leased storage is wiped or
// destroyed, and the supplier's access is removed, before the relationship is closed.
#include <map>
#include <string>
#include <vector>

#include "domain/enums.hpp"

namespace kk::domain {

KK_ENUM(DeliveryState, open, verified, not_verified, exception)

struct DeliveryItem {
  std::string measure_id;
  bool mandatory = true;  // a ska-krav (or an obligation on us)
  DeliveryState state = DeliveryState::open;
};

// The mandatory measures neither verified nor excepted, in the given order.
std::vector<std::string> delivery_outstanding(const std::vector<DeliveryItem>& items);

KK_ENUM(ExitCheck, information_returned, information_readable, deletion_confirmed, backups_deleted, equipment_wiped,
        access_removed)
KK_ENUM(ExitCheckState, open, done, not_applicable)

// Only leased equipment may be missing from a delivery; every other check always applies.
bool may_not_apply(ExitCheck check);

// The checks not yet settled (done, or not applicable where that is allowed), in order.
std::vector<ExitCheck> exit_outstanding(const std::map<ExitCheck, ExitCheckState>& states);

}  // namespace kk::domain
