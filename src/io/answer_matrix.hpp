#pragma once
// The layout of the answer matrix (the XLSX a tenderer fills in) and the words of its answer
// choices, shared by the writer and the reader so that a filled matrix reads back exactly.
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace kk::io::answer_matrix
