#include "io/header_map.hpp"

#include <set>

#include "domain/search_text.hpp"

namespace kk::io {

std::string trimmed(const std::string& text) {
  auto b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return text.substr(b, text.find_last_not_of(" \t\r\n") - b + 1);
}

std::vector<std::string> split_list(const std::string& cell, const std::string& separators) {
  std::vector<std::string> out;
  std::string part;
  for (char c : cell) {
    if (separators.find(c) == std::string::npos) {
      part += c;
      continue;
    }
    if (auto t = trimmed(part); !t.empty()) out.push_back(t);
    part.clear();
  }
  if (auto t = trimmed(part); !t.empty()) out.push_back(t);
  return out;
}

std::string header_key(const std::string& text) {
  std::string out;
  for (char c : domain::fold_case(trimmed(text)))
    if (c != ' ' && c != '-' && c != '_' && c != '.' && c != '/' && c != '\t' && c != '\n' && c != ':' && c != '*')
      out += c;
  return out;
}

bool same_words(const std::string& a, const std::string& b) {
  return header_key(a) == header_key(b);
}

std::optional<bool> yes_no_word(const std::string& cell) {
  static const std::set<std::string> yes = {"ja", "yes", "x", "1", "sant", "true"};
  static const std::set<std::string> no = {"", "nej", "no", "0", "falskt", "false"};
  std::string key = header_key(cell);
  if (yes.count(key)) return true;
  if (no.count(key)) return false;
  return std::nullopt;
}

const std::string& column_name(const std::vector<ColumnSpec>& specs, const std::string& key) {
  for (const auto& spec : specs)
    if (spec.key == key) return spec.names.front();
  return key;
}

std::string HeaderMatch::value(const Grid& grid, std::size_t row, const std::string& key) const {
  auto it = columns.find(key);
  return it == columns.end() ? std::string() : trimmed(grid.cell(row, it->second));
}

std::optional<HeaderMatch> match_header(const Grid& grid, const std::vector<ColumnSpec>& specs,
                                        std::size_t search_rows) {
  std::map<std::string, std::string> by_name;  // header_key(name) -> spec key
  for (const auto& spec : specs)
    for (const auto& name : spec.names) by_name.emplace(header_key(name), spec.key);
  for (std::size_t r = 0; r < grid.rows.size() && r < search_rows; ++r) {
    HeaderMatch m;
    m.row = r;
    for (std::size_t c = 0; c < grid.rows[r].size(); ++c) {
      const auto& header = grid.rows[r][c];
      if (trimmed(header).empty()) continue;
      auto it = by_name.find(header_key(header));
      if (it == by_name.end()) {
        m.ignored.push_back(trimmed(header));
      } else if (!m.columns.emplace(it->second, c).second) {
        m.repeated.push_back(trimmed(header));
      }
    }
    bool whole = true;
    for (const auto& spec : specs) whole = whole && (!spec.required || m.has(spec.key));
    if (whole) return m;
  }
  return std::nullopt;
}

}  // namespace kk::io
