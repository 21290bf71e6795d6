#pragma once
// Sign-in throttling (OWASP ASVS 2.2.1): failed sign-ins are counted per account and per client
// address within a window; at the limit the subject is locked for a while, and while locked
// even the right password is refused, so guessing cannot go on. Times are UTC
// "YYYY-MM-DDTHH:MM:SSZ", which compare as text.
#include <optional>
#include <string>

namespace kk::domain {

struct ThrottlePolicy {
  int limit = 5;               // failures within the window that lock
  int window_seconds = 900;
  int lock_seconds = 900;
};

inline constexpr ThrottlePolicy account_throttle{5, 900, 900};
inline constexpr ThrottlePolicy address_throttle{20, 900, 900};

struct ThrottleState {
  int failures = 0;
  std::string window_start;               // of the current count
  std::optional<std::string> locked_until;
  bool operator==(const ThrottleState&) const = default;
};

bool throttle_locked(const ThrottleState& s, const std::string& now);
// The state after one more failure at `now`: a new window when the old one has passed, a
// lock (and a fresh count) when the limit is reached.
ThrottleState after_failure(ThrottleState s, const std::string& now, const ThrottlePolicy& policy);

}  // namespace kk::domain
