#include "io/xlsx_reader.hpp"

#include <zip.h>

#include <charconv>
#include <exception>
#include <new>
#include <optional>
#include <pugixml.hpp>
#include <string_view>
#include <utility>

namespace kk::io {
using domain::Error;
using domain::Result;

namespace {

constexpr std::size_t kChunk = 64 * 1024;
// Small files compress unevenly (a 0-byte file "compresses" to 2 bytes), and a bomb is only a
// danger once it is big, so the ratio is enforced from this many inflated bytes on.
constexpr std::uint64_t kRatioFloor = 1024 * 1024;
// Cells kept in memory per sheet, empty ones in between included: one value far to the right
// in every row would otherwise turn a few kilobytes of XML into millions of empty strings.
constexpr std::size_t kMaxCells = 2'000'000;

Error not_zip() {
  return Error::invalid("error.xlsx_not_zip");
}
Error too_large(const std::string& where) {
  return Error::invalid("error.xlsx_too_large", where);
}
Error malformed(const std::string& where) {
  return Error::invalid("error.xlsx_malformed", where);
}

bool ratio_exceeded(std::uint64_t inflated, std::uint64_t compressed, double max_ratio) {
  if (inflated <= kRatioFloor) return false;
  if (compressed == 0) return true;
  return static_cast<double>(inflated) / static_cast<double>(compressed) > max_ratio;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// SafeZip

void SafeZip::Closer::operator()(::zip* archive) const {
  if (archive) zip_discard(archive);  // read-only: nothing to write back
}

SafeZip::SafeZip(std::unique_ptr<::zip, Closer> archive, XlsxLimits limits)
    : archive_(std::move(archive)), limits_(limits) {}
SafeZip::SafeZip(SafeZip&&) noexcept = default;
SafeZip& SafeZip::operator=(SafeZip&&) noexcept = default;
SafeZip::~SafeZip() = default;

Result<SafeZip> SafeZip::open(const std::string& bytes, const XlsxLimits& limits) {
  // libzip opens zero bytes as an empty archive; an empty upload is not a zip file.
  if (bytes.empty()) return not_zip();
  zip_error_t error;
  zip_error_init(&error);
  // The source reads the caller's bytes in place (no copy): they must outlive the archive.
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return not_zip();
  }
  // ZIP_CHECKCONS: compare local headers with the central directory, so that sizes checked
  // below are the ones used when inflating.
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  zip_error_fini(&error);
  if (!raw) {
    zip_source_free(source);  // only owned by the archive once opening succeeded
    return not_zip();
  }
  std::unique_ptr<::zip, Closer> archive(raw);

  zip_int64_t entries = zip_get_num_entries(raw, 0);
  if (entries < 0) return not_zip();
  if (static_cast<std::uint64_t>(entries) > limits.max_entries) return too_large({});

  // A cheap first look at the declared sizes; the real guard is in read().
  std::uint64_t declared_total = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(raw, static_cast<zip_uint64_t>(i), 0, &st) != 0) return not_zip();
    if (st.valid & ZIP_STAT_SIZE) declared_total += st.size;
    if (declared_total > limits.max_total_bytes) return too_large(st.name ? st.name : "");
  }
  return SafeZip(std::move(archive), limits);
}

bool SafeZip::contains(const std::string& name) const {
  return zip_name_locate(archive_.get(), name.c_str(), ZIP_FL_NOCASE) >= 0;
}

Result<std::string> SafeZip::read(const std::string& name) {
  zip_int64_t index = zip_name_locate(archive_.get(), name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return malformed(name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0) return malformed(name);
  if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE)) return malformed(name);
  if (st.size > limits_.max_entry_bytes || ratio_exceeded(st.size, st.comp_size, limits_.max_ratio))
    return too_large(name);

  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(
      zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0), &zip_fclose);
  if (!file) return malformed(name);  // encrypted, unknown compression method, …

  // The declared size may lie, so the same limits are checked again on what actually comes
  // out, one chunk at a time, before more is inflated or kept.
  std::string out;
  out.reserve(static_cast<std::size_t>(st.size));
  std::vector<char> buffer(kChunk);
  for (;;) {
    zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) return malformed(name);  // corrupt data, CRC mismatch
    if (n == 0) break;
    inflated_ += static_cast<std::uint64_t>(n);
    std::uint64_t size = out.size() + static_cast<std::uint64_t>(n);
    if (size > limits_.max_entry_bytes || inflated_ > limits_.max_total_bytes ||
        ratio_exceeded(size, st.comp_size, limits_.max_ratio))
      return too_large(name);
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Workbook structure: which sheets, in which order, in which zip entries.

namespace {

// XML names without their namespace prefix: most writers use the default namespace, some
// (.NET's Open XML SDK) write "x:row"; both mean the same element.
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (auto c : parent.children())
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& parent, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (auto c : parent.children())
    if (c.type() == pugi::node_element && local_name(c) == name) out.push_back(c);
  return out;
}

// An attribute by local name (r:id and relationships:id are the same attribute).
std::string attribute(const pugi::xml_node& node, std::string_view name) {
  for (auto a : node.attributes()) {
    std::string_view n = a.name();
    auto colon = n.find(':');
    if ((colon == std::string_view::npos ? n : n.substr(colon + 1)) == name) return a.value();
  }
  return {};
}

Result<std::unique_ptr<pugi::xml_document>> parse(SafeZip& zip, const std::string& entry) {
  std::string text = KK_TRY(zip.read(entry));
  auto doc = std::make_unique<pugi::xml_document>();
  // pugixml neither loads external entities nor expands DTD-declared ones (no XXE, no
  // "billion laughs"). parse_ws_pcdata_single keeps the text of <t xml:space="preserve"> </t>.
  auto parsed = doc->load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed || !doc->document_element()) return malformed(entry);
  return doc;
}

// The directory part of a zip entry name: "xl/workbook.xml" -> "xl/".
std::string directory_of(const std::string& entry) {
  auto slash = entry.rfind('/');
  return slash == std::string::npos ? std::string() : entry.substr(0, slash + 1);
}

// A relationship target as a zip entry name: absolute ("/xl/x.xml") or relative to the
// directory of the part that refers to it, with "." and ".." resolved.
std::string resolve_target(const std::string& base_dir, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// The rels part of a part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels".
std::string rels_of(const std::string& entry) {
  auto dir = directory_of(entry);
  return dir + "_rels/" + entry.substr(dir.size()) + ".rels";
}

struct Relationship {
  std::string type;    // the last segment of the type URI, e.g. "worksheet"
  std::string target;  // resolved zip entry name
};

// Relationships by id; an absent rels part is simply no relationships.
Result<std::vector<std::pair<std::string, Relationship>>> read_relationships(SafeZip& zip, const std::string& part) {
  std::vector<std::pair<std::string, Relationship>> out;
  std::string rels = rels_of(part);
  if (!zip.contains(rels)) return out;
  auto doc = KK_TRY(parse(zip, rels));
  for (auto rel : children(doc->document_element(), "Relationship")) {
    if (attribute(rel, "TargetMode") == "External") continue;
    std::string type = attribute(rel, "Type");
    type = type.substr(type.rfind('/') + 1);  // npos + 1 == 0: the whole string
    out.push_back({attribute(rel, "Id"), {type, resolve_target(directory_of(part), attribute(rel, "Target"))}});
  }
  return out;
}

// The workbook part named by the package's root relationships, usually xl/workbook.xml.
Result<std::string> find_workbook(SafeZip& zip) {
  auto rels = KK_TRY(read_relationships(zip, ""));  // "" -> "_rels/.rels"
  for (const auto& [id, rel] : rels)
    if (rel.type == "officeDocument") return rel.target;
  if (zip.contains("xl/workbook.xml")) return std::string("xl/workbook.xml");
  return malformed("xl/workbook.xml");
}

struct SheetRef {
  std::string name;
  std::string entry;
};

struct WorkbookParts {
  std::vector<SheetRef> sheets;  // worksheets in workbook order (chartsheets left out)
  std::string shared_strings;    // entry name, or empty when there are none
};

Result<WorkbookParts> read_workbook(SafeZip& zip) {
  std::string workbook = KK_TRY(find_workbook(zip));
  auto doc = KK_TRY(parse(zip, workbook));
  auto rels = KK_TRY(read_relationships(zip, workbook));
  auto find = [&](const std::string& id) -> const Relationship* {
    for (const auto& [rid, rel] : rels)
      if (rid == id) return &rel;
    return nullptr;
  };

  WorkbookParts parts;
  auto sheets = child(doc->document_element(), "sheets");
  if (!sheets) return malformed(workbook);
  for (auto sheet : children(sheets, "sheet")) {
    const Relationship* rel = find(attribute(sheet, "id"));
    if (!rel) return malformed(workbook);
    if (rel->type != "worksheet") continue;
    if (!zip.contains(rel->target)) return malformed(rel->target);
    parts.sheets.push_back({attribute(sheet, "name"), rel->target});
  }
  for (const auto& [id, rel] : rels)
    if (rel.type == "sharedStrings" && zip.contains(rel.target)) parts.shared_strings = rel.target;
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Cell contents.

// The text of a string item (<si> or <is>): a plain <t>, or rich-text runs <r><t>…</t></r>
// joined. Phonetic guides (<rPh>) are not part of the text.
std::string string_item_text(const pugi::xml_node& item) {
  std::string out;
  for (auto c : item.children()) {
    if (c.type() != pugi::node_element) continue;
    if (local_name(c) == "t") {
      out += c.text().get();
    } else if (local_name(c) == "r") {
      out += child(c, "t").text().get();
    }
  }
  return out;
}

Result<std::vector<std::string>> read_shared_strings(SafeZip& zip, const std::string& entry) {
  std::vector<std::string> out;
  if (entry.empty()) return out;
  auto doc = KK_TRY(parse(zip, entry));
  for (auto si : children(doc->document_element(), "si")) out.push_back(string_item_text(si));
  return out;
}

// Zero-based column of a cell reference such as "A1" or "AA12"; nullopt when it is not one.
std::optional<std::size_t> column_of(std::string_view ref) {
  std::size_t column = 0, letters = 0;
  for (char ch : ref) {
    if (ch >= 'A' && ch <= 'Z') {
      if (++letters > 3) return std::nullopt;  // XFD (16384) is Excel's last column
      column = column * 26 + static_cast<std::size_t>(ch - 'A' + 1);
    } else if (ch >= '0' && ch <= '9') {
      break;
    } else {
      return std::nullopt;
    }
  }
  if (letters == 0) return std::nullopt;
  return column - 1;
}

// A positive row number ("1" … "1048576"); nullopt otherwise.
std::optional<std::size_t> row_number(std::string_view text) {
  if (text.empty() || text.size() > 7) return std::nullopt;
  std::size_t n = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(ch - '0');
  }
  if (n == 0) return std::nullopt;
  return n;
}

// A cell's value as text: shared and inline strings looked up, anything else (numbers,
// booleans as 1/0, error codes, cached formula results) as stored.
Result<std::string> cell_text(const pugi::xml_node& cell, const std::vector<std::string>& shared,
                              const std::string& entry) {
  std::string type = attribute(cell, "t");
  if (type == "inlineStr") return string_item_text(child(cell, "is"));
  std::string value = child(cell, "v").text().get();
  if (type != "s") return value;
  std::size_t index = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
  if (ec != std::errc() || end != value.data() + value.size() || index >= shared.size()) return malformed(entry);
  return shared[index];
}

// The cells of one worksheet, placed by their references. Only non-empty cells count
// towards the limits: writers often add styled empty rows far below the data.
Result<XlsxSheet> read_sheet(SafeZip& zip, const SheetRef& ref, const std::vector<std::string>& shared,
                             const XlsxLimits& limits) {
  auto doc = KK_TRY(parse(zip, ref.entry));
  auto data = child(doc->document_element(), "sheetData");
  if (!data) return malformed(ref.entry);

  XlsxSheet sheet{ref.name, {}};
  std::size_t cells_kept = 0;
  std::size_t row = 0;  // 1-based number of the current row
  for (auto row_node : children(data, "row")) {
    std::string r = attribute(row_node, "r");
    if (r.empty()) {
      ++row;  // rows without a number follow the previous one
    } else {
      auto n = row_number(r);
      if (!n || *n <= row) return malformed(ref.entry);  // rows must come in order
      row = *n;
    }
    std::size_t column = 0;  // 1-based number of the previous cell's column
    for (auto cell : children(row_node, "c")) {
      std::string cr = attribute(cell, "r");
      if (cr.empty()) {
        ++column;
      } else {
        auto c = column_of(cr);
        if (!c) return malformed(ref.entry);
        column = *c + 1;
      }
      std::string value = KK_TRY(cell_text(cell, shared, ref.entry));
      if (value.empty()) continue;
      if (row > limits.max_rows || column > limits.max_columns) return too_large(ref.name);
      if (sheet.rows.size() < row) sheet.rows.resize(row);
      auto& cells = sheet.rows[row - 1];
      if (cells.size() < column) {
        cells_kept += column - cells.size();
        if (cells_kept > kMaxCells) return too_large(ref.name);
        cells.resize(column);
      }
      cells[column - 1] = std::move(value);
    }
  }
  return sheet;
}

Result<std::vector<XlsxSheet>> read_all(const std::string& bytes, const XlsxLimits& limits) {
  SafeZip zip = KK_TRY(SafeZip::open(bytes, limits));
  WorkbookParts parts = KK_TRY(read_workbook(zip));
  std::vector<std::string> shared = KK_TRY(read_shared_strings(zip, parts.shared_strings));
  std::vector<XlsxSheet> sheets;
  for (const auto& ref : parts.sheets) sheets.push_back(KK_TRY(read_sheet(zip, ref, shared, limits)));
  return sheets;
}

}  // namespace

Result<std::vector<XlsxSheet>> read_xlsx(const std::string& bytes, const XlsxLimits& limits) {
  // Input is untrusted: whatever goes wrong below must come back as an error value.
  try {
    return read_all(bytes, limits);
  } catch (const std::bad_alloc&) {
    return too_large({});
  } catch (...) {
    return malformed({});
  }
}

}  // namespace kk::io
