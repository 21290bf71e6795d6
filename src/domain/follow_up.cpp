#include "domain/follow_up.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "domain/deadline.hpp"

namespace kk::domain {
using namespace std::chrono;

int months_between_checks(FollowUpFrequency f, int every_n_months) {
  switch (f) {
    case FollowUpFrequency::monthly: return 1;
    case FollowUpFrequency::quarterly: return 3;
    case FollowUpFrequency::half_yearly: return 6;
    case FollowUpFrequency::yearly: return 12;
    case FollowUpFrequency::every_n_months: return every_n_months > 0 ? every_n_months : 0;
    case FollowUpFrequency::on_event: return 0;
  }
  return 0;
}

std::optional<std::string> add_months(std::string_view start, int months) {
  if (!is_date(start)) return std::nullopt;
  int y = std::stoi(std::string(start.substr(0, 4))), m = std::stoi(std::string(start.substr(5, 2))),
      d = std::stoi(std::string(start.substr(8, 2)));
  int index = y * 12 + (m - 1) + months;
  year_month ym{year{index / 12}, month{unsigned(index % 12 + 1)}};
  unsigned last = unsigned(year_month_day_last{ym.year(), month_day_last{ym.month()}}.day());
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ym.year()), unsigned(ym.month()), std::min(unsigned(d), last));
  return std::string(buf);
}

std::vector<std::string> due_dates(std::string_view start, std::string_view until, FollowUpFrequency f,
                                   int every_n_months, std::size_t limit) {
  std::vector<std::string> out;
  int step = months_between_checks(f, every_n_months);
  if (step == 0 || !is_date(start) || !is_date(until)) return out;
  for (int k = 1; out.size() < limit; ++k) {
    auto next = add_months(start, k * step);
    if (!next || *next > until) break;
    out.push_back(*next);
  }
  return out;
}

std::optional<std::string> next_due(std::string_view start, std::string_view until, FollowUpFrequency f,
                                    std::string_view from, int every_n_months) {
  int step = months_between_checks(f, every_n_months);
  if (step == 0 || !is_date(start) || !is_date(until) || !is_date(from)) {
    for (const auto& d : due_dates(start, until, f, every_n_months))
      if (d >= from) return d;
    return std::nullopt;
  }
  // Straight to a period before the month of `from` (the reminders ask this for every control of
  // every contract each day), then forward: at most a few dates are made, not the whole schedule.
  auto month_index = [](std::string_view date) {
    return std::stoi(std::string(date.substr(0, 4))) * 12 + std::stoi(std::string(date.substr(5, 2))) - 1;
  };
  int months = month_index(from) - month_index(start);
  for (int k = std::max(1, months / step - 1);; ++k) {
    auto next = add_months(start, k * step);
    if (!next || *next > until) return std::nullopt;
    if (*next >= from) return next;
  }
}

}  // namespace kk::domain
