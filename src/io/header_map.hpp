#pragma once
// Finding a table's header row and which column holds what, by the names people give their
// columns ("Kravtext", "Krav-ID", "Requirement"), in any order, in any case, with or without
// the rows of title and notes spreadsheets often have above the header.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/grid.hpp"

namespace kk::io {

struct ColumnSpec {
  std::string key;                  // what the importer calls it ("text")
  std::vector<std::string> names;   // headers meaning it, first the one our exports write
  bool required = false;
};

struct HeaderMatch {
  std::size_t row = 0;                          // index into grid.rows of the header row
  std::map<std::string, std::size_t> columns;   // key -> column index
  std::vector<std::string> ignored;             // headers that name nothing we know
  std::vector<std::string> repeated;            // a key found in more than one column

  bool has(const std::string& key) const { return columns.count(key) != 0; }
  // The row's cell for the key, trimmed; "" when the table has no such column.
  std::string value(const Grid& grid, std::size_t row, const std::string& key) const;
};

// The first row among the first `search_rows` that names every required column. None: the
// caller reports which required columns it looked for.
std::optional<HeaderMatch> match_header(const Grid& grid, const std::vector<ColumnSpec>& specs,
                                        std::size_t search_rows = 30);

// A header or a word as compared: lower case (Å and å alike), spaces, dashes, underscores,
// dots and slashes dropped ("Krav-ID" and "krav id" and "kravid" are one).
std::string header_key(const std::string& text);

// Whether two cells say the same, compared as headers are (case, spaces and dashes aside).
bool same_words(const std::string& a, const std::string& b);

// A yes/no cell: ja, yes, x, sant, true, 1 / nej, no, falskt, false, 0 or empty; nullopt otherwise.
std::optional<bool> yes_no_word(const std::string& cell);

// The header our exports write for a column (its first name), or the key when there is none.
const std::string& column_name(const std::vector<ColumnSpec>& specs, const std::string& key);

// Cell text without surrounding spaces.
std::string trimmed(const std::string& text);

// A cell holding a list: the parts between any of the separators, trimmed, empty ones left out.
std::vector<std::string> split_list(const std::string& cell, const std::string& separators);

}  // namespace kk::io
