#include "io/spec_text_writers.hpp"
#include "io/table_export.hpp"

namespace kk::io {

namespace {
// Markdown: keep the text as it is but stop characters that would start markup.
std::string md_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '*' || c == '_' || c == '`' || c == '#' || c == '[' || c == ']' || c == '<' || c == '>' || c == '|')
      out += '\\';
    out += c;
  }
  return out;
}
}  // namespace

std::string write_csv(const SpecDocument& doc) {
  Table table;
  table.headers = {"Nr", "Id", doc.label_placement, doc.label_area, doc.label_kind, doc.label_weight,
                   doc.label_requirement, doc.label_verification, doc.label_answer, doc.label_comment};
  for (const DocRequirement* r : doc.all())
    table.rows.push_back({r->number, r->id, r->placement_label, r->area_label, r->kind_label,
                          r->mandatory ? std::string() : std::to_string(r->weight), r->text, r->verification,
                          r->answer_label, ""});
  return write_table_csv(table);
}

std::string write_markdown(const SpecDocument& doc) {
  std::string out = "# " + md_text(doc.title) + "\n\n";
  out += "- " + doc.label_organisation + ": " + md_text(doc.organisation) + "\n";
  out += "- " + doc.label_case + ": " + md_text(doc.case_title) + "\n";
  out += "- " + doc.label_registry_number + ": " + md_text(doc.registry_number) + "\n";
  out += "- " + doc.label_date + ": " + doc.date + "\n\n";
  for (const auto& p : doc.intro) out += md_text(p) + "\n\n";
  for (const auto& s : doc.sections) {
    out += "## " + s.number + " " + md_text(s.title) + "\n\n";
    if (!s.intro.empty()) out += md_text(s.intro) + "\n\n";
    for (const auto& a : s.areas) {
      out += "### " + md_text(a.title) + "\n\n";
      for (const auto& r : a.requirements) {
        out += "**" + r.number + " " + r.id + "** – " + md_text(r.kind_label);
        if (!r.mandatory) out += " (" + doc.label_weight + " " + std::to_string(r.weight) + ")";
        out += "\n\n" + md_text(r.text) + "\n\n";
        out += "*" + doc.label_verification + ":* " + md_text(r.verification) + ". *" + doc.label_answer + ":* " +
               md_text(r.answer_label) + "\n\n";
      }
    }
  }
  if (!doc.evaluation.empty())
    for (const auto& p : doc.evaluation) out += md_text(p) + "\n\n";
  out += "## " + md_text(doc.reasons_title) + "\n\n" + md_text(doc.reasons_intro) + "\n\n";
  for (const DocRequirement* r : doc.all()) {
    out += "- **" + r->number + " " + r->id + "**: " + md_text(r->motive) + "\n";
    for (const auto& reason : r->reasons) out += "  - " + md_text(reason) + "\n";
  }
  return out;
}

}  // namespace kk::io
