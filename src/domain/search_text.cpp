#include "domain/search_text.hpp"

#include <sstream>

namespace kk::domain {

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(text[i]);
    if (ch >= 'A' && ch <= 'Z') {
      out += static_cast<char>(ch - 'A' + 'a');
    } else if (ch == 0xC3 && i + 1 < text.size()) {
      // U+00C0–U+00DE are 0xC3 0x80–0x9E in UTF-8; their small letters are 0x20 further on
      // (0xD7, the multiplication sign, is not a letter).
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      out += static_cast<char>(ch);
      out += static_cast<char>(next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next);
      ++i;
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out;
}

bool matches_search(std::string_view text, std::string_view query) {
  std::string haystack = fold_case(text);
  std::istringstream words(fold_case(query));
  std::string word;
  while (words >> word)
    if (haystack.find(word) == std::string::npos) return false;
  return true;
}

}  // namespace kk::domain
