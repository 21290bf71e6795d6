#pragma once
// A thin, engine-neutral SQL connection: statements use `?` placeholders (rewritten to $n for
// PostgreSQL), values are bound as text, integers or NULL, and results come back as text.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "app/ports.hpp"

namespace kk::store {

using SqlValue = std::variant<std::nullptr_t, std::int64_t, std::string>;
using SqlParams = std::vector<SqlValue>;

// What a connection keeps for each statement text it has prepared (both engines keep them: see
// their connections), found by the text as passed, without copying it.
struct StatementTextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <class Kept>
using KeptStatements = std::unordered_map<std::string, Kept, StatementTextHash, std::equal_to<>>;

inline SqlValue opt(const std::optional<std::string>& v) {
  return v ? SqlValue(*v) : SqlValue(nullptr);
}
inline SqlValue opt(const std::optional<std::int64_t>& v) {
  return v ? SqlValue(*v) : SqlValue(nullptr);
}
inline SqlValue opt(const std::optional<int>& v) {
  return v ? SqlValue(static_cast<std::int64_t>(*v)) : SqlValue(nullptr);
}
inline SqlValue opt(const std::optional<bool>& v) {
  return v ? SqlValue(static_cast<std::int64_t>(*v)) : SqlValue(nullptr);
}

// Appends LIMIT and OFFSET for one page of a list; a negative limit: the whole list.
inline void add_page(std::string& sql, SqlParams& params, int limit, std::int64_t offset) {
  if (limit < 0) return;
  sql += " LIMIT ? OFFSET ?";
  params.emplace_back(std::int64_t(limit));
  params.emplace_back(offset);
}

struct SqlRow {
  std::vector<std::optional<std::string>> cols;
  bool null(std::size_t i) const { return !cols.at(i); }
  std::string text(std::size_t i) const { return cols.at(i).value_or(""); }
  std::optional<std::string> opt_text(std::size_t i) const { return cols.at(i); }
  std::int64_t integer(std::size_t i) const { return cols.at(i) ? std::stoll(*cols[i]) : 0; }
  std::optional<std::int64_t> opt_integer(std::size_t i) const {
    if (!cols.at(i)) return std::nullopt;
    return std::stoll(*cols[i]);
  }
  // PostgreSQL returns booleans of expressions as t/f; our columns are 0/1 integers.
  bool boolean(std::size_t i) const { return cols.at(i) && (*cols[i] == "1" || *cols[i] == "t"); }
};
using SqlRows = std::vector<SqlRow>;

using DbError = app::StoreError;

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlRows query(std::string_view sql, const SqlParams& params = {}) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, const SqlParams& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // Whether the connection is still usable (reconnects for PostgreSQL when it is not).
  virtual bool healthy() = 0;
};

// "a, b, c" -> "a = ?, b = ?, c = ?" (for UPDATE … SET).
std::string assignments(std::string_view columns);
// n placeholders: "?, ?, ?".
std::string placeholders(std::size_t n);
// How many columns a comma-separated list names.
std::size_t column_count(std::string_view columns);

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path);
std::unique_ptr<SqlConnection> open_postgresql(const std::string& url);

}  // namespace kk::store
