#include "domain/deadline.hpp"

#include <chrono>
#include <cstdio>

namespace kk::domain {
using namespace std::chrono;

namespace {
std::optional<int> number(std::string_view s, std::size_t from, std::size_t n) {
  if (from + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// The last Sunday of a month, at 01:00 UTC: when Swedish summer time starts (March) or ends (October).
sys_seconds switch_moment(year y, month m) {
  sys_days last{year_month_day_last{y, month_day_last{m}}};
  sys_days sunday = last - (weekday{last} - Sunday);
  return sys_seconds{sunday} + hours{1};
}

// Stockholm's offset from UTC at a UTC moment: one hour, two in summer.
seconds offset_at(sys_seconds t) {
  year y = year_month_day{floor<days>(t)}.year();
  bool summer = t >= switch_moment(y, March) && t < switch_moment(y, October);
  return hours{summer ? 2 : 1};
}

std::string format_utc(sys_seconds t) {
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), long(hms.hours().count()), long(hms.minutes().count()),
                long(hms.seconds().count()));
  return buf;
}

std::optional<sys_seconds> parse_utc(std::string_view s) {
  if (s.size() != 20 || s[19] != 'Z') return std::nullopt;
  auto y = number(s, 0, 4), mo = number(s, 5, 2), d = number(s, 8, 2), h = number(s, 11, 2), mi = number(s, 14, 2),
       se = number(s, 17, 2);
  if (!y || !mo || !d || !h || !mi || !se) return std::nullopt;
  year_month_day ymd{year{*y}, month{unsigned(*mo)}, day{unsigned(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd} + hours{*h} + minutes{*mi} + seconds{*se};
}

// Local wall-clock time in Stockholm → UTC.
// Winter time is assumed for the guess; an hour that does not exist or occurs twice at a
// switch gets one of the two readings.
sys_seconds from_local(sys_seconds wall) { return wall - offset_at(wall - hours{1}); }
}  // namespace

std::optional<std::string> parse_moment(std::string_view text) {
  bool utc = !text.empty() && text.back() == 'Z';
  if (utc) text.remove_suffix(1);
  auto y = number(text, 0, 4), mo = number(text, 5, 2), d = number(text, 8, 2);
  if (!y || !mo || !d || text[4] != '-' || text[7] != '-') return std::nullopt;
  year_month_day ymd{year{*y}, month{unsigned(*mo)}, day{unsigned(*d)}};
  if (!ymd.ok() || *y < 2000) return std::nullopt;
  int h = 23, mi = 59, se = 59;
  if (text.size() == 10) {
    if (utc) return std::nullopt;
  } else {
    if ((text.size() != 16 && text.size() != 19) || (text[10] != 'T' && text[10] != ' ') || text[13] != ':')
      return std::nullopt;
    auto hh = number(text, 11, 2), mm = number(text, 14, 2);
    std::optional<int> ss = 0;
    if (text.size() == 19) {
      if (text[16] != ':') return std::nullopt;
      ss = number(text, 17, 2);
    }
    if (!hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 59) return std::nullopt;
    h = *hh, mi = *mm, se = *ss;
  }
  sys_seconds wall = sys_days{ymd} + hours{h} + minutes{mi} + seconds{se};
  return format_utc(utc ? wall : from_local(wall));
}

std::string stockholm_time(std::string_view utc) {
  auto t = parse_utc(utc);
  if (!t) return std::string(utc);
  std::string local = format_utc(*t + offset_at(*t));
  return local.substr(0, 10) + " " + local.substr(11, 5);
}

std::string stockholm_date(std::string_view utc) {
  auto t = parse_utc(utc);
  if (!t) return std::string(utc.substr(0, 10));
  return format_utc(*t + offset_at(*t)).substr(0, 10);
}

std::string end_of_day_after(std::string_view utc, int days_after) {
  auto t = parse_utc(utc);
  if (!t) return std::string(utc);
  auto local_day = floor<days>(*t + offset_at(*t)) + days{days_after};
  return format_utc(from_local(local_day + hours{23} + minutes{59} + seconds{59}));
}

}  // namespace kk::domain
