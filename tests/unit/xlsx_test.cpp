// The XLSX answer matrix (written with libxlsxwriter, checked with our reader and with real
// LibreOffice) and the safety of the XLSX reader against hostile uploads.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "io/spec_document.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"

namespace {
using namespace kk::io;
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Helpers

// A fresh directory under /tmp, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kk_xlsx_test_XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void spit(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

using Entries = std::vector<std::pair<std::string, std::string>>;

// A zip archive built with libzip (deflate), returned as bytes.
std::string make_zip(const Entries& entries) {
  TempDir dir;
  fs::path file = dir.path() / "archive.zip";
  int error = 0;
  zip_t* za = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!za) throw std::runtime_error("zip_open failed");
  for (const auto& [name, data] : entries) {
    // zip_source_buffer does not copy: `entries` outlives zip_close below.
    zip_source_t* src = zip_source_buffer(za, data.data(), data.size(), 0);
    if (!src || zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) throw std::runtime_error("zip_file_add");
  }
  if (zip_close(za) != 0) throw std::runtime_error("zip_close failed");
  return slurp(file);
}

// Patches a little-endian 32-bit field of a zip header.
void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

// Makes a one-entry archive lie about its entry's uncompressed size, in the local header
// and in the central directory alike, so that only the check while inflating can stop it.
void declare_size(std::string& zip_bytes, std::uint32_t size) {
  auto local = zip_bytes.find(std::string("PK\x03\x04", 4));
  auto central = zip_bytes.find(std::string("PK\x01\x02", 4));
  ASSERT_NE(local, std::string::npos);
  ASSERT_NE(central, std::string::npos);
  put_u32(zip_bytes, local + 22, size);
  put_u32(zip_bytes, central + 24, size);
}

const std::string& cell(const XlsxSheet& sheet, std::size_t row, std::size_t column) {
  static const std::string empty;
  if (row >= sheet.rows.size() || column >= sheet.rows[row].size()) return empty;
  return sheet.rows[row][column];
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

bool has_list(const std::string& sheet_xml, const std::string& list) {
  // libxlsxwriter writes the list as a quoted formula; accept the quotes escaped or not.
  return sheet_xml.find("\"" + list + "\"") != std::string::npos ||
         sheet_xml.find("&quot;" + list + "&quot;") != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// A document with Swedish text, ska- and bör-krav, and every kind of answer.

DocRequirement requirement(std::string number, std::string id, bool mandatory, int weight, std::string answer,
                           std::string text) {
  DocRequirement r;
  r.number = std::move(number);
  r.id = std::move(id);
  r.mandatory = mandatory;
  r.kind_label = mandatory ? "Ska-krav" : "Bör-krav";
  r.weight = mandatory ? 0 : weight;
  r.placement_label = "Krav på leverantören";
  r.area_label = "Behörighet och identitet";
  r.text = std::move(text);
  r.answer = std::move(answer);
  r.answer_label = r.answer == "yes_no" ? "Ja/Nej" : r.answer == "value" ? "Värde" : "Beskrivning";
  r.verification = "intyg, certifikat";
  return r;
}

SpecDocument sample_document() {
  SpecDocument doc;
  doc.title = "Bilaga – Villkor för informationssäkerhet";
  doc.organisation = "Region Östergötland";
  doc.case_title = "Upphandling av journalsystem";
  doc.registry_number = "RÖ 2024-1234";
  doc.date = "2024-05-01";

  DocSection supplier{"1", "Krav på leverantören", "Kraven gäller leverantören.", {}};
  supplier.areas.push_back(
      {"Behörighet och identitet",
       {requirement("1.1", "BEH-01", true, 0, "yes_no",
                    "Leverantören ska använda flerfaktorsautentisering för all administrativ åtkomst."),
        requirement("1.2", "BEH-02", false, 3, "yes_no",
                    "Leverantören bör granska behörigheter minst två gånger per år, eller likvärdigt.")}});
  DocSection contract{"2", "Avtalsvillkor", "Villkoren ingår i avtalet.", {}};
  contract.areas.push_back(
      {"Incidenthantering",
       {requirement("2.1", "INC-01", false, 2, "value",
                    "Ange inom hur många timmar en säkerhetsincident rapporteras till beställaren."),
        requirement("2.2", "INC-02", false, 1, "description",
                    "Beskriv hur övningar i återställning genomförs.\nRedovisa även frekvens."),
        requirement("2.3", "INC-03", false, 5, "acceptance",
                    "Beställaren får genomföra revision hos leverantören efter skriftligt besked."),
        requirement("2.10", "INC-04", true, 0, "description",
                    "=SUMMA(A1) ska tolkas som text, inte som formel, och åäö ÅÄÖ ska bevaras.")}});
  doc.sections = {supplier, contract};
  return doc;
}

// ---------------------------------------------------------------------------------------------
// The answer matrix

TEST(XlsxWriter, EveryRequirementIsInItsRow) {
  SpecDocument doc = sample_document();
  auto sheets = read_xlsx(write_answer_matrix_xlsx(doc));
  ASSERT_TRUE(sheets.ok()) << sheets.error().key << " " << sheets.error().field;
  ASSERT_EQ(sheets->size(), 1u);
  const XlsxSheet& sheet = sheets->front();
  EXPECT_EQ(sheet.name, "Svar");

  EXPECT_EQ(cell(sheet, 0, 0), doc.title);
  EXPECT_NE(cell(sheet, 1, 0).find(doc.registry_number), std::string::npos);
  const std::vector<std::string> header = {"Nr",   "Id",        "Placering", "Område",    "Typ",   "Vikt",
                                           "Krav", "Verifikat", "Svar",      "Kommentar", "Bilaga"};
  for (std::size_t c = 0; c < header.size(); ++c) EXPECT_EQ(cell(sheet, 2, c), header[c]) << "column " << c;

  auto all = doc.all();
  ASSERT_EQ(sheet.rows.size(), 3 + all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const DocRequirement& r = *all[i];
    std::size_t row = 3 + i;
    SCOPED_TRACE(r.id);
    EXPECT_EQ(cell(sheet, row, 0), r.number);
    EXPECT_EQ(cell(sheet, row, 1), r.id);
    EXPECT_EQ(cell(sheet, row, 2), r.placement_label);
    EXPECT_EQ(cell(sheet, row, 3), r.area_label);
    EXPECT_EQ(cell(sheet, row, 4), r.kind_label);
    EXPECT_EQ(cell(sheet, row, 5), r.mandatory ? "" : std::to_string(r.weight));
    EXPECT_EQ(cell(sheet, row, 6), r.text);
    EXPECT_EQ(cell(sheet, row, 7), r.verification);
  }
}

TEST(XlsxWriter, AnswerCellsHaveDropDownsAndTheSheetIsProtected) {
  std::string bytes = write_answer_matrix_xlsx(sample_document());
  auto zip = SafeZip::open(bytes, {});
  ASSERT_TRUE(zip.ok()) << zip.error().key;
  auto xml = zip->read("xl/worksheets/sheet1.xml");
  ASSERT_TRUE(xml.ok()) << xml.error().key;

  // One validation per requirement: lists for choices, input messages for free text.
  EXPECT_EQ(count(*xml, "<dataValidation "), 6u) << *xml;
  EXPECT_TRUE(has_list(*xml, "Ja,Nej")) << "ska-krav";
  EXPECT_TRUE(has_list(*xml, "Ja,Nej,Delvis")) << "bör-krav answered yes/no";
  EXPECT_TRUE(has_list(*xml, "Accepteras,Accepteras inte")) << "bör-krav answered by acceptance";
  EXPECT_NE(xml->find("Skriv det värde som kravet efterfrågar."), std::string::npos) << "value answer";
  EXPECT_NE(xml->find("Beskriv hur kravet uppfylls."), std::string::npos) << "description answer";
  // The ska-krav in row 4 gets Ja/Nej, the bör-krav in row 5 Ja/Nej/Delvis.
  EXPECT_NE(xml->find("sqref=\"I4\""), std::string::npos);
  EXPECT_NE(xml->find("sqref=\"I5\""), std::string::npos);

  EXPECT_NE(xml->find("<sheetProtection"), std::string::npos);
  EXPECT_NE(xml->find("state=\"frozen\""), std::string::npos);
  // The formula-looking text is a string cell, not a formula.
  EXPECT_EQ(xml->find("<f>"), std::string::npos);
}

// Converts `file` in `dir` with real LibreOffice into dir/out; returns the converted file or
// fails the test. Own profile and HOME: parallel runs with a shared profile fail silently.
fs::path convert_with_libreoffice(const TempDir& dir, const fs::path& file, const std::string& filter,
                                  const std::string& extension) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    ADD_FAILURE() << "LibreOffice (soffice) is not installed, so the answer matrix cannot be checked in a real "
                     "spreadsheet program. Install libreoffice-calc-nogui.";
    return {};
  }
  fs::create_directories(dir.path() / "home");
  fs::create_directories(dir.path() / "out");
  fs::path log = dir.path() / "soffice.log";
  std::string command = "cd '" + dir.path().string() + "' && HOME='" + (dir.path() / "home").string() +
                        "' timeout 180 soffice --headless -env:UserInstallation=file://" +
                        (dir.path() / "profile").string() + " --convert-to '" + filter + "' --outdir '" +
                        (dir.path() / "out").string() + "' '" + file.string() + "' > '" + log.string() + "' 2>&1";
  int status = std::system(command.c_str());
  fs::path out = dir.path() / "out" / (file.stem().string() + "." + extension);
  if (status != 0 || !fs::exists(out)) {
    ADD_FAILURE() << "soffice did not convert " << file << " (status " << status << "): " << slurp(log);
    return {};
  }
  return out;
}

TEST(XlsxWriter, LibreOfficeOpensTheMatrix) {
  SpecDocument doc = sample_document();
  TempDir dir;
  fs::path xlsx = dir.path() / "matrix.xlsx";
  spit(xlsx, write_answer_matrix_xlsx(doc));
  // 44,34,76: comma-separated, double quotes, UTF-8.
  fs::path csv = convert_with_libreoffice(dir, xlsx, "csv:Text - txt - csv (StarCalc):44,34,76", "csv");
  ASSERT_FALSE(csv.empty());

  std::string text = slurp(csv);
  EXPECT_NE(text.find(doc.title), std::string::npos) << text;
  for (const DocRequirement* r : doc.all()) {
    EXPECT_NE(text.find(r->id), std::string::npos) << r->id << " missing in\n" << text;
    EXPECT_NE(text.find(r->text.substr(0, 30)), std::string::npos) << r->id << " text missing in\n" << text;
  }
  EXPECT_NE(text.find("=SUMMA(A1) ska tolkas som text"), std::string::npos) << text;
}

// Tenderers send the matrix back saved by their own spreadsheet program: a LibreOffice re-save
// must read back with the same cells and keep the drop-downs.
TEST(XlsxReader, ReadsTheMatrixResavedByLibreOffice) {
  SpecDocument doc = sample_document();
  TempDir dir;
  fs::path original = dir.path() / "matrix.xls";  // another extension, so the output does not overwrite it
  spit(original, write_answer_matrix_xlsx(doc));
  fs::path resaved = convert_with_libreoffice(dir, original, "xlsx:Calc MS Excel 2007 XML", "xlsx");
  ASSERT_FALSE(resaved.empty());

  std::string bytes = slurp(resaved);
  auto sheets = read_xlsx(bytes);
  ASSERT_TRUE(sheets.ok()) << sheets.error().key << " " << sheets.error().field;
  ASSERT_EQ(sheets->size(), 1u);
  const XlsxSheet& sheet = sheets->front();
  auto all = doc.all();
  for (std::size_t i = 0; i < all.size(); ++i) {
    SCOPED_TRACE(all[i]->id);
    EXPECT_EQ(cell(sheet, 3 + i, 1), all[i]->id);
    EXPECT_EQ(cell(sheet, 3 + i, 6), all[i]->text);
  }

  auto zip = SafeZip::open(bytes, {});
  ASSERT_TRUE(zip.ok());
  auto xml = zip->read("xl/worksheets/sheet1.xml");
  ASSERT_TRUE(xml.ok());
  EXPECT_TRUE(has_list(*xml, "Ja,Nej,Delvis")) << *xml;
}

// ---------------------------------------------------------------------------------------------
// The reader on well-formed input

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";

// A workbook whose sheet order differs from the file names, with a relative and an absolute
// relationship target.
Entries handmade_workbook(const std::string& first_sheet, const std::string& shared_strings) {
  return {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", kRootRels},
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Första" sheetId="2" r:id="rId2"/><sheet name="Andra" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>)"},
      {"xl/sharedStrings.xml", shared_strings},
      {"xl/worksheets/sheet2.xml", first_sheet},
      {"xl/worksheets/sheet1.xml",
       R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>andra bladet</t></is></c></row></sheetData></worksheet>)"},
  };
}

const char* kSharedStrings = R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>Ja</t></si>
<si><r><rPr><b/></rPr><t xml:space="preserve">Fet </t></r><r><t>och vanlig</t></r><rPh><t>fonetik</t></rPh></si>
<si><t xml:space="preserve"> </t></si>
</sst>)";

TEST(XlsxReader, PlacesCellsByReferenceAndReadsEveryKindOfValue) {
  std::string sheet = R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="AA1"><v>42.5</v></c></row>
<row r="3"><c r="B3" t="inlineStr"><is><r><t>Rik </t></r><r><t>inline-text åäö</t></r></is></c>
  <c r="D3" t="b"><v>1</v></c><c r="E3" t="str"><f>A1&amp;"x"</f><v>Jax</v></c><c r="F3" s="1"/></row>
<row><c t="s"><v>2</v></c><c><v>7</v></c></row>
<row r="10" spans="1:3" ht="30" customHeight="1"/>
</sheetData></worksheet>)";
  auto sheets = read_xlsx(make_zip(handmade_workbook(sheet, kSharedStrings)));
  ASSERT_TRUE(sheets.ok()) << sheets.error().key << " " << sheets.error().field;
  ASSERT_EQ(sheets->size(), 2u);
  EXPECT_EQ((*sheets)[0].name, "Första");
  EXPECT_EQ((*sheets)[1].name, "Andra");
  EXPECT_EQ(cell((*sheets)[1], 0, 0), "andra bladet");

  const XlsxSheet& s = (*sheets)[0];
  ASSERT_EQ(s.rows.size(), 4u);  // the empty styled row 10 adds nothing
  EXPECT_EQ(cell(s, 0, 0), "Ja");
  EXPECT_EQ(cell(s, 0, 1), "");
  EXPECT_EQ(cell(s, 0, 2), "Fet och vanlig");
  EXPECT_EQ(cell(s, 0, 26), "42.5");  // AA
  EXPECT_EQ(s.rows[0].size(), 27u);
  EXPECT_TRUE(s.rows[1].empty());  // row 2 is absent
  EXPECT_EQ(cell(s, 2, 1), "Rik inline-text åäö");
  EXPECT_EQ(cell(s, 2, 3), "1");
  EXPECT_EQ(cell(s, 2, 4), "Jax");
  EXPECT_EQ(s.rows[2].size(), 5u);  // the empty F3 adds nothing
  EXPECT_EQ(cell(s, 3, 0), " ");    // row 4, numbered after row 3, whitespace kept
  EXPECT_EQ(cell(s, 3, 1), "7");
}

TEST(XlsxReader, RowsAndColumnsBeyondTheLimitsAreRefused) {
  std::string wide = R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="Z1"><v>1</v></c></row></sheetData></worksheet>)";
  XlsxLimits limits;
  limits.max_columns = 10;
  auto r = read_xlsx(make_zip(handmade_workbook(wide, kSharedStrings)), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.xlsx_too_large");
  EXPECT_EQ(r.error().field, "Första");

  std::string tall = R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="500"><c r="A500"><v>1</v></c></row></sheetData></worksheet>)";
  limits = {};
  limits.max_rows = 100;
  r = read_xlsx(make_zip(handmade_workbook(tall, kSharedStrings)), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.xlsx_too_large");
}

// ---------------------------------------------------------------------------------------------
// The reader on hostile or broken input

TEST(XlsxReader, NotAZip) {
  for (std::string bytes : {std::string(), std::string("Leverantör;Svar\nBEH-01;Ja\n"), std::string("PK\x03\x04", 4)}) {
    auto r = read_xlsx(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().key, "error.xlsx_not_zip");
    EXPECT_EQ(r.error().kind, kk::domain::ErrorKind::invalid);
  }
}

TEST(XlsxReader, DeclaredBombIsRefusedBeforeInflating) {
  // 8 MB of zeros deflate to about 8 KB.
  std::string zip = make_zip({{"_rels/.rels", kRootRels}, {"xl/workbook.xml", std::string(8 << 20, '\0')}});
  ASSERT_LT(zip.size(), 100'000u);
  XlsxLimits limits;
  limits.max_entry_bytes = 256 * 1024;
  limits.max_ratio = 1e9;  // only the size limit applies here

  auto r = read_xlsx(zip, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.xlsx_too_large");
  EXPECT_EQ(r.error().field, "xl/workbook.xml");

  auto archive = SafeZip::open(zip, limits);
  ASSERT_TRUE(archive.ok());
  auto entry = archive->read("xl/workbook.xml");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().key, "error.xlsx_too_large");
  EXPECT_EQ(archive->inflated_bytes(), 0u);  // refused on the declared size alone
}

TEST(XlsxReader, LyingBombIsStoppedWhileInflating) {
  std::string zip = make_zip({{"xl/workbook.xml", std::string(8 << 20, '\0')}});
  declare_size(zip, 1000);  // the headers now claim 1000 bytes
  XlsxLimits limits;
  limits.max_entry_bytes = 256 * 1024;
  limits.max_ratio = 1e9;

  auto archive = SafeZip::open(zip, limits);
  ASSERT_TRUE(archive.ok()) << archive.error().key;
  auto entry = archive->read("xl/workbook.xml");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().key, "error.xlsx_too_large");
  EXPECT_EQ(entry.error().field, "xl/workbook.xml");
  // Inflating stopped within one chunk of the limit, far from the 8 MB inside.
  EXPECT_GT(archive->inflated_bytes(), limits.max_entry_bytes);
  EXPECT_LE(archive->inflated_bytes(), limits.max_entry_bytes + 64 * 1024);

  auto r = read_xlsx(zip, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.xlsx_too_large");
}

TEST(XlsxReader, CompressionRatioIsLimited) {
  // Within the size limits, but 4 MB of zeros compress far beyond 200:1.
  auto r = read_xlsx(make_zip({{"_rels/.rels", kRootRels}, {"xl/workbook.xml", std::string(4 << 20, '\0')}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.xlsx_too_large");
  EXPECT_EQ(r.error().field, "xl/workbook.xml");
}

TEST(XlsxReader, TotalSizeIsLimited) {
  Entries entries;
  for (int i = 0; i < 5; ++i) entries.push_back({"media/f" + std::to_string(i), std::string(100'000, 'x')});
  XlsxLimits limits;
  limits.max_total_bytes = 300'000;
  auto r = read_xlsx(make_zip(entries), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.xlsx_too_large");
}

TEST(XlsxReader, TooManyEntries) {
  Entries entries = handmade_workbook(R"(<worksheet><sheetData/></worksheet>)", kSharedStrings);
  for (int i = 0; i < 20; ++i) entries.push_back({"xl/media/image" + std::to_string(i) + ".png", "x"});
  XlsxLimits limits;
  limits.max_entries = 10;
  auto r = read_xlsx(make_zip(entries), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "error.xlsx_too_large");

  limits.max_entries = 100;
  EXPECT_TRUE(read_xlsx(make_zip(entries), limits).ok());
}

TEST(XlsxReader, GarbageXmlIsMalformed) {
  auto expect_malformed = [](const Entries& entries, const std::string& field) {
    auto r = read_xlsx(make_zip(entries));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().key, "error.xlsx_malformed");
    EXPECT_EQ(r.error().field, field);
  };
  expect_malformed({{"_rels/.rels", kRootRels}, {"xl/workbook.xml", "<workbook><sheets><sheet name="}},
                   "xl/workbook.xml");
  expect_malformed({{"_rels/.rels", kRootRels}, {"xl/workbook.xml", "\x89PNG not xml at all"}}, "xl/workbook.xml");
  expect_malformed({{"readme.txt", "no workbook here"}}, "xl/workbook.xml");
  expect_malformed(handmade_workbook("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"", kSharedStrings),
                   "xl/worksheets/sheet2.xml");
  // A shared string index beyond the table.
  expect_malformed(handmade_workbook(R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row>
</sheetData></worksheet>)",
                                     kSharedStrings),
                   "xl/worksheets/sheet2.xml");
  // A bad cell reference.
  expect_malformed(handmade_workbook(R"(<worksheet><sheetData><row r="1"><c r="1A"><v>1</v></c></row>
</sheetData></worksheet>)",
                                     kSharedStrings),
                   "xl/worksheets/sheet2.xml");
}

TEST(XlsxReader, DamagedFilesNeverCrash) {
  // Cut and flipped versions of a real matrix: each must give a value or an error value.
  std::string good = write_answer_matrix_xlsx(sample_document());
  auto acceptable = [](const kk::domain::Result<std::vector<XlsxSheet>>& r) {
    if (r.ok()) return true;
    const std::string& k = r.error().key;
    return k == "error.xlsx_not_zip" || k == "error.xlsx_malformed" || k == "error.xlsx_too_large";
  };
  for (std::size_t cut = 0; cut < good.size(); cut += good.size() / 50 + 1)
    EXPECT_TRUE(acceptable(read_xlsx(good.substr(0, cut)))) << "cut at " << cut;
  std::uint32_t seed = 12345;
  for (int round = 0; round < 200; ++round) {
    std::string bad = good;
    for (int flips = 0; flips < 4; ++flips) {
      seed = seed * 1664525u + 1013904223u;
      bad[seed % bad.size()] ^= static_cast<char>(1 + (seed >> 24) % 255);
    }
    EXPECT_TRUE(acceptable(read_xlsx(bad))) << "round " << round;
  }
}

}  // namespace
