#pragma once
// The specification as a questionnaire for the tender platforms buyers publish on (Mercell
// TendSign, e-Avrop, Visma TendSign and the like), which import questions from a spreadsheet
// and take tables pasted into their editors: per question its group, a short title, the text,
// whether it is knock-out (a ska-krav), the answer type and the weight.
#include <string>
#include <vector>

#include "io/spec_document.hpp"
#include "io/table_export.hpp"

namespace kk::io {

// A title a platform can show in its list of questions: the id and the text's first words.
std::string question_title(const DocRequirement& r);

// The answer type a platform asks for: "yes_no", "text", "document" or "value".
std::string question_answer_type(const DocRequirement& r);

// One row per requirement in document order: number, requirement id, group (placement –
// area), title, text, knock-out, answer type, weight, verification; headers and words in the
// document's language.
Table questionnaire_table(const SpecDocument& doc);

// The same questions split by group, for copying into a platform one section at a time.
struct QuestionGroup {
  std::string title;
  Table table;  // headers and rows without the group column
};
std::vector<QuestionGroup> questionnaire_groups(const SpecDocument& doc);

}  // namespace kk::io
