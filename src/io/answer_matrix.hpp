#pragma once
// The layout of the answer matrix (the XLSX a tenderer fills in) and the words of its answer
// choices, shared by the writer and the reader so that a filled matrix reads back exactly.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "io/row_problem.hpp"
#include "io/spec_document.hpp"

#include "domain/tender.hpp"

namespace kk::io::answer_matrix {

// Columns, left to right (A = 0).
enum Column : unsigned short {
  kNumber,
  kId,
  kPlacement,
  kArea,
  kKind,
  kWeight,
  kText,
  kVerification,
  kAnswer,
  kComment,
  kAttachment,
  kColumnCount
};

inline constexpr unsigned kTitleRow = 0;
inline constexpr unsigned kRegistryRow = 1;
inline constexpr unsigned kHeaderRow = 2;
inline constexpr unsigned kFirstRequirementRow = 3;

// The word of a choice in the document's language (Swedish unless it is English).
std::string choice_word(std::string_view language, domain::AnswerChoice choice);
// The choice a word stands for, in either language, ignoring case and surrounding spaces.
std::optional<domain::AnswerChoice> choice_of(std::string_view word);

// One requirement's row of a filled matrix, as written (the answer word is interpreted by app/).
struct RowAnswer {
  unsigned row = 0;  // as the spreadsheet numbers it (1 is the first)
  std::string requirement_id;
  std::string answer;
  std::string comment;
  std::string attachment;
};

// Something wrong with a row: a message key under "matrix.".
using RowProblem = io::RowProblem;

struct Reading {
  std::vector<RowAnswer> answers;  // in the order of the document
  std::vector<RowProblem> problems;
};

// Reads a filled matrix against the document it was made from: every requirement exactly once,
// with the id and text the document has; no other rows. A file that is not a readable XLSX
// (or too large when unpacked) is an error; everything else is reported row by row.
domain::Result<Reading> read_filled(const std::string& bytes, const SpecDocument& doc);

}  // namespace kk::io::answer_matrix
