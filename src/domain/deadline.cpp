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

// "YYYY-MM-DD" as a day, when it exists.
std::optional<sys_days> parse_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = number(s, 0, 4), m = number(s, 5, 2), d = number(s, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  year_month_day ymd{year{*y}, month{unsigned(*m)}, day{unsigned(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
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
  auto d = parse_day(s.substr(0, 10));
  auto h = number(s, 11, 2), mi = number(s, 14, 2), se = number(s, 17, 2);
  if (!d || !h || !mi || !se) return std::nullopt;
  return *d + hours{*h} + minutes{*mi} + seconds{*se};
}

// Local wall-clock time in Stockholm → UTC.
// Winter time is assumed for the guess; an hour that does not exist or occurs twice at a
// switch gets one of the two readings.
sys_seconds from_local(sys_seconds wall) { return wall - offset_at(wall - hours{1}); }
}  // namespace

bool is_date(std::string_view text) { return parse_day(text).has_value(); }

std::optional<long> days_between(std::string_view a, std::string_view b) {
  auto from = parse_day(a), to = parse_day(b);
  if (!from || !to) return std::nullopt;
  return static_cast<long>((*to - *from).count());
}

std::optional<std::string> add_seconds(std::string_view utc, long count) {
  auto t = parse_utc(utc);
  if (!t) return std::nullopt;
  return format_utc(*t + seconds{count});
}

std::optional<std::string> add_days(std::string_view date, int count) {
  auto d = parse_day(date);
  if (!d) return std::nullopt;
  return format_utc(*d + days{count}).substr(0, 10);
}

std::optional<std::string> parse_moment(std::string_view text) {
  bool utc = !text.empty() && text.back() == 'Z';
  if (utc) text.remove_suffix(1);
  auto day_part = parse_day(text.substr(0, 10));
  if (!day_part || year_month_day{*day_part}.year() < year{2000}) return std::nullopt;
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
  sys_seconds wall = *day_part + hours{h} + minutes{mi} + seconds{se};
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

bool swedish_holiday(sys_days d) {
  year_month_day ymd{d};
  int y = int(ymd.year());
  unsigned m = unsigned(ymd.month()), day = unsigned(ymd.day());
  weekday wd{d};
  if (wd == Saturday || wd == Sunday) return true;
  // Fixed dates: New Year's Day, Epiphany, 1 May, the national day, Christmas Eve, Christmas,
  // Boxing Day and New Year's Eve; Midsummer Eve is the Friday between 19 and 25 June.
  if ((m == 1 && (day == 1 || day == 6)) || (m == 5 && day == 1) || (m == 6 && day == 6) ||
      (m == 12 && (day == 24 || day == 25 || day == 26 || day == 31)))
    return true;
  if (m == 6 && wd == Friday && day >= 19 && day <= 25) return true;
  // Easter Sunday by the Gregorian computus; Good Friday, Easter Monday and Ascension Day follow it.
  int a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - dd - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int mm = (a + 11 * h + 22 * l) / 451;
  int easter_month = (h + l - 7 * mm + 114) / 31, easter_day = (h + l - 7 * mm + 114) % 31 + 1;
  sys_days easter{year_month_day{year{y}, month{unsigned(easter_month)}, std::chrono::day{unsigned(easter_day)}}};
  return d == easter - days{2} || d == easter + days{1} || d == easter + days{39};
}

std::string end_of_day_after(std::string_view utc, int days_after) {
  auto t = parse_utc(utc);
  if (!t) return std::string(utc);
  auto local_day = floor<days>(*t + offset_at(*t)) + days{days_after};
  while (swedish_holiday(local_day)) local_day += days{1};
  return format_utc(from_local(local_day + hours{23} + minutes{59} + seconds{59}));
}

}  // namespace kk::domain
