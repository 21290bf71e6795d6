#pragma once
// Calendars of due controls as iCalendar text (RFC 5545), which Outlook and other calendar
// clients subscribe to: one all-day event per due date.
#include <string>
#include <vector>

namespace kk::io {

struct CalendarEvent {
  std::string uid;          // stable across downloads, so a client updates instead of duplicating
  std::string date;         // YYYY-MM-DD, an all-day event
  std::string summary;
  std::string description;
};

// `stamp` is the UTC time of writing, "YYYY-MM-DDTHH:MM:SSZ". Lines end in CRLF and are folded
// at 75 octets without splitting a UTF-8 character.
std::string write_ical(const std::string& calendar_name, const std::vector<CalendarEvent>& events,
                       const std::string& stamp);

}  // namespace kk::io
