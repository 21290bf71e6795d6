#pragma once
// Points in time of a procurement (the tender deadline, the end of the standstill period) as
// Swedish users give and read them: in Stockholm's local time, stored as UTC. A date alone
// means the end of that day.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kk::domain {

// A calendar date "YYYY-MM-DD" that exists (no 31 February).
bool is_date(std::string_view text);
// Days from a to b (YYYY-MM-DD each); nullopt when either is not a valid date.
std::optional<long> days_between(std::string_view a, std::string_view b);
// The UTC moment `seconds` after a UTC moment "YYYY-MM-DDTHH:MM:SSZ"; nullopt when malformed.
std::optional<std::string> add_seconds(std::string_view utc, long seconds);
// The date `count` days after (or before, when negative) a date; nullopt when it is not valid.
std::optional<std::string> add_days(std::string_view date, int count);

// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS" (Stockholm time; a space may stand
// for the T) or any of the timed forms ending in Z (UTC) → "YYYY-MM-DDTHH:MM:SSZ".
std::optional<std::string> parse_moment(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ" → "YYYY-MM-DD HH:MM" in Stockholm (the input unchanged when malformed).
std::string stockholm_time(std::string_view utc);
// The calendar date in Stockholm at a UTC moment.
std::string stockholm_date(std::string_view utc);
// A Saturday, Sunday, public holiday, Midsummer Eve, Christmas Eve or New Year's Eve: days on
// which a period counted in law does not end (lag 1930:173).
bool swedish_holiday(std::chrono::sys_days d);
// The UTC moment `days` calendar days after a UTC moment, at the end of that day in Stockholm,
// moved to the next working day when it falls on a holiday (how the standstill is counted).
std::string end_of_day_after(std::string_view utc, int days);

}  // namespace kk::domain
