#include "io/ical.hpp"

#include <chrono>
#include <cstdio>

namespace kk::io {

namespace {
// Text values escape backslash, semicolon, comma and line breaks.
std::string escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if (c != '\r') out += c;
  }
  return out;
}

// One content line, folded: at most 75 octets per physical line, continuation lines start with a space.
void put(std::string& out, const std::string& line) {
  std::size_t start = 0, limit = 75;
  while (line.size() - start > limit) {
    std::size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    out += line.substr(start, cut - start) + "\r\n ";
    start = cut;
    limit = 74;  // the leading space counts
  }
  out += line.substr(start) + "\r\n";
}

std::string basic_date(const std::string& date) { return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2); }

std::string next_day(const std::string& date) {
  using namespace std::chrono;
  year_month_day ymd{year{std::stoi(date.substr(0, 4))}, month{unsigned(std::stoi(date.substr(5, 2)))},
                     day{unsigned(std::stoi(date.substr(8, 2)))}};
  year_month_day next{sys_days{ymd} + days{1}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", int(next.year()), unsigned(next.month()), unsigned(next.day()));
  return buf;
}
}  // namespace

std::string write_ical(const std::string& calendar_name, const std::vector<CalendarEvent>& events,
                       const std::string& stamp) {
  std::string out;
  std::string dtstamp = basic_date(stamp) + "T" + stamp.substr(11, 2) + stamp.substr(14, 2) + stamp.substr(17, 2) + "Z";
  put(out, "BEGIN:VCALENDAR");
  put(out, "VERSION:2.0");
  put(out, "PRODID:-//Kravkedja//Uppfoljning//SV");
  put(out, "CALSCALE:GREGORIAN");
  put(out, "METHOD:PUBLISH");
  put(out, "X-WR-CALNAME:" + escaped(calendar_name));
  for (const auto& e : events) {
    put(out, "BEGIN:VEVENT");
    put(out, "UID:" + escaped(e.uid));
    put(out, "DTSTAMP:" + dtstamp);
    put(out, "DTSTART;VALUE=DATE:" + basic_date(e.date));
    put(out, "DTEND;VALUE=DATE:" + next_day(e.date));
    put(out, "SUMMARY:" + escaped(e.summary));
    if (!e.description.empty()) put(out, "DESCRIPTION:" + escaped(e.description));
    put(out, "END:VEVENT");
  }
  put(out, "END:VCALENDAR");
  return out;
}

}  // namespace kk::io
