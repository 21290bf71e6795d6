#include "io/grid.hpp"

#include <array>
#include <string_view>

#include "domain/text.hpp"
#include "io/xlsx_reader.hpp"

namespace kk::io {
using domain::Error;
using domain::Result;

const std::string& Grid::cell(std::size_t row, std::size_t column) const {
  static const std::string empty;
  if (row >= rows.size() || column >= rows[row].size()) return empty;
  return rows[row][column];
}

bool looks_like_xlsx(const std::string& bytes) {
  return bytes.size() >= 4 && bytes.compare(0, 4, "PK\x03\x04", 4) == 0;
}

bool valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 4;
    if (extra == 4 || c == 0xC0 || c == 0xC1 || c > 0xF4) return false;
    if (text.size() - i <= extra) return false;  // cut short
    for (std::size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

std::string windows_1252_to_utf8(const std::string& text) {
  // 0x80–0x9F are Windows-1252's own characters (€, ”, – …); the rest is Latin-1.
  static constexpr std::array<char16_t, 32> high = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (unsigned char c : text) {
    char32_t cp = c >= 0x80 && c < 0xA0 ? high[c - 0x80] : c;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

namespace {

// The separator the first line uses most outside quotes; a semicolon when it has none.
char separator_of(std::string_view text) {
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  if (commas > semicolons) return ',';
  return ';';
}

Result<Grid> read_csv(std::string text, const GridLimits& limits) {
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (text.find('\0') != std::string::npos) return Error::invalid("error.csv_binary", "file");
  if (!valid_utf8(text)) text = windows_1252_to_utf8(text);
  const char sep = separator_of(text);
  Grid grid;
  std::vector<std::string> record;
  std::string field;
  unsigned line = 1, record_line = 1, quote_line = 0;
  bool quoted = false, was_quoted = false;
  auto end_field = [&]() -> Result<domain::Ok> {
    if (domain::utf8_length(field) > limits.max_cell)
      return Error::invalid("error.cell_too_long", "file").with("row", std::to_string(record_line)).with("max", std::to_string(limits.max_cell));
    if (!was_quoted) {
      // Spaces around an unquoted field are the typist's, not the value's.
      auto b = field.find_first_not_of(' ');
      field = b == std::string::npos ? "" : field.substr(b, field.find_last_not_of(' ') - b + 1);
    }
    record.push_back(std::move(field));
    field.clear();
    was_quoted = false;
    if (record.size() > limits.max_columns)
      return Error::invalid("error.too_many_columns", "file").with("row", std::to_string(record_line)).with("max", std::to_string(limits.max_columns));
    return domain::ok();
  };
  auto end_record = [&]() -> Result<domain::Ok> {
    KK_TRY(end_field());
    while (!record.empty() && record.back().empty()) record.pop_back();
    grid.rows.push_back(std::move(record));
    grid.row_numbers.push_back(record_line);
    record.clear();
    if (grid.rows.size() > limits.max_rows)
      return Error::invalid("error.too_many_rows", "file").with("max", std::to_string(limits.max_rows));
    return domain::ok();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        if (c != '\r') field += c;  // a line break inside a cell is kept as \n
      }
      continue;
    }
    if (c == '"' && field.find_first_not_of(' ') == std::string::npos) {
      field.clear();
      quoted = was_quoted = true;
      quote_line = line;
    } else if (c == sep) {
      KK_TRY(end_field());
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      KK_TRY(end_record());
      record_line = ++line;
    } else {
      field += c;
    }
  }
  if (quoted) return Error::invalid("error.csv_quote", "file").with("row", std::to_string(quote_line));
  if (!field.empty() || !record.empty() || was_quoted) KK_TRY(end_record());
  return grid;
}

}  // namespace

Result<std::vector<Grid>> read_grid(const std::string& bytes, const GridLimits& limits) {
  if (bytes.empty()) return Error::invalid("error.file_empty", "file");
  if (bytes.size() > limits.max_bytes) return Error::invalid("error.too_large", "file");
  std::vector<Grid> grids;
  if (!looks_like_xlsx(bytes)) {
    grids.push_back(KK_TRY(read_csv(bytes, limits)));
    return grids;
  }
  XlsxLimits xlsx;
  xlsx.max_rows = limits.max_rows;
  xlsx.max_columns = limits.max_columns;
  auto sheets = KK_TRY(read_xlsx(bytes, xlsx));
  for (auto& sheet : sheets) {
    Grid grid;
    grid.name = sheet.name;
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      for (const auto& value : sheet.rows[r])
        if (domain::utf8_length(value) > limits.max_cell)
          return Error::invalid("error.cell_too_long", "file").with("row", std::to_string(r + 1))
              .with("max", std::to_string(limits.max_cell));
      grid.rows.push_back(std::move(sheet.rows[r]));
      grid.row_numbers.push_back(static_cast<unsigned>(r + 1));
    }
    grids.push_back(std::move(grid));
  }
  return grids;
}

}  // namespace kk::io
