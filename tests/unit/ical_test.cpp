#include <gtest/gtest.h>

#include "io/ical.hpp"

using kk::io::CalendarEvent;
using kk::io::write_ical;

TEST(Ical, EventsAreAllDayWithEscapedAndFoldedText) {
  std::string text = write_ical("Uppföljning, avtal", {{"u1@kravkedja", "2028-02-29", "Kontroll; loggning, åtgärd", "Rad 1\nRad 2"}},
                                "2026-11-22T10:00:00Z");
  EXPECT_NE(text.find("BEGIN:VCALENDAR\r\n"), std::string::npos);
  EXPECT_NE(text.find("DTSTART;VALUE=DATE:20280229\r\n"), std::string::npos);
  EXPECT_NE(text.find("DTEND;VALUE=DATE:20280301\r\n"), std::string::npos);  // the day after a leap day
  EXPECT_NE(text.find("SUMMARY:Kontroll\\; loggning\\, åtgärd\r\n"), std::string::npos);
  EXPECT_NE(text.find("DESCRIPTION:Rad 1\\nRad 2\r\n"), std::string::npos);
  EXPECT_NE(text.find("X-WR-CALNAME:Uppföljning\\, avtal\r\n"), std::string::npos);
  EXPECT_NE(text.find("DTSTAMP:20261122T100000Z\r\n"), std::string::npos);
}

TEST(Ical, LongLinesAreFoldedWithoutSplittingACharacter) {
  std::string summary(40, 'a');
  for (int i = 0; i < 40; ++i) summary += "ä";  // two octets each
  std::string text = write_ical("K", {{"u", "2027-01-01", summary, ""}}, "2026-11-22T10:00:00Z");
  std::size_t pos = 0;
  std::string unfolded;
  while (pos < text.size()) {
    auto end = text.find("\r\n", pos);
    std::string line = text.substr(pos, end - pos);
    EXPECT_LE(line.size(), 75u) << line;
    // A folded line never starts inside a UTF-8 character.
    if (!line.empty() && line[0] == ' ') {
      EXPECT_NE(static_cast<unsigned char>(line[1]) & 0xC0, 0x80);
      unfolded += line.substr(1);
    } else {
      unfolded += "\n" + line;
    }
    pos = end + 2;
  }
  EXPECT_NE(unfolded.find("SUMMARY:" + summary), std::string::npos);
}
