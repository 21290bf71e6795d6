#pragma once
#include <string>

namespace kk::app {

// The current time as ISO 8601 UTC text with seconds, e.g. 2026-11-22T06:37:58Z.
std::string now_utc();
// The time `seconds` from now, same format.
std::string utc_in(long long seconds);
// Seconds since 1970-01-01 UTC.
long long unix_now();

}  // namespace kk::app
