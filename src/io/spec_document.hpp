#pragma once
// The tender appendix as a plain document model, built from a case's specification (in
// app/) and written out by the format writers in io/ (DOCX, XLSX, CSV, JSON, Markdown).
// All texts are final, in the document's language: the writers only lay them out.
#include <string>
#include <vector>

namespace kk::io {

struct DocRequirement {
  std::string number;        // numbering in the document, e.g. "2.3"
  std::string id;            // stable requirement id, e.g. "BEH-03"
  bool mandatory = true;     // ska-krav (true) or bör-krav (false)
  std::string kind_label;    // "Ska-krav" / "Bör-krav" (document language)
  int weight = 0;            // bör-krav only
  std::string placement_label;  // e.g. "Krav på leverantören"
  std::string area_label;       // e.g. "Behörighet och identitet"
  std::string text;          // the SKA-form text, with "eller likvärdigt" and the case's own text already added
  std::string answer;        // yes_no | value | description | acceptance (drives the answer column)
  std::string answer_label;  // e.g. "Ja/Nej"
  bool equivalent_allowed = false;  // "or equivalent": may be met in another way
  std::string verification;  // e.g. "intyg, certifikat"
  bool document_expected = false;  // verified by a document the tenderer attaches (certificate, SoA, documentation)
  std::string motive;
  std::vector<std::string> reasons;  // one line per reason: the rule and the facts that put it there
};

struct DocArea {
  std::string title;  // area name
  std::vector<DocRequirement> requirements;
};

struct DocSection {
  std::string number;  // "1", "2", …
  std::string title;   // placement, e.g. "Avtalsvillkor"
  std::string intro;   // one paragraph on what this kind of requirement means
  std::vector<DocArea> areas;
};

// Free content for documents that are not a requirement list (the risk report): headings,
// paragraphs and simple tables, written after the intro.
struct DocTable {
  std::vector<std::vector<std::string>> cells;  // rows of cells
  std::vector<std::vector<std::string>> fills;  // the same shape: RRGGBB background, or empty
};

struct DocBlock {
  enum class Kind { heading1, heading2, paragraph, table };
  Kind kind = Kind::paragraph;
  std::string text;
  DocTable table;
};

struct SpecDocument {
  std::string language = "sv";
  std::string title;            // "Bilaga – Villkor för informationssäkerhet"
  std::string organisation;
  std::string case_title;
  std::string registry_number;
  std::string date;             // YYYY-MM-DD
  std::vector<std::string> intro;       // paragraphs after the title page
  std::vector<DocBlock> blocks;         // free content after the intro (may be empty)
  std::vector<DocSection> sections;     // by placement, each with its areas
  std::vector<std::string> evaluation;  // paragraphs on how bör-krav are scored (may be empty)
  std::string reasons_title;            // appendix heading, e.g. "Bilaga: Varför kraven ställs"
  std::string reasons_intro;
  // Labels used by the layouts, in the document's language.
  std::string label_requirement = "Krav";
  std::string label_kind = "Typ";
  std::string label_weight = "Vikt";
  std::string label_verification = "Verifikat";
  std::string label_answer = "Svar";
  std::string label_comment = "Kommentar";
  std::string label_attachment = "Bilaga";
  std::string label_area = "Område";
  std::string label_placement = "Placering";
  std::string label_motive = "Motiv";
  std::string label_reasons = "Skäl";
  std::string label_case = "Ärende";
  std::string label_registry_number = "Diarienummer";
  std::string label_date = "Datum";
  std::string label_organisation = "Organisation";
  std::string label_evaluation = "Utvärdering";

  // Every requirement in document order.
  std::vector<const DocRequirement*> all() const {
    std::vector<const DocRequirement*> out;
    for (const auto& s : sections)
      for (const auto& a : s.areas)
        for (const auto& r : a.requirements) out.push_back(&r);
    return out;
  }
};

}  // namespace kk::io
