#include "io/slug.hpp"

#include <cctype>

namespace kk::io {

namespace {
// The ASCII letter for the two-byte UTF-8 letters of Latin-1 (å ä ö é ü … and their capitals).
char ascii_of(unsigned char lead, unsigned char next) {
  if (lead != 0xC3) return 0;
  static const char* const letters = "aaaaaaaceeeeiiiidnooooo_ouuuuyps";  // U+00C0–U+00DF, lower-cased
  unsigned index = (next & 0x3F) % 32;  // U+00E0–U+00FF repeat U+00C0–U+00DF
  char c = letters[index];
  return c == '_' || c == 's' || c == 'p' ? 0 : c;
}
}  // namespace

std::string slug(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto ch = static_cast<unsigned char>(text[i]);
    if (i + 1 < text.size()) {
      if (char a = ascii_of(ch, static_cast<unsigned char>(text[i + 1]))) {
        out += a;
        ++i;
        if (out.size() >= 64) break;
        continue;
      }
    }
    if (std::isalnum(ch)) out += static_cast<char>(std::tolower(ch));
    else if (!out.empty() && out.back() != '-') out += '-';
    if (out.size() >= 64) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string upper_ascii(std::string_view text) {
  std::string out;
  for (unsigned char ch : text) out += static_cast<char>(std::toupper(ch));
  return out;
}

}  // namespace kk::io
