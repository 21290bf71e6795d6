#include "io/questionnaire.hpp"

namespace kk::io {

namespace {

bool english(const SpecDocument& doc) {
  return doc.language == "en";
}

std::string type_word(const SpecDocument& doc, const std::string& type) {
  if (english(doc)) return type == "yes_no" ? "Yes/No" : type == "text" ? "Text" : type == "document" ? "Document" : "Value";
  return type == "yes_no" ? "Ja/Nej" : type == "text" ? "Text" : type == "document" ? "Dokument" : "Värde";
}

}  // namespace

std::string question_title(const DocRequirement& r) {
  constexpr std::size_t kMax = 70;
  std::string text = r.text.substr(0, r.text.find('\n'));
  if (text.size() > kMax) {
    std::size_t cut = text.rfind(' ', kMax);
    if (cut == std::string::npos || cut < kMax / 2) {
      cut = kMax;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole letters only
    }
    text = text.substr(0, cut) + " …";
  }
  return r.id + " " + text;
}

namespace {

std::vector<std::string> headers(const SpecDocument& doc, bool with_group) {
  std::vector<std::string> h = english(doc)
      ? std::vector<std::string>{"No.", "Requirement id", "Group", "Title", "Question", "Knock-out", "Answer type",
                                 "Weight", "Verification"}
      : std::vector<std::string>{"Nr", "Krav-id", "Grupp", "Rubrik", "Frågetext", "Avgörande (ska-krav)", "Svarstyp",
                                 "Vikt", "Verifikat"};
  if (!with_group) h.erase(h.begin() + 2);
  return h;
}

std::vector<std::string> row(const SpecDocument& doc, const std::string& group, const DocRequirement& r, bool with_group) {
  std::string yes = english(doc) ? "Yes" : "Ja", no = english(doc) ? "No" : "Nej";
  std::vector<std::string> cells = {r.number, r.id, group, question_title(r), r.text, r.mandatory ? yes : no,
                                    type_word(doc, question_answer_type(r)), r.mandatory ? "" : std::to_string(r.weight),
                                    r.verification};
  if (!with_group) cells.erase(cells.begin() + 2);
  return cells;
}

}  // namespace

std::string question_answer_type(const DocRequirement& r) {
  if (r.answer == "yes_no" || r.answer == "acceptance") return "yes_no";
  if (r.answer == "value") return "value";
  return r.document_expected ? "document" : "text";
}

Table questionnaire_table(const SpecDocument& doc) {
  Table t;
  t.sheet = english(doc) ? "Questions" : "Frågor";
  t.title = doc.title + " – " + doc.case_title;
  t.headers = headers(doc, true);
  for (const auto& s : doc.sections)
    for (const auto& a : s.areas)
      for (const auto& r : a.requirements) t.rows.push_back(row(doc, s.title + " – " + a.title, r, true));
  return t;
}

std::vector<QuestionGroup> questionnaire_groups(const SpecDocument& doc) {
  std::vector<QuestionGroup> out;
  for (const auto& s : doc.sections)
    for (const auto& a : s.areas) {
      QuestionGroup g;
      g.title = s.number + " " + s.title + " – " + a.title;
      g.table.headers = headers(doc, false);
      for (const auto& r : a.requirements) g.table.rows.push_back(row(doc, "", r, false));
      out.push_back(std::move(g));
    }
  return out;
}

}  // namespace kk::io
