#pragma once
// When the agreed measures of a contract are followed up (seed 000 §5.1–5.2): a measure is
// checked at a frequency (or at an event) from the contract's start until its end. A due date
// that falls on a day the month lacks moves to the month's last day (31 January, then
// 28 or 29 February, then 31 March), always counted from the start, never from the previous
// due date, so the dates do not drift.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enums.hpp"

namespace kk::domain {

KK_ENUM(FollowUpFrequency, monthly, quarterly, half_yearly, yearly, every_n_months, on_event)
KK_ENUM(FollowUpMethod, self_assessment, own_audit, third_party)
KK_ENUM(Responsibility, supplier, buyer, shared)

// Months between due dates; 0 for on_event (no schedule).
int months_between_checks(FollowUpFrequency f, int every_n_months = 0);

// The date `months` calendar months after `start` (YYYY-MM-DD), clamped to the month's last day.
std::optional<std::string> add_months(std::string_view start, int months);

// Every due date from the first one (start + one period) up to and including `until`; empty for
// on_event or invalid dates. At most `limit` dates.
std::vector<std::string> due_dates(std::string_view start, std::string_view until, FollowUpFrequency f,
                                   int every_n_months = 0, std::size_t limit = 1000);

// The first due date on or after `from` (YYYY-MM-DD), within the schedule; nullopt when none.
std::optional<std::string> next_due(std::string_view start, std::string_view until, FollowUpFrequency f,
                                    std::string_view from, int every_n_months = 0);

}  // namespace kk::domain
