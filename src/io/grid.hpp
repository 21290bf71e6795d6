#pragma once
// A table of text cells read from a file people keep in a spreadsheet program: an .xlsx
// workbook (every sheet) or a .csv text (one sheet). Each row keeps the number a person sees
// for it (the spreadsheet's row, or the line a CSV record starts on), so an importer can say
// "rad 14" and be right. Errors are values; nothing is thrown.
#include <cstddef>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace kk::io {

struct Grid {
  std::string name;                          // the sheet's name ("" for CSV)
  std::vector<std::vector<std::string>> rows;  // cells as text, trailing empty cells dropped
  std::vector<unsigned> row_numbers;         // rows[i] is row row_numbers[i] of the file

  // The cell or "" when the row is shorter.
  const std::string& cell(std::size_t row, std::size_t column) const;
};

struct GridLimits {
  std::size_t max_bytes = 5 * 1024 * 1024;  // the file as uploaded
  std::size_t max_rows = 20000;
  std::size_t max_columns = 100;
  std::size_t max_cell = 32767;  // characters, as in Excel
};

// What the bytes are: an XLSX workbook starts like any zip file; anything else is CSV.
bool looks_like_xlsx(const std::string& bytes);

// Every sheet of a workbook, or the one table of a CSV file. CSV: UTF-8 with or without a BOM,
// or Windows-1252 as Swedish Excel saves it (converted); fields separated by semicolons, commas
// or tabs (whichever the first line has most of outside quotes), quoted with "" as usual.
// Error keys (field "file"): error.file_empty, error.too_large, error.csv_binary,
// error.csv_quote ({row}: the line the open quote is on), error.too_many_rows ({max}),
// error.too_many_columns and error.cell_too_long ({row}, {max}), and those of read_xlsx.
domain::Result<std::vector<Grid>> read_grid(const std::string& bytes, const GridLimits& limits = {});

// Whether the text is valid UTF-8; `windows_1252_to_utf8` converts text that is not.
bool valid_utf8(const std::string& text);
std::string windows_1252_to_utf8(const std::string& text);

}  // namespace kk::io
