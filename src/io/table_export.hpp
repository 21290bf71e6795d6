#pragma once
// A plain table (a title, headers, rows of text) as XLSX and as CSV the way Swedish Excel
// opens it: for registers and lists that are not the tender documents.
#include <string>
#include <vector>

namespace kk::io {

struct Table {
  std::string sheet;  // sheet name (at most 31 characters)
  std::string title;  // first row
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  // Label/value rows between the title and the header (a catalogue's id and version).
  std::vector<std::vector<std::string>> preamble = {};
};

std::string write_table_xlsx(const Table& table);
std::string write_table_csv(const Table& table);

}  // namespace kk::io
