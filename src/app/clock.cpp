#include "app/clock.hpp"

#include <ctime>

namespace kk::app {

std::string utc_in(long long seconds) {
  std::time_t t = std::time(nullptr) + seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string now_utc() { return utc_in(0); }

}  // namespace kk::app
