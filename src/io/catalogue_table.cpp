#include "io/catalogue_table.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

#include "domain/search_text.hpp"
#include "domain/text.hpp"
#include "io/grid.hpp"
#include "io/header_map.hpp"
#include "io/slug.hpp"

namespace kk::io {
using namespace kk::domain;

namespace {

// The columns, in the order the export writes them; the first name is the export's header.
const std::vector<ColumnSpec>& columns() {
  static const std::vector<ColumnSpec> specs = {
      {"id", {"Id", "Krav-id", "Kravid", "Kravnummer", "Nummer", "Nr", "Ref", "Ref id", "Requirement id"}, true},
      {"area", {"Område", "Kravområde", "Kategori", "Area", "Category"}},
      {"area_code", {"Områdeskod", "Area code"}},
      {"area_key", {"Områdesnyckel", "Area key"}},
      {"area_en", {"Område (engelska)", "Område engelska", "Area (English)", "Area English"}},
      {"kind", {"Typ", "Kravtyp", "Ska/bör", "Ska eller bör", "Kind", "Type"}},
      {"weight", {"Vikt", "Viktning", "Weight"}},
      {"placement", {"Placering", "Placement"}},
      {"answer", {"Svarstyp", "Svar", "Answer", "Answer type"}},
      {"text", {"Kravtext", "Text", "Krav", "Requirement", "Requirement text", "Ska-text"}, true},
      {"ar_text", {"ÄR-text", "Är-text", "Önskat läge", "Desired state"}},
      {"motive", {"Motiv", "Motivering", "Syfte", "Varför", "Motive", "Rationale"}, true},
      {"verification", {"Verifikat", "Verifiering", "Verification"}},
      {"checked", {"Kontrolleras", "Kontrolleras vid", "Checked"}},
      {"follow_up", {"Uppföljning", "Uppföljningsmetod", "Follow-up", "Follow-up method"}},
      {"frequency", {"Frekvens", "Uppföljningsfrekvens", "Frequency"}},
      {"iso27001", {"ISO 27001", "ISO/IEC 27001", "ISO27001"}},
      {"law", {"Lag", "Lagkrav", "Författning", "Law"}},
      {"references", {"Referenser", "Referens", "Källa", "Källor", "References", "Sources"}},
      {"standard_named", {"Eller likvärdigt", "Likvärdigt", "Or equivalent"}},
  };
  return specs;
}

// The label/value rows above the header that name the catalogue.
const std::vector<ColumnSpec>& identity_labels() {
  static const std::vector<ColumnSpec> labels = {
      {"id", {"Katalog-id", "Katalogid", "Catalogue id"}},
      {"version", {"Version"}},
      {"name", {"Namn", "Katalog", "Name", "Catalogue"}},
      {"name_en", {"Namn (engelska)", "Name (English)"}},
      {"language", {"Språk", "Language"}},
      {"description", {"Beskrivning", "Description"}},
      {"description_en", {"Beskrivning (engelska)", "Description (English)"}},
  };
  return labels;
}

// A whole number and nothing else ("3", not "3 av 10").
bool parse_int(const std::string& text, int& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

const std::string& header_of(const std::string& key) {
  return column_name(columns(), key);
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : "; ") + v;
  return out;
}

template <class E>
std::string joined_enums(const std::vector<E>& values) {
  std::string out;
  for (auto v : values) out += (out.empty() ? "" : "; ") + std::string(to_string(v));
  return out;
}

// A list cell: parts separated by semicolons or line breaks (commas stay: "GDPR art. 28, 32").
std::vector<std::string> split_list(const std::string& cell) {
  return io::split_list(cell, ";\n");
}

// A value as a code ("yes_no") or one of the words people write for it.
template <class E>
std::optional<E> enum_word(const std::string& cell, const std::map<std::string, E>& words) {
  std::string key = header_key(cell);
  for (auto name : enum_names(E{}))
    if (header_key(std::string(name)) == key) return parse_enum<E>(name);
  for (const auto& [word, value] : words)
    if (header_key(word) == key) return value;
  return std::nullopt;
}

template <class E>
std::string allowed_words(const std::map<std::string, E>& words) {
  std::string out;
  for (auto name : enum_names(E{})) out += (out.empty() ? "" : ", ") + std::string(name);
  for (const auto& [word, value] : words) out += ", " + word;
  return out;
}

const std::map<std::string, RequirementKind> kind_words = {
    {"bör", RequirementKind::bor}, {"ska-krav", RequirementKind::ska}, {"bör-krav", RequirementKind::bor},
    {"skall", RequirementKind::ska}, {"obligatoriskt", RequirementKind::ska}, {"mandatory", RequirementKind::ska},
    {"utvärderingskrav", RequirementKind::bor}, {"award", RequirementKind::bor}};
const std::map<std::string, Placement> placement_words = {
    {"kvalificering", Placement::qualification}, {"krav på leverantören", Placement::qualification},
    {"objekt", Placement::object}, {"krav på varan eller tjänsten", Placement::object},
    {"kravspecifikation", Placement::object}, {"avtal", Placement::contract},
    {"avtalsvillkor", Placement::contract}, {"tilldelning", Placement::award},
    {"tilldelningskriterier", Placement::award}};
const std::map<std::string, AnswerKind> answer_words = {
    {"ja/nej", AnswerKind::yes_no}, {"yes/no", AnswerKind::yes_no}, {"värde", AnswerKind::value},
    {"beskrivning", AnswerKind::description}, {"text", AnswerKind::description},
    {"accepteras", AnswerKind::acceptance}, {"acceptans", AnswerKind::acceptance}};
const std::map<std::string, Verification> verification_words = {
    {"uttalande om tillämplighet", Verification::soa}, {"statement of applicability", Verification::soa}};
const std::map<std::string, CheckMoment> check_words = {{"anbud", CheckMoment::tender},
                                                        {"avtal", CheckMoment::contract}};
const std::map<std::string, Frequency> frequency_words = {
    {"en gång", Frequency::once},          {"månadsvis", Frequency::monthly},
    {"varje månad", Frequency::monthly},   {"kvartalsvis", Frequency::quarterly},
    {"varje kvartal", Frequency::quarterly}, {"halvårsvis", Frequency::half_yearly},
    {"varje halvår", Frequency::half_yearly}, {"årligen", Frequency::yearly},
    {"varje år", Frequency::yearly},       {"vid förändring", Frequency::on_change},
    {"vid ändring", Frequency::on_change}, {"vid händelse", Frequency::on_event}};

// Reads one requirement row; every problem is added, and the row is kept only without any.
class RowReader {
 public:
  RowReader(const Grid& grid, const HeaderMatch& header, std::size_t row, std::vector<RowProblem>& problems)
      : grid_(grid), header_(header), row_(row), problems_(problems), count_(problems.size()) {}

  std::string cell(const std::string& key) const { return header_.value(grid_, row_, key); }
  unsigned number() const { return grid_.row_numbers[row_]; }
  bool clean() const { return problems_.size() == count_; }

  void problem(std::string code, std::map<std::string, std::string> params = {}) {
    problems_.push_back({number(), std::move(code), std::move(params)});
  }
  void bad_value(const std::string& key, const std::string& value, const std::string& allowed) {
    problem("bad_value", {{"column", header_of(key)}, {"value", value}, {"allowed", allowed}});
  }

  template <class E>
  std::optional<E> one(const std::string& key, const std::map<std::string, E>& words) {
    std::string value = cell(key);
    if (value.empty()) return std::nullopt;
    auto parsed = enum_word(value, words);
    if (!parsed) bad_value(key, value, allowed_words(words));
    return parsed;
  }
  template <class E>
  std::vector<E> many(const std::string& key, const std::map<std::string, E>& words) {
    std::vector<E> out;
    for (const auto& part : split_list(cell(key))) {
      if (auto parsed = enum_word(part, words)) {
        if (std::find(out.begin(), out.end(), *parsed) == out.end()) out.push_back(*parsed);
      } else {
        bad_value(key, part, allowed_words(words));
      }
    }
    return out;
  }

 private:
  const Grid& grid_;
  const HeaderMatch& header_;
  std::size_t row_;
  std::vector<RowProblem>& problems_;
  std::size_t count_;
};

struct AreaCells {
  std::string key, code, name, name_en;
};

// The area a row names: by its key when the table has one, else its code, else its name.
Area area_of(const AreaCells& cells, const std::string& catalogue_name) {
  Area a;
  a.name = {cells.name, cells.name_en};
  a.code = cells.code;
  a.key = !cells.key.empty() ? cells.key : slug(!cells.code.empty() ? cells.code : cells.name);
  if (a.name.sv.empty()) a.name.sv = !cells.code.empty() ? cells.code : cells.key;
  if (a.key.empty()) {  // no area at all: one area for the whole catalogue
    a.key = "krav";
    a.name = {catalogue_name, {}};
  }
  if (a.code.empty()) a.code = upper_ascii(a.key.substr(0, 3));
  return a;
}

// The key of the area a row names: one defined above the header (by key, code or name, in that
// order), else a new one made from the row's cells.
std::string area_for(Catalogue& c, const AreaCells& cells) {
  for (const std::string* given : {&cells.key, &cells.code, &cells.name}) {
    if (given->empty()) continue;
    for (const auto& a : c.areas)
      if (header_key(a.key) == header_key(*given) || header_key(a.code) == header_key(*given) ||
          header_key(a.name.sv) == header_key(*given))
        return a.key;
  }
  Area area = area_of(cells, c.name.sv);
  if (!c.find_area(area.key)) c.areas.push_back(area);
  return area.key;
}

void read_identity(const Grid& grid, std::size_t header_row, Catalogue& c, CatalogueTableReading& reading,
                   std::vector<RowProblem>& problems) {
  for (std::size_t r = 0; r < header_row; ++r) {
    std::string label = header_key(grid.cell(r, 0));
    std::string value = trimmed(grid.cell(r, 1));
    if ((label == header_key("Område") || label == "area") && !value.empty()) {
      // An area defined ahead of the requirements: key, code, name and English name.
      Area a{value, trimmed(grid.cell(r, 2)), {trimmed(grid.cell(r, 3)), trimmed(grid.cell(r, 4))}};
      if (a.name.sv.empty()) a.name.sv = value;
      if (a.code.empty()) a.code = upper_ascii(value.substr(0, 3));
      if (c.find_area(a.key)) problems.push_back({grid.row_numbers[r], "repeated_area", {{"value", a.key}}});
      else c.areas.push_back(std::move(a));
      continue;
    }
    for (const auto& spec : identity_labels()) {
      bool named = false;
      for (const auto& name : spec.names) named = named || header_key(name) == label;
      if (!named || value.empty()) continue;
      if (spec.key == "id") {
        c.id = value;
      } else if (spec.key == "version") {
        int v = 0;
        bool number = parse_int(value, v) && v >= 1;
        if (!number) problems.push_back({grid.row_numbers[r], "bad_version", {{"value", value}}});
        else c.version = v, reading.version_given = true;
      } else if (spec.key == "name") {
        c.name.sv = value;
      } else if (spec.key == "name_en") {
        c.name.en = value;
      } else if (spec.key == "language") {
        c.language = header_key(value) == "en" || header_key(value) == "engelska" ? "en" : "sv";
      } else if (spec.key == "description") {
        c.description.sv = value;
      } else if (spec.key == "description_en") {
        c.description.en = value;
      }
    }
  }
}

std::string file_stem(const std::string& file_name) {
  auto slash = file_name.find_last_of("/\\");
  std::string base = slash == std::string::npos ? file_name : file_name.substr(slash + 1);
  auto dot = base.rfind('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

}  // namespace

bool looks_like_spreadsheet(const std::string& bytes, const std::string& file_name) {
  if (looks_like_xlsx(bytes)) return true;
  std::string lower = domain::fold_case(file_name);
  return lower.size() > 4 && (lower.compare(lower.size() - 4, 4, ".csv") == 0 ||
                              lower.compare(lower.size() - 4, 4, ".tsv") == 0);
}

Table catalogue_table(const Catalogue& c) {
  Table t;
  t.sheet = "Kravkatalog";
  t.title = "Kravkatalog: " + c.name.sv;
  t.preamble = {{"Katalog-id", c.id}, {"Version", std::to_string(c.version)}, {"Namn", c.name.sv},
                {"Namn (engelska)", c.name.en}, {"Språk", c.language}, {"Beskrivning", c.description.sv},
                {"Beskrivning (engelska)", c.description.en}};
  // The areas in the catalogue's order, those without requirements too: key, code, name, English name.
  for (const auto& a : c.areas) t.preamble.push_back({"Område", a.key, a.code, a.name.sv, a.name.en});
  for (const auto& spec : columns()) t.headers.push_back(spec.names.front());
  for (const auto& r : c.requirements) {
    const Area* area = c.find_area(r.area);
    std::string weight = r.kind == RequirementKind::bor || r.weight ? std::to_string(r.weight) : "";
    t.rows.push_back({r.id, area ? area->name.sv : r.area, area ? area->code : "", r.area, area ? area->name.en : "",
                      r.kind == RequirementKind::bor ? "bör" : "ska", weight, std::string(to_string(r.placement)),
                      std::string(to_string(r.answer)), r.ska_text, r.ar_text, r.motive,
                      joined_enums(r.verification), joined_enums(r.checked),
                      r.follow_up ? r.follow_up->method : "",
                      r.follow_up ? std::string(to_string(r.follow_up->frequency)) : "", joined(r.iso27001),
                      joined(r.law), joined(r.sources), r.standard_named ? "ja" : ""});
  }
  return t;
}

Result<CatalogueTableReading> read_catalogue_table(const std::string& bytes, const std::string& file_name) {
  auto grids = KK_TRY(read_grid(bytes));
  const Grid* grid = nullptr;
  std::optional<HeaderMatch> header;
  for (const auto& g : grids)
    if ((header = match_header(g, columns()))) {
      grid = &g;
      break;
    }
  if (!grid) {
    std::string wanted;
    for (const auto& spec : columns())
      if (spec.required) wanted += (wanted.empty() ? "" : ", ") + spec.names.front();
    return Error::invalid("error.header_row_missing", "file").with("columns", wanted);
  }

  CatalogueTableReading reading;
  Catalogue& c = reading.catalogue;
  auto& problems = reading.problems;
  reading.ignored_columns = header->ignored;
  for (const auto& h : header->repeated) problems.push_back({grid->row_numbers[header->row], "repeated_column", {{"column", h}}});
  read_identity(*grid, header->row, c, reading, problems);
  std::string stem = file_stem(file_name);
  if (c.name.sv.empty()) c.name.sv = stem.empty() ? "Kravkatalog" : stem;
  if (c.id.empty()) c.id = slug(stem);
  if (c.id.empty()) problems.push_back({0, "id_missing", {}});

  std::map<std::string, unsigned> first_row;  // requirement id -> row it was first on
  for (std::size_t r = header->row + 1; r < grid->rows.size(); ++r) {
    RowReader row(*grid, *header, r, problems);
    bool blank = true;
    for (const auto& [key, column] : header->columns) blank = blank && row.cell(key).empty();
    if (blank) continue;
    if (c.requirements.size() >= 10000) {
      row.problem("too_many", {{"max", "10000"}});
      break;
    }
    Requirement q;
    q.id = row.cell("id");
    q.ska_text = row.cell("text");
    q.motive = row.cell("motive");
    q.ar_text = row.cell("ar_text");
    for (const char* key : {"id", "text", "motive"})
      if (row.cell(key).empty()) row.problem("missing", {{"column", header_of(key)}});
    if (!q.id.empty()) {
      if (domain::utf8_length(q.id) > 64) row.problem("id_too_long", {{"max", "64"}});
      auto [it, fresh] = first_row.emplace(q.id, row.number());
      if (!fresh) row.problem("duplicate_id", {{"value", q.id}, {"first_row", std::to_string(it->second)}});
    }
    q.kind = row.one("kind", kind_words).value_or(RequirementKind::ska);
    if (auto p = row.one("placement", placement_words)) q.placement = *p;
    q.answer = row.one("answer", answer_words)
                   .value_or(q.kind == RequirementKind::bor ? AnswerKind::description : AnswerKind::yes_no);
    if (std::string w = row.cell("weight"); !w.empty()) {
      if (!parse_int(w, q.weight) || q.weight < 1 || q.weight > 10) row.problem("weight", {{"value", w}});
    }
    if (q.kind == RequirementKind::bor && q.weight == 0 && row.cell("weight").empty()) row.problem("weight_missing");
    if (q.placement == Placement::award && q.kind != RequirementKind::bor) row.problem("award_must_be_bor");
    if (q.kind == RequirementKind::ska && q.answer != AnswerKind::yes_no && q.answer != AnswerKind::acceptance)
      row.problem("ska_answer", {{"value", row.cell("answer")}});
    q.verification = row.many("verification", verification_words);
    if (q.verification.empty() && row.cell("verification").empty()) q.verification = {Verification::intyg};
    q.checked = row.many("checked", check_words);
    std::string method = row.cell("follow_up");
    auto frequency = row.one("frequency", frequency_words);
    if (!method.empty() || frequency) q.follow_up = FollowUp{method, frequency.value_or(Frequency::yearly)};
    q.iso27001 = split_list(row.cell("iso27001"));
    q.law = split_list(row.cell("law"));
    q.sources = split_list(row.cell("references"));
    if (q.sources.empty()) q.sources = {(file_name.empty() ? c.id : file_name) + ", rad " + std::to_string(row.number())};
    if (auto named = yes_no_word(row.cell("standard_named"))) q.standard_named = *named;
    else row.bad_value("standard_named", row.cell("standard_named"), "ja, nej");
    q.area = area_for(c, {row.cell("area_key"), row.cell("area_code"), row.cell("area"), row.cell("area_en")});
    q.catalogue = c.id;
    if (row.clean()) c.requirements.push_back(std::move(q));
  }
  if (c.requirements.empty() && problems.empty()) problems.push_back({0, "no_requirements", {}});
  if (problems.empty()) {
    // Every rule validate() checks was checked above, row by row; this is the last guard.
    if (auto valid = c.validate(); !valid) {
      std::string id = valid.error().field.substr(0, valid.error().field.find('.'));
      problems.push_back({first_row.count(id) ? first_row[id] : 0, "invalid",
                          {{"detail", valid.error().key + " " + valid.error().field}}});
    }
  }
  c.parts = {{c.id, c.version}};
  c.build_index();
  return reading;
}

}  // namespace kk::io
