#include "web/language.hpp"

#include <cctype>

namespace kk::web {
using domain::Language;

Language negotiate_language(const Request& req) {
  if (auto q = req.query_param("lang"))
    if (auto l = domain::parse_enum<Language>(*q)) return *l;
  if (auto c = req.cookie("kk_lang"))
    if (auto l = domain::parse_enum<Language>(*c)) return *l;
  // Accept-Language: the first of sv/en by preference weight.
  std::string header = req.header("accept-language");
  double best_q = -1;
  Language best = Language::sv;
  std::string_view rest = header;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    double q = 1.0;
    if (auto semi = item.find(";q="); semi != std::string_view::npos) {
      try {
        q = std::stod(std::string(item.substr(semi + 3)));
      } catch (...) {
        q = 0;
      }
      item = item.substr(0, semi);
    }
    std::string tag;
    for (char c : item.substr(0, 2)) tag += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (auto l = domain::parse_enum<Language>(tag); l && q > best_q) {
      best_q = q;
      best = *l;
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return best;
}

}  // namespace kk::web
