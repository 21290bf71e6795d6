#include "io/xlsx_writer.hpp"
#include "domain/text.hpp"
#include "io/answer_matrix.hpp"
#include "io/xlsx_file.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace kk::io {

namespace {

using namespace answer_matrix;

// Words the document model has no labels for (the number and id headers, the answer choices
// and the prompts), so they follow the document's language: Swedish unless it is English.
struct AnswerWords {
  const char* number;
  const char* id;
  const char* choose;
  std::string write_value;
  std::string describe;
  const char* invalid_title;
  const char* invalid_message;
};

AnswerWords answer_words(const SpecDocument& doc) {
  if (doc.language == "en")
    return {"No.",
            "ID",
            "Choose an answer from the list.",
            "Write the value the requirement asks for.",
            "Describe how the requirement is met. Refer to attachments in the column " + doc.label_attachment + ".",
            "Invalid answer",
            "Choose one of the answers in the list."};
  return {"Nr",
          "Id",
          "Välj svar i listan.",
          "Skriv det värde som kravet efterfrågar.",
          "Beskriv hur kravet uppfylls. Hänvisa till bilagor i kolumnen " + doc.label_attachment + ".",
          "Ogiltigt svar",
          "Välj ett av svaren i listan."};
}

// The sheet is named after the answer label ("Svar") when Excel accepts it as a sheet name.
std::string sheet_name(const SpecDocument& doc) {
  const std::string& name = doc.label_answer;
  bool valid = !name.empty() && domain::utf8_length(name) <= 31 && name.find_first_of("[]:*?/\\") == std::string::npos &&
               name.front() != '\'' && name.back() != '\'';
  return valid ? name : "Svar";
}

// The cell formats used, owned by the workbook.
struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* cell;      // locked, wrapped, top-aligned
  lxw_format* centered;  // locked, for short codes and numbers
  lxw_format* answer;    // unlocked: the tenderer fills these in
};

Formats add_formats(lxw_workbook* wb) {
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);

  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xD9E1F2);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);

  f.cell = workbook_add_format(wb);
  format_set_text_wrap(f.cell);
  format_set_align(f.cell, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.cell, LXW_BORDER_THIN);

  f.centered = workbook_add_format(wb);
  format_set_align(f.centered, LXW_ALIGN_CENTER);
  format_set_align(f.centered, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.centered, LXW_BORDER_THIN);

  f.answer = workbook_add_format(wb);
  format_set_text_wrap(f.answer);
  format_set_align(f.answer, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.answer, LXW_BORDER_THIN);
  format_set_bg_color(f.answer, 0xFFF2CC);  // a light fill shows where to write
  format_set_unlocked(f.answer);
  return f;
}

void check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(error));
}

void put(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* format) {
  check(worksheet_write_string(ws, row, col, text.c_str(), format), "write cell");
}

// Column widths in Excel's units (about one digit each).
double column_width(lxw_col_t column) {
  switch (column) {
    case kNumber:
      return 6;
    case kId:
      return 11;
    case kPlacement:
      return 20;
    case kArea:
      return 22;
    case kKind:
      return 10;
    case kWeight:
      return 7;
    case kText:
      return 60;
    case kVerification:
      return 22;
    case kAnswer:
      return 16;
    case kComment:
      return 40;
    case kAttachment:
      return 18;
    default:
      return 10;
  }
}

void set_columns(lxw_worksheet* ws) {
  for (lxw_col_t c = 0; c < kColumnCount; ++c)
    check(worksheet_set_column(ws, c, c, column_width(c), nullptr), "column");
}

// Lines a wrapped text needs in a column. Neither Excel nor LibreOffice fits row heights to
// wrapped text when opening a generated file, so the height is set from this estimate.
std::size_t estimated_lines(const std::string& text, lxw_col_t column) {
  // Running text is narrower than digits: about 1.1 characters per width unit.
  const std::size_t per_line = static_cast<std::size_t>(column_width(column) * 1.1);
  std::size_t lines = 0, start = 0;
  for (;;) {
    auto end = text.find('\n', start);
    std::size_t length =
        domain::utf8_length(std::string_view(text).substr(start, end == std::string::npos ? end : end - start));
    lines += std::max<std::size_t>(1, (length + per_line - 1) / per_line);
    if (end == std::string::npos) return lines;
    start = end + 1;
  }
}

void set_row_height(lxw_worksheet* ws, lxw_row_t row, const DocRequirement& req) {
  std::size_t lines = 1;
  for (auto [text, column] :
       {std::pair{&req.text, kText}, std::pair{&req.placement_label, kPlacement}, std::pair{&req.area_label, kArea},
        std::pair{&req.verification, kVerification}, std::pair{&req.kind_label, kKind}})
    lines = std::max(lines, estimated_lines(*text, column));
  double height = std::min(409.0, 15.0 * static_cast<double>(lines));  // 409 points is Excel's maximum
  check(worksheet_set_row(ws, row, height, nullptr), "row height");
}

void write_heading(lxw_worksheet* ws, const SpecDocument& doc, const Formats& f, const AnswerWords& words) {
  put(ws, kTitleRow, 0, doc.title, f.title);
  check(worksheet_set_row(ws, kTitleRow, 20, nullptr), "title row");
  put(ws, kRegistryRow, 0, doc.label_registry_number + ": " + doc.registry_number, nullptr);

  const std::string headers[kColumnCount] = {
      words.number,     words.id,          doc.label_placement,   doc.label_area,
      doc.label_kind,   doc.label_weight,  doc.label_requirement, doc.label_verification,
      doc.label_answer, doc.label_comment, doc.label_attachment};
  for (lxw_col_t c = 0; c < kColumnCount; ++c) put(ws, kHeaderRow, c, headers[c], f.header);
}

// The drop-down (or the input message for free text) of one requirement's answer cell.
// libxlsxwriter copies everything it is given, so the strings may be locals.
void add_answer_validation(lxw_worksheet* ws, lxw_row_t row, const SpecDocument& doc, const DocRequirement& req,
                           const AnswerWords& words) {
  // The choices are those a tender may give (domain/tender.hpp), in the document's words.
  domain::AnswerTerms terms;
  terms.mandatory = req.mandatory;
  terms.answer = domain::parse_enum<domain::AnswerKind>(req.answer).value_or(domain::AnswerKind::description);
  terms.equivalent_allowed = req.equivalent_allowed;
  std::vector<std::string> option_words;
  for (auto choice : domain::allowed_choices(terms)) option_words.push_back(choice_word(doc.language, choice));
  std::vector<const char*> options;
  for (const auto& w : option_words) options.push_back(w.c_str());
  std::string message = req.answer == "value" ? words.write_value : words.describe;

  // Excel allows 32 characters in the title of an input message.
  std::string title =
      !req.answer_label.empty() && domain::utf8_length(req.answer_label) <= 32 ? req.answer_label : doc.label_answer;
  lxw_data_validation dv{};  // every option off or default unless set below
  dv.input_title = title.empty() ? nullptr : const_cast<char*>(title.c_str());
  if (!options.empty()) {
    options.push_back(nullptr);  // value_list is a NULL-terminated char* array
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = const_cast<char**>(options.data());
    dv.input_message = const_cast<char*>(words.choose);
    dv.error_title = const_cast<char*>(words.invalid_title);
    dv.error_message = const_cast<char*>(words.invalid_message);
  } else {
    // Any value is allowed: the validation exists only to show what to write.
    dv.validate = LXW_VALIDATION_TYPE_ANY;
    dv.input_message = const_cast<char*>(message.c_str());
  }
  check(worksheet_data_validation_cell(ws, row, kAnswer, &dv), "data validation");
}

void write_requirement(lxw_worksheet* ws, lxw_row_t row, const SpecDocument& doc, const DocRequirement& req,
                       const Formats& f, const AnswerWords& words) {
  put(ws, row, kNumber, req.number, f.centered);  // text: "2.10" must not become 2.1
  put(ws, row, kId, req.id, f.centered);
  put(ws, row, kPlacement, req.placement_label, f.cell);
  put(ws, row, kArea, req.area_label, f.cell);
  put(ws, row, kKind, req.kind_label, f.cell);
  if (!req.mandatory) {
    check(worksheet_write_number(ws, row, kWeight, req.weight, f.centered), "write weight");
  } else {
    check(worksheet_write_blank(ws, row, kWeight, f.centered), "write weight");
  }
  put(ws, row, kText, req.text, f.cell);
  put(ws, row, kVerification, req.verification, f.cell);
  for (lxw_col_t c : {kAnswer, kComment, kAttachment}) check(worksheet_write_blank(ws, row, c, f.answer), "blank");
  add_answer_validation(ws, row, doc, req, words);
  set_row_height(ws, row, req);
}

// Layout for reading and printing: header kept in view, A4 landscape, one page wide.
void set_view_and_print(lxw_worksheet* ws, lxw_row_t last_row) {
  worksheet_freeze_panes(ws, kFirstRequirementRow, 0);
  check(worksheet_autofilter(ws, kHeaderRow, 0, last_row, kColumnCount - 1), "autofilter");
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  check(worksheet_repeat_rows(ws, kHeaderRow, kHeaderRow), "repeat rows");
}

// Protection without a password: it keeps the requirement texts from being changed by
// mistake, not by intent. Column widths, row heights and the filter stay usable.
void protect(lxw_worksheet* ws) {
  lxw_protection options{};
  options.format_columns = 1;
  options.format_rows = 1;
  options.autofilter = 1;
  worksheet_protect(ws, nullptr, &options);
}

void build_workbook(const std::string& path, const SpecDocument& doc) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot create workbook " + path);
  try {
    lxw_doc_properties properties{};
    properties.title = const_cast<char*>(doc.title.c_str());
    properties.company = const_cast<char*>(doc.organisation.c_str());
    check(workbook_set_properties(wb, &properties), "properties");

    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(doc).c_str());
    if (!ws) throw std::runtime_error("xlsx: cannot add worksheet");
    Formats f = add_formats(wb);
    AnswerWords words = answer_words(doc);

    set_columns(ws);
    write_heading(ws, doc, f, words);
    lxw_row_t row = kFirstRequirementRow;
    for (const DocRequirement* req : doc.all()) write_requirement(ws, row++, doc, *req, f, words);
    set_view_and_print(ws, row == kFirstRequirementRow ? kHeaderRow : row - 1);
    protect(ws);
  } catch (...) {
    workbook_close(wb);  // frees the workbook; the half-written file is removed by the caller
    throw;
  }
  check(workbook_close(wb), "close workbook");
}

}  // namespace

std::string write_answer_matrix_xlsx(const SpecDocument& doc) {
  XlsxTempFile file;
  build_workbook(file.path(), doc);
  return file.contents();
}

}  // namespace kk::io
