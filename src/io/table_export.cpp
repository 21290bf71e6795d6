#include "io/table_export.hpp"

#include <xlsxwriter.h>

#include <stdexcept>

#include "io/xlsx_file.hpp"

namespace kk::io {

namespace {
std::string csv_field(const std::string& s) {
  if (s.find_first_of(";\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
}  // namespace

std::string write_table_csv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";  // Excel reads UTF-8 only with a BOM
  auto row = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? ";" : "") + csv_field(fields[i]);
    out += "\r\n";
  };
  for (const auto& r : table.preamble) row(r);
  if (!table.preamble.empty()) out += "\r\n";
  row(table.headers);
  for (const auto& r : table.rows) row(r);
  return out;
}

std::string write_table_xlsx(const Table& table) {
  XlsxTempFile file;
  lxw_workbook* wb = workbook_new(file.path().c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot create workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, table.sheet.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xDCE8F5);
  format_set_border(bold, LXW_BORDER_THIN);
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  worksheet_write_string(ws, 0, 0, table.title.c_str(), title);
  for (std::size_t r = 0; r < table.preamble.size(); ++r)
    for (std::size_t c = 0; c < table.preamble[r].size(); ++c)
      worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), table.preamble[r][c].c_str(),
                             c == 0 ? bold : nullptr);
  // The header follows the title and the preamble after one empty row.
  const auto header_row = static_cast<lxw_row_t>(table.preamble.size() + 2);
  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    worksheet_write_string(ws, header_row, static_cast<lxw_col_t>(c), table.headers[c].c_str(), bold);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 1 ? 45 : 18, nullptr);
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    for (std::size_t c = 0; c < table.rows[r].size(); ++c)
      worksheet_write_string(ws, header_row + 1 + static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                             table.rows[r][c].c_str(), wrap);
  worksheet_freeze_panes(ws, header_row + 1, 0);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx: cannot write workbook");
  return file.contents();
}

}  // namespace kk::io
