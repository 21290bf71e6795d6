#include "store/sql.hpp"

namespace kk::store {

namespace {
template <class F>
void each_column(std::string_view columns, F&& f) {
  while (!columns.empty()) {
    auto comma = columns.find(',');
    auto col = columns.substr(0, comma);
    while (!col.empty() && col.front() == ' ') col.remove_prefix(1);
    while (!col.empty() && col.back() == ' ') col.remove_suffix(1);
    if (!col.empty()) f(col);
    if (comma == std::string_view::npos) break;
    columns.remove_prefix(comma + 1);
  }
}
}  // namespace

std::string assignments(std::string_view columns) {
  std::string out;
  each_column(columns, [&](std::string_view col) {
    if (!out.empty()) out += ", ";
    out += std::string(col) + " = ?";
  });
  return out;
}

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

std::size_t column_count(std::string_view columns) {
  std::size_t n = 0;
  each_column(columns, [&](std::string_view) { ++n; });
  return n;
}

}  // namespace kk::store
