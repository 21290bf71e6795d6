#include "domain/sign_in_throttle.hpp"

#include "domain/deadline.hpp"

namespace kk::domain {

bool throttle_locked(const ThrottleState& s, const std::string& now) { return s.locked_until && now < *s.locked_until; }

ThrottleState after_failure(ThrottleState s, const std::string& now, const ThrottlePolicy& policy) {
  if (s.window_start.empty() || add_seconds(s.window_start, policy.window_seconds).value_or(now) <= now) {
    s.failures = 0;
    s.window_start = now;
  }
  if (++s.failures >= policy.limit) {
    s.locked_until = add_seconds(now, policy.lock_seconds);
    s.failures = 0;
    s.window_start.clear();
  }
  return s;
}

}  // namespace kk::domain
