#include "io/answer_matrix.hpp"

#include <cctype>
#include <set>

#include "io/xlsx_reader.hpp"

namespace kk::io::answer_matrix {
using domain::AnswerChoice;

namespace {
struct Words {
  AnswerChoice choice;
  const char* sv;
  const char* en;
};
constexpr Words words[] = {
    {AnswerChoice::yes, "Ja", "Yes"},
    {AnswerChoice::no, "Nej", "No"},
    {AnswerChoice::partly, "Delvis", "Partly"},
    {AnswerChoice::accepted, "Accepteras", "Accepted"},
    {AnswerChoice::not_accepted, "Accepteras inte", "Not accepted"},
    {AnswerChoice::other_way, "Likvärdigt sätt", "Equivalent way"},
};

// Letters folded to lower case (ASCII and the Swedish and other Latin-1 capitals).
std::string folded(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) out[i] = static_cast<char>(std::tolower(c));
    // Capital letters of Latin-1 (Å, Ä, Ö, É …) are C3 80–9E in UTF-8; their small ones are 0x20 on.
    else if (c == 0xC3 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) >= 0x80 &&
             static_cast<unsigned char>(out[i + 1]) <= 0x9E && static_cast<unsigned char>(out[i + 1]) != 0x97)
      out[++i] += 0x20;
  }
  return out;
}
}  // namespace

std::string choice_word(std::string_view language, AnswerChoice choice) {
  for (const auto& w : words)
    if (w.choice == choice) return language == "en" ? w.en : w.sv;
  return {};
}

std::optional<AnswerChoice> choice_of(std::string_view word) {
  std::string f = folded(word);
  for (const auto& w : words)
    if (f == folded(w.sv) || f == folded(w.en)) return w.choice;
  return std::nullopt;
}

namespace {
// Texts compared as a reader sees them: line breaks and runs of spaces count as one space.
std::string normalised(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string cell(const std::vector<std::string>& row, unsigned column) {
  return column < row.size() ? row[column] : std::string();
}
}  // namespace

domain::Result<Reading> read_filled(const std::string& bytes, const SpecDocument& doc) {
  XlsxLimits limits;
  limits.max_rows = 20000;
  auto sheets = read_xlsx(bytes, limits);
  if (!sheets) return sheets.error();
  Reading out;
  if (sheets->empty()) {
    out.problems.push_back({0, "no_sheet", {}});
    return out;
  }
  const auto& rows = sheets->front().rows;
  if (rows.size() <= kHeaderRow || normalised(cell(rows[kHeaderRow], kText)) != normalised(doc.label_requirement)) {
    out.problems.push_back({kHeaderRow + 1, "not_a_matrix", {}});
    return out;
  }
  std::map<std::string, const DocRequirement*> by_id;
  for (const DocRequirement* r : doc.all()) by_id[r->id] = r;
  std::map<std::string, RowAnswer> seen;
  for (std::size_t i = kFirstRequirementRow; i < rows.size(); ++i) {
    const auto& row = rows[i];
    unsigned number = static_cast<unsigned>(i + 1);
    bool empty = true;
    for (const auto& c : row) empty = empty && normalised(c).empty();
    if (empty) continue;
    std::string id = normalised(cell(row, kId));
    if (id.empty()) {
      out.problems.push_back({number, "no_id", {}});
      continue;
    }
    auto known = by_id.find(id);
    if (known == by_id.end()) {
      out.problems.push_back({number, "unknown_requirement", {{"id", id}}});
      continue;
    }
    if (seen.count(id)) {
      out.problems.push_back({number, "duplicate", {{"id", id}, {"first", std::to_string(seen[id].row)}}});
      continue;
    }
    if (normalised(cell(row, kText)) != normalised(known->second->text))
      out.problems.push_back({number, "text_changed", {{"id", id}}});
    seen[id] = {number, id, cell(row, kAnswer), cell(row, kComment), cell(row, kAttachment)};
  }
  for (const DocRequirement* r : doc.all()) {
    auto it = seen.find(r->id);
    if (it == seen.end()) out.problems.push_back({0, "missing_row", {{"id", r->id}}});
    else out.answers.push_back(it->second);
  }
  return out;
}

}  // namespace kk::io::answer_matrix
