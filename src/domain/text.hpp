#pragma once
// Small facts about texts that several layers check.
#include <cstddef>
#include <string_view>

namespace kk::domain {

// Nothing but spaces, tabs and line breaks (or nothing at all).
inline bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Characters, not bytes, of a UTF-8 text (what limits in forms and spreadsheets count).
inline std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace kk::domain
