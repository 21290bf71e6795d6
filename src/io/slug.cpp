#include "io/slug.hpp"

#include <cctype>

namespace kk::io {

std::string slug(std::string_view text) {
  std::string out;
  for (unsigned char ch : text) {
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
