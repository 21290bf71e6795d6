#pragma once
// The answer matrix as an Excel workbook: one row per requirement, in document order, with
// a column where the tenderer answers (a drop-down where the answer is a choice) and columns
// for a comment and a reference to an attachment. Only the answer columns are editable.
#include <string>

#include "io/spec_document.hpp"

namespace kk::io {

// The .xlsx file's bytes. libxlsxwriter can only write files, so the workbook goes through a
// unique temporary file that is removed again. Throws std::runtime_error when that file cannot
// be written or a text exceeds what a cell can hold (32,767 characters).
std::string write_answer_matrix_xlsx(const SpecDocument& doc);

}  // namespace kk::io
