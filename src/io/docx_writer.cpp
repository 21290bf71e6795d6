#include "io/docx_writer.hpp"

#include "io/zip_writer.hpp"

#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kk::io {
namespace {

// ------------------------------------------------------------------------------------------
// Page geometry in twentieths of a point (twips). Without an explicit w:pgSz, Word and
// LibreOffice fall back to US Letter.
constexpr int kPageWidth = 11906;   // A4, 210 mm
constexpr int kPageHeight = 16838;  // A4, 297 mm
constexpr int kMarginTop = 1701;    // 30 mm: room for the running header
constexpr int kMarginSide = 1418;   // 25 mm
constexpr int kMarginBottom = 1418;
constexpr int kHeaderDistance = 709;  // 12.5 mm from the page edge to the header
constexpr int kTextWidth = kPageWidth - 2 * kMarginSide;

// Colours (RGB hex) shared by the styles.
constexpr std::string_view kAccent = "1F3864";      // dark blue: title, headings, ska-krav tag
constexpr std::string_view kAccentPale = "DCE6F2";  // pale blue: bör-krav tag
constexpr std::string_view kMuted = "595959";       // grey: header, verification lines
constexpr std::string_view kRule = "BFBFBF";        // light grey: line above each requirement

// Style ids, as referenced from document.xml and header1.xml.
constexpr std::string_view kTitle = "Title";
constexpr std::string_view kTitleField = "TitleField";
constexpr std::string_view kNormal = "Normal";
constexpr std::string_view kHeading1 = "Heading1";
constexpr std::string_view kHeading2 = "Heading2";
constexpr std::string_view kRequirementTitle = "RequirementTitle";
constexpr std::string_view kRequirementText = "RequirementText";
constexpr std::string_view kRequirementMeta = "RequirementMeta";
constexpr std::string_view kReasonLine = "ReasonLine";
constexpr std::string_view kHeader = "Header";
constexpr std::string_view kMandatoryTag = "MandatoryTag";  // character style
constexpr std::string_view kOptionalTag = "OptionalTag";    // character style

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// std::string + std::string_view only arrives in C++26; the XML below is built with it.
std::string operator+(std::string lhs, std::string_view rhs) {
  return lhs.append(rhs);
}

// ------------------------------------------------------------------------------------------
// XML text

// Reads the UTF-8 sequence at s[i] and advances i past it. A malformed sequence (stray
// continuation byte, overlong form, surrogate, value above U+10FFFF, cut-off end) yields
// U+FFFD and skips one byte, so one bad byte in a user's text cannot make Word reject the
// whole file.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  constexpr char32_t kReplacement = 0xFFFD;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  const std::size_t length = lead >= 0xF5 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || i + length > s.size()) {
    ++i;
    return kReplacement;
  }
  char32_t cp = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  constexpr char32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kShortest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += length;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// XML 1.0 cannot hold other control characters at all, not even as character references.
bool allowed_in_xml(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         cp >= 0x10000;
}

// Text for element content or an attribute value: markup characters escaped, characters
// XML cannot hold dropped.
std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (allowed_in_xml(cp)) append_utf8(out, cp);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Runs and paragraphs

constexpr std::string_view kBold = "<w:b/>";

std::string char_style(std::string_view style) {
  return "<w:rStyle w:val=\"" + std::string(style) + "\"/>";
}

// A run of text with optional run properties. Tabs and line breaks become <w:tab/> and
// <w:br/>: inside <w:t> Word would show them as plain spaces.
std::string run(std::string_view text, std::string_view properties = {}) {
  std::string out = "<w:r>";
  if (!properties.empty()) out += "<w:rPr>" + std::string(properties) + "</w:rPr>";
  std::size_t start = 0;
  const auto flush_text = [&](std::size_t end) {
    if (end > start) out += "<w:t xml:space=\"preserve\">" + escape(text.substr(start, end - start)) + "</w:t>";
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\t' && c != '\n' && c != '\r') continue;
    flush_text(i);
    start = i + 1;
    if (c == '\t')
      out += "<w:tab/>";
    else if (c == '\n' || i + 1 == text.size() || text[i + 1] != '\n')
      out += "<w:br/>";  // "\r\n" is one break
  }
  flush_text(text.size());
  return out + "</w:r>";
}

// A field Word and LibreOffice compute when laying out (PAGE, NUMPAGES); "1" until then.
std::string field(std::string_view instruction) {
  return "<w:fldSimple w:instr=\" " + std::string(instruction) + " \">" + run("1") + "</w:fldSimple>";
}

std::string paragraph(std::string_view style, const std::string& runs, bool page_break_before = false) {
  std::string out = "<w:p><w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/>";
  if (page_break_before) out += "<w:pageBreakBefore/>";
  return out + "</w:pPr>" + runs + "</w:p>";
}

// "2.3" and "BEH-03" -> "2.3 BEH-03", leaving out empty parts.
std::string join_words(std::initializer_list<std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (w.empty()) continue;
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// Collects the document body. A page break is carried by the next paragraph
// (w:pageBreakBefore) rather than written as a paragraph of its own, which would leave an
// empty line at the top of the new page.
class Body {
 public:
  void add(std::string_view style, const std::string& runs) {
    xml_ += paragraph(style, runs, page_break_);
    page_break_ = false;
  }
  // Empty texts are left out rather than written as empty paragraphs.
  void add_text(std::string_view style, std::string_view text) {
    if (!text.empty()) add(style, run(text));
  }
  // "Label: value" with the label in bold; left out when the value is empty.
  void add_labelled(std::string_view style, std::string_view label, std::string_view separator,
                    std::string_view value) {
    if (!value.empty()) add(style, run(std::string(label) + separator, kBold) + run(value));
  }
  void new_page() { page_break_ = true; }
  // A table, followed by an empty paragraph so a body never ends on a table.
  void add_table(const std::string& table_xml) {
    xml_ += table_xml + "<w:p/>";
    page_break_ = false;
  }
  // A body needs at least one paragraph to be a valid document.
  std::string xml() const { return xml_.empty() ? "<w:p/>" : xml_; }

 private:
  std::string xml_;
  bool page_break_ = false;
};

// Properties used by the layout and the styles.
std::string color(std::string_view rgb) {
  return "<w:color w:val=\"" + std::string(rgb) + "\"/>";
}
std::string size(int half_points) {
  const std::string v = std::to_string(half_points);
  return "<w:sz w:val=\"" + v + "\"/><w:szCs w:val=\"" + v + "\"/>";
}
std::string spacing(int before, int after) {
  return "<w:spacing w:before=\"" + std::to_string(before) + "\" w:after=\"" + std::to_string(after) + "\"/>";
}
std::string border(std::string_view side, int eighths_of_a_point, std::string_view rgb, int space) {
  return "<w:" + std::string(side) + " w:val=\"single\" w:sz=\"" + std::to_string(eighths_of_a_point) +
         "\" w:space=\"" + std::to_string(space) + "\" w:color=\"" + std::string(rgb) + "\"/>";
}
std::string tab_stop(std::string_view alignment, int position) {
  return "<w:tabs><w:tab w:val=\"" + std::string(alignment) + "\" w:pos=\"" + std::to_string(position) +
         "\"/></w:tabs>";
}
std::string shading(std::string_view rgb) {
  return "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"" + std::string(rgb) + "\"/>";
}

// ------------------------------------------------------------------------------------------
// Layout

void write_title_page(Body& body, const SpecDocument& doc) {
  body.add_text(kTitle, doc.title);
  // The tab lines the values up at the style's tab stop.
  body.add_labelled(kTitleField, doc.label_organisation, "\t", doc.organisation);
  body.add_labelled(kTitleField, doc.label_case, "\t", doc.case_title);
  body.add_labelled(kTitleField, doc.label_registry_number, "\t", doc.registry_number);
  body.add_labelled(kTitleField, doc.label_date, "\t", doc.date);
}

// "2.3 BEH-03 – [Bör-krav (Vikt 3)]": the kind is a shaded tag, dark for ska-krav and pale
// for bör-krav, so the two read apart at a glance and in grey-scale print too.
void write_requirement(Body& body, const SpecDocument& doc, const DocRequirement& r) {
  std::string kind = r.kind_label;
  if (!r.mandatory) kind += " (" + join_words({doc.label_weight, std::to_string(r.weight)}) + ")";
  constexpr std::string_view kNbsp = "\xC2\xA0";  // pads the shading around the tag's text
  const std::string tag = std::string(kNbsp) + kind + kNbsp;
  body.add(kRequirementTitle, run(join_words({r.number, r.id}) + " – ", kBold) +
                                  run(tag, char_style(r.mandatory ? kMandatoryTag : kOptionalTag)));
  body.add_text(kRequirementText, r.text);

  std::string meta;
  if (!r.verification.empty()) meta += run(doc.label_verification + ": ", kBold) + run(r.verification);
  if (!r.answer_label.empty()) {
    if (!meta.empty()) meta += run("\n");
    meta += run(doc.label_answer + ": ", kBold) + run(r.answer_label);
  }
  if (!meta.empty()) body.add(kRequirementMeta, meta);
}

void write_section(Body& body, const SpecDocument& doc, const DocSection& section) {
  body.add_text(kHeading1, join_words({section.number, section.title}));
  body.add_text(kNormal, section.intro);
  for (const DocArea& area : section.areas) {
    body.add_text(kHeading2, area.title);
    for (const DocRequirement& r : area.requirements) write_requirement(body, doc, r);
  }
}

void write_evaluation(Body& body, const SpecDocument& doc) {
  if (doc.evaluation.empty()) return;
  body.add_text(kHeading1, doc.label_evaluation);
  for (const std::string& text : doc.evaluation) body.add_text(kNormal, text);
}

// A simple grid: thin borders, centred text, each cell's own fill; the first row and first
// column in bold (they carry the headings).
std::string table_xml(const DocTable& t) {
  std::size_t columns = 0;
  for (const auto& row : t.cells) columns = std::max(columns, row.size());
  if (columns == 0) return {};
  const int width = 9000 / static_cast<int>(columns);
  std::string out =
      "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>";
  for (std::string_view side : {"top", "left", "bottom", "right", "insideH", "insideV"}) out += border(side, 4, kMuted, 0);
  out += "</w:tblBorders></w:tblPr><w:tblGrid>";
  for (std::size_t c = 0; c < columns; ++c) out += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
  out += "</w:tblGrid>";
  for (std::size_t r = 0; r < t.cells.size(); ++r) {
    out += "<w:tr>";
    for (std::size_t c = 0; c < columns; ++c) {
      std::string text = c < t.cells[r].size() ? t.cells[r][c] : "";
      std::string fill = r < t.fills.size() && c < t.fills[r].size() ? t.fills[r][c] : "";
      out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
      if (!fill.empty()) out += shading(escape(fill));
      out += "</w:tcPr><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>" +
             run(text, r == 0 || c == 0 ? std::string(kBold) : std::string()) + "</w:p></w:tc>";
    }
    out += "</w:tr>";
  }
  return out + "</w:tbl>";
}

void write_blocks(Body& body, const SpecDocument& doc) {
  for (const DocBlock& b : doc.blocks) {
    switch (b.kind) {
      case DocBlock::Kind::heading1: body.add_text(kHeading1, b.text); break;
      case DocBlock::Kind::heading2: body.add_text(kHeading2, b.text); break;
      case DocBlock::Kind::paragraph: body.add_text(kNormal, b.text); break;
      case DocBlock::Kind::table: body.add_table(table_xml(b.table)); break;
    }
  }
}

// The appendix on why each requirement is there, on pages of its own.
void write_reasons(Body& body, const SpecDocument& doc) {
  const std::vector<const DocRequirement*> requirements = doc.all();
  if (requirements.empty() && doc.reasons_title.empty()) return;
  body.new_page();
  body.add_text(kHeading1, doc.reasons_title);
  body.add_text(kNormal, doc.reasons_intro);
  for (const DocRequirement* r : requirements) {
    body.add(kRequirementTitle, run(join_words({r->number, r->id}), kBold));
    body.add_labelled(kRequirementText, doc.label_motive, ": ", r->motive);
    if (r->reasons.empty()) continue;
    body.add(kRequirementText, run(doc.label_reasons + ":", kBold));
    for (const std::string& reason : r->reasons) body.add(kReasonLine, run("–\t" + reason));
  }
}

// A WordprocessingML attribute with a number, e.g. ` w:top="1701"`.
std::string attribute(std::string_view name, int value) {
  return " w:" + std::string(name) + "=\"" + std::to_string(value) + "\"";
}

std::string section_properties() {
  const std::string page_size = "<w:pgSz" + attribute("w", kPageWidth) + attribute("h", kPageHeight) + "/>";
  const std::string margins = "<w:pgMar" + attribute("top", kMarginTop) + attribute("right", kMarginSide) +
                              attribute("bottom", kMarginBottom) + attribute("left", kMarginSide) +
                              attribute("header", kHeaderDistance) + attribute("footer", kHeaderDistance) +
                              attribute("gutter", 0) + "/>";
  // w:titlePg gives the title page its own header, here none.
  return "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>" + page_size + margins +
         "<w:titlePg/></w:sectPr>";
}

std::string document_xml(const SpecDocument& doc) {
  Body body;
  write_title_page(body, doc);
  body.new_page();
  for (const std::string& text : doc.intro) body.add_text(kNormal, text);
  write_blocks(body, doc);
  for (const DocSection& section : doc.sections) write_section(body, doc, section);
  write_evaluation(body, doc);
  write_reasons(body, doc);
  return std::string(kXmlDeclaration) + "<w:document xmlns:w=\"" + kWordNs + "\" xmlns:r=\"" + kRelNs + "\"><w:body>" +
         body.xml() + section_properties() + "</w:body></w:document>";
}

// Running header from page 2 on: organisation and "page (pages)", the Swedish way of
// numbering pages, then the title and the registry number.
std::string header_xml(const SpecDocument& doc) {
  const std::string page = run("\t") + field("PAGE") + run(" (") + field("NUMPAGES") + run(")");
  std::string registry;
  if (!doc.registry_number.empty()) registry = "\t" + doc.label_registry_number + " " + doc.registry_number;
  return std::string(kXmlDeclaration) + "<w:hdr xmlns:w=\"" + kWordNs + "\" xmlns:r=\"" + kRelNs + "\">" +
         paragraph(kHeader, run(doc.organisation) + page) + paragraph(kHeader, run(doc.title + registry)) + "</w:hdr>";
}

// ------------------------------------------------------------------------------------------
// Styles

struct StyleDefinition {
  std::string_view type;  // paragraph | character
  std::string_view id;
  std::string_view name;  // built-in styles use Word's own lower-case names ("heading 1")
  std::string_view based_on;
  std::string_view next;
  std::string paragraph_properties;  // children of w:pPr, in schema order
  std::string run_properties;        // children of w:rPr, in schema order
};

std::string style_xml(const StyleDefinition& s) {
  std::string out = "<w:style w:type=\"" + std::string(s.type) + "\" w:styleId=\"" + std::string(s.id) + "\"";
  if (s.id == kNormal) out += " w:default=\"1\"";
  out += "><w:name w:val=\"" + std::string(s.name) + "\"/>";
  if (!s.based_on.empty()) out += "<w:basedOn w:val=\"" + std::string(s.based_on) + "\"/>";
  if (!s.next.empty()) out += "<w:next w:val=\"" + std::string(s.next) + "\"/>";
  out += "<w:qFormat/>";
  if (!s.paragraph_properties.empty()) out += "<w:pPr>" + s.paragraph_properties + "</w:pPr>";
  if (!s.run_properties.empty()) out += "<w:rPr>" + s.run_properties + "</w:rPr>";
  return out + "</w:style>";
}

// "sv" -> "sv-SE" for Word's proofing language.
std::string locale(const std::string& language) {
  if (language == "sv") return "sv-SE";
  if (language == "en") return "en-GB";
  return language;
}

std::string styles_xml(const SpecDocument& doc) {
  const std::string keep = "<w:keepNext/><w:keepLines/>";
  const std::vector<StyleDefinition> styles = {
      {"paragraph", kNormal, "Normal", "", "", "", ""},
      {"paragraph", kTitle, "Title", kNormal, kTitleField,
       "<w:pBdr>" + border("bottom", 12, kAccent, 8) + "</w:pBdr>" + spacing(3400, 480),
       std::string(kBold) + color(kAccent) + "<w:kern w:val=\"28\"/>" + size(52)},
      {"paragraph", kTitleField, "Title Field", kNormal, kTitleField, tab_stop("left", 2552) + spacing(0, 100),
       size(22)},
      {"paragraph", kHeading1, "heading 1", kNormal, kNormal, keep + spacing(480, 160) + "<w:outlineLvl w:val=\"0\"/>",
       std::string(kBold) + color(kAccent) + size(32)},
      {"paragraph", kHeading2, "heading 2", kNormal, kNormal, keep + spacing(320, 120) + "<w:outlineLvl w:val=\"1\"/>",
       std::string(kBold) + color(kAccent) + size(25)},
      // The thin rule above each requirement separates one from the next.
      {"paragraph", kRequirementTitle, "Requirement Title", kNormal, kRequirementText,
       keep + "<w:pBdr>" + border("top", 4, kRule, 6) + "</w:pBdr>" + spacing(240, 80), std::string(kBold)},
      {"paragraph", kRequirementText, "Requirement Text", kNormal, kRequirementMeta, "<w:keepNext/>" + spacing(0, 80),
       ""},
      {"paragraph", kRequirementMeta, "Requirement Verification", kNormal, kRequirementTitle, spacing(0, 120),
       color(kMuted) + size(18)},
      // Hanging indent: the dash stands out, wrapped lines align with the text.
      {"paragraph", kReasonLine, "Reason", kNormal, kReasonLine,
       tab_stop("left", 284) + spacing(0, 40) + "<w:ind w:left=\"284\" w:hanging=\"284\"/>", ""},
      // Both header lines share the border, so it is drawn once, under the second.
      {"paragraph", kHeader, "header", kNormal, kHeader,
       "<w:pBdr>" + border("bottom", 4, kMuted, 4) + "</w:pBdr>" + tab_stop("right", kTextWidth) + spacing(0, 0),
       color(kMuted) + size(16)},
      {"character", kMandatoryTag, "Mandatory Requirement", "", "", "",
       std::string(kBold) + color("FFFFFF") + shading(kAccent)},
      {"character", kOptionalTag, "Optional Requirement", "", "", "",
       std::string(kBold) + color(kAccent) + shading(kAccentPale)},
  };
  const std::string lang = escape(locale(doc.language));
  // Arial is on every Word installation; LibreOffice uses the metric-compatible Liberation Sans.
  std::string out = std::string(kXmlDeclaration) + "<w:styles xmlns:w=\"" + kWordNs + "\"><w:docDefaults>" +
                    "<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" "
                    "w:cs=\"Arial\"/>" +
                    size(21) + "<w:lang w:val=\"" + lang + "\" w:eastAsia=\"" + lang +
                    "\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" "
                    "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>";
  for (const StyleDefinition& s : styles) out += style_xml(s);
  return out + "</w:styles>";
}

// ------------------------------------------------------------------------------------------
// Package parts

std::string content_types_xml() {
  constexpr std::string_view kMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  return std::string(kXmlDeclaration) +
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/word/document.xml\" ContentType=\"" +
         kMain +
         "document.main+xml\"/>"
         "<Override PartName=\"/word/styles.xml\" ContentType=\"" +
         kMain +
         "styles+xml\"/>"
         "<Override PartName=\"/word/header1.xml\" ContentType=\"" +
         kMain +
         "header+xml\"/>"
         "<Override PartName=\"/docProps/core.xml\" "
         "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
         "</Types>";
}

std::string relationship(std::string_view id, std::string_view type, std::string_view target) {
  return "<Relationship Id=\"" + std::string(id) + "\" Type=\"" + std::string(type) + "\" Target=\"" +
         std::string(target) + "\"/>";
}

std::string relationships(const std::string& list) {
  return std::string(kXmlDeclaration) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + list +
         "</Relationships>";
}

std::string root_rels_xml() {
  return relationships(
      relationship("rIdDocument", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                   "word/document.xml") +
      relationship("rIdCore", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                   "docProps/core.xml"));
}

std::string document_rels_xml() {
  const std::string base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  return relationships(relationship("rIdStyles", base + "styles", "styles.xml") +
                       relationship("rIdHeader", base + "header", "header1.xml"));
}

std::string core_xml(const SpecDocument& doc) {
  std::string out = std::string(kXmlDeclaration) +
                    "<cp:coreProperties "
                    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  out += "<dc:title>" + escape(doc.title) + "</dc:title>";
  if (!doc.case_title.empty()) out += "<dc:subject>" + escape(doc.case_title) + "</dc:subject>";
  if (!doc.organisation.empty()) out += "<dc:creator>" + escape(doc.organisation) + "</dc:creator>";
  out += "<dc:language>" + escape(locale(doc.language)) + "</dc:language>";
  return out + "</cp:coreProperties>";
}

}  // namespace

std::string write_docx(const SpecDocument& doc) {
  // [Content_Types].xml first: some readers expect it at the start of the archive.
  const std::vector<ZipPart> parts = {
      {"[Content_Types].xml", content_types_xml()},
      {"_rels/.rels", root_rels_xml()},
      {"docProps/core.xml", core_xml(doc)},
      {"word/document.xml", document_xml(doc)},
      {"word/_rels/document.xml.rels", document_rels_xml()},
      {"word/styles.xml", styles_xml(doc)},
      {"word/header1.xml", header_xml(doc)},
  };
  return zip_in_memory(parts);
}

}  // namespace kk::io
