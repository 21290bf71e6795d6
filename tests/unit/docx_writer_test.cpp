// The DOCX writer, checked on the package itself and through real LibreOffice: what
// LibreOffice reads out of the file is what a buyer's Word or Writer will show.
#include "io/docx_writer.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <pugixml.hpp>
#include <sstream>
#include <string>

using kk::io::DocArea;
using kk::io::DocRequirement;
using kk::io::DocSection;
using kk::io::SpecDocument;
namespace fs = std::filesystem;

namespace {

DocRequirement requirement(std::string number, std::string id, bool mandatory, int weight, std::string text) {
  DocRequirement r;
  r.number = std::move(number);
  r.id = std::move(id);
  r.mandatory = mandatory;
  r.kind_label = mandatory ? "Ska-krav" : "Bör-krav";
  r.weight = weight;
  r.text = std::move(text);
  r.answer = mandatory ? "yes_no" : "description";
  r.answer_label = mandatory ? "Ja/Nej" : "Beskrivning";
  r.verification = "intyg, certifikat";
  return r;
}

// Two sections, three areas, ska- and bör-krav, and texts with å ä ö and & < > to escape.
SpecDocument sample_document() {
  SpecDocument doc;
  doc.title = "Bilaga 4 – Villkor för informationssäkerhet";
  doc.organisation = "Sjöstads kommun";
  doc.case_title = "Drift & förvaltning av e-tjänster 2026";
  doc.registry_number = "KS 2026/0315";
  doc.date = "2026-04-14";
  doc.intro = {"Bilagan anger de villkor för informationssäkerhet som gäller under hela avtalstiden.",
               "Ska-krav är obligatoriska. Bör-krav är frivilliga och ger mervärde i utvärderingen."};

  DocSection supplier{"1", "Krav på leverantören", "Kraven i detta avsnitt prövas när anbuden öppnas.", {}};
  DocRequirement led01 = requirement("1.1", "LED-01", true, 0,
                                     "Leverantören ska ha ett dokumenterat ledningssystem för informationssäkerhet "
                                     "enligt ISO/IEC 27001 eller likvärdigt.");
  led01.motive = "Ett ledningssystem visar att säkerhetsarbetet är systematiskt.";
  led01.reasons = {"Regel R-12: skyddsvärde hög för konfidentialitet", "Tjänsten hanterar personuppgifter"};
  DocRequirement led02 = requirement("1.2", "LED-02", false, 3,
                                     "Leverantören bör redovisa hur risker med nivå <hög> & <kritisk> följs upp.");
  led02.motive = "Uppföljning av höga risker minskar sårbarheten över tid.";
  led02.reasons = {"Regel R-20: tillgänglighet \"hög\" kräver riskuppföljning"};
  DocRequirement beh01 = requirement("1.3", "BEH-01", true, 0,
                                     "Inloggning för administratörer ska ske med flerfaktorsautentisering.\x01\x0B");
  beh01.motive = "Administratörskonton är de mest skyddsvärda.";
  supplier.areas = {DocArea{"Ledning och styrning", {led01, led02}}, DocArea{"Behörighet och identitet", {beh01}}};

  DocSection contract{"2", "Avtalsvillkor", "Villkoren gäller från avtalets start och följs upp årligen.", {}};
  DocRequirement log01 =
      requirement("2.1", "LOG-01", true, 0, "Säkerhetsloggar ska sparas i minst tolv månader och skyddas mot ändring.");
  log01.motive = "Loggar behövs för att utreda incidenter i efterhand.";
  DocRequirement log02 =
      requirement("2.2", "LOG-02", false, 2, "Leverantören bör kunna leverera loggar i ett öppet format på begäran.");
  log02.motive = "Öppna format gör myndigheten oberoende av leverantören.";
  log02.reasons = {"Regel R-31: krav på spårbarhet i avtal"};
  contract.areas = {DocArea{"Loggning och spårbarhet", {log01, log02}}};

  doc.sections = {supplier, contract};
  doc.evaluation = {"Varje uppfyllt bör-krav ger poäng enligt sin vikt. Anbudet med högst poäng per krona vinner."};
  doc.reasons_title = "Bilaga: Varför kraven ställs";
  doc.reasons_intro = "Här förklaras varför varje krav finns med i underlaget.";
  return doc;
}

// A fresh directory, removed with everything in it at the end of the scope.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kk_docx_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// The named entry of a zip archive held in memory, if there is one.
std::optional<std::string> zip_entry(const std::string& archive_bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(archive_bytes.data(), archive_bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source) zip_source_free(source);
    return std::nullopt;
  }
  std::optional<std::string> content;
  zip_stat_t stat;
  zip_file_t* file = nullptr;
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0 && (file = zip_fopen(archive, name.c_str(), 0)) != nullptr) {
    std::string bytes(stat.size, '\0');
    if (zip_fread(file, bytes.data(), bytes.size()) == static_cast<zip_int64_t>(stat.size)) content = bytes;
    zip_fclose(file);
  }
  zip_discard(archive);  // also frees the source
  return content;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// What LibreOffice reads out of a .docx, as plain text; or why it could not.
struct Conversion {
  std::string text;
  std::string error;
};

Conversion convert_with_libreoffice(const std::string& docx) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0)
    return {"", "soffice (LibreOffice) is not on PATH: install libreoffice-writer-nogui (scripts/install-deps.sh)"};
  static TempDir dir;  // lives until the test program ends, after every test has read the text
  fs::create_directories(dir.path / "home");
  fs::create_directories(dir.path / "out");
  const fs::path input = dir.path / "villkor.docx";
  write_file(input, docx);
  // A profile of its own (parallel runs sharing one fail silently) and a writable HOME.
  const std::string command = "HOME='" + (dir.path / "home").string() + "' soffice --headless " +
                              "-env:UserInstallation=file://" + (dir.path / "profile").string() +
                              " --convert-to txt:Text --outdir '" + (dir.path / "out").string() + "' '" +
                              input.string() + "' >'" + (dir.path / "soffice.log").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  auto text = read_file(dir.path / "out" / "villkor.txt");
  if (status != 0 || !text) {
    return {"", "LibreOffice did not convert the document (exit status " + std::to_string(status) +
                    "): " + read_file(dir.path / "soffice.log").value_or("no log")};
  }
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text->compare(0, kBom.size(), kBom) == 0) text->erase(0, kBom.size());
  return {*text, ""};
}

// LibreOffice takes seconds to start, so the suite converts once and each test reads the text.
class DocxLibreOffice : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!conversion_) conversion_ = convert_with_libreoffice(kk::io::write_docx(sample_document()));
  }
  void SetUp() override { ASSERT_TRUE(conversion_->error.empty()) << conversion_->error; }
  const std::string& text() const { return conversion_->text; }
  std::size_t position(const std::string& needle) const {
    const std::size_t at = text().find(needle);
    EXPECT_NE(at, std::string::npos) << "missing from LibreOffice's text: " << needle;
    return at;
  }

 private:
  static inline std::optional<Conversion> conversion_;
};

}  // namespace

TEST(DocxWriter, PackageHasTheWordPartsAndWellFormedXml) {
  const std::string docx = kk::io::write_docx(sample_document());
  ASSERT_EQ(docx.compare(0, 2, "PK"), 0) << "not a zip archive";
  for (const std::string name : {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml",
                                 "word/_rels/document.xml.rels", "word/styles.xml", "word/header1.xml"}) {
    const auto part = zip_entry(docx, name);
    ASSERT_TRUE(part.has_value()) << "missing part " << name;
    pugi::xml_document xml;
    const auto parsed = xml.load_buffer(part->data(), part->size());
    EXPECT_TRUE(parsed) << name << ": " << parsed.description() << " at offset " << parsed.offset;
  }
}

TEST(DocxWriter, PageIsA4) {
  const auto document = zip_entry(kk::io::write_docx(sample_document()), "word/document.xml");
  ASSERT_TRUE(document.has_value());
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(document->c_str()));
  const auto page = xml.child("w:document").child("w:body").child("w:sectPr").child("w:pgSz");
  EXPECT_STREQ(page.attribute("w:w").value(), "11906");
  EXPECT_STREQ(page.attribute("w:h").value(), "16838");
}

TEST(DocxWriter, StylesHaveTitleHeadingsAndNormal) {
  const auto styles = zip_entry(kk::io::write_docx(sample_document()), "word/styles.xml");
  ASSERT_TRUE(styles.has_value());
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(styles->c_str()));
  for (const char* id : {"Title", "Heading1", "Heading2", "Normal"}) {
    EXPECT_TRUE(xml.child("w:styles").find_child_by_attribute("w:style", "w:styleId", id)) << "no style " << id;
  }
}

TEST(DocxWriter, EscapesMarkupAndDropsCharactersXmlCannotHold) {
  SpecDocument doc = sample_document();
  doc.title = "A & B <C> \"D\"\x01\x1F";
  doc.sections[0].areas[0].requirements[0].text = "rad ett\nrad två\tflik \xFF slut";
  const std::string docx = kk::io::write_docx(doc);
  for (const std::string name : {"word/document.xml", "word/header1.xml", "docProps/core.xml"}) {
    const auto part = zip_entry(docx, name);
    ASSERT_TRUE(part.has_value()) << name;
    EXPECT_TRUE(contains(*part, "A &amp; B &lt;C&gt; &quot;D&quot;")) << name;
    EXPECT_FALSE(contains(*part, "\x01")) << name;
    EXPECT_FALSE(contains(*part, "\x1F")) << name;
    pugi::xml_document xml;
    const auto parsed = xml.load_string(part->c_str());
    EXPECT_TRUE(parsed) << name << ": " << parsed.description();
  }
  const auto document = zip_entry(docx, "word/document.xml");
  EXPECT_TRUE(contains(*document, "rad ett</w:t><w:br/>"));
  EXPECT_TRUE(contains(*document, "<w:tab/>"));
  EXPECT_TRUE(contains(*document, "\xEF\xBF\xBD")) << "an invalid UTF-8 byte becomes U+FFFD";
}

TEST(DocxWriter, EmptyDocumentIsStillAValidPackage) {
  const auto document = zip_entry(kk::io::write_docx(SpecDocument{}), "word/document.xml");
  ASSERT_TRUE(document.has_value());
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(document->c_str()));
  EXPECT_TRUE(xml.child("w:document").child("w:body").child("w:p"));
}

TEST_F(DocxLibreOffice, TitlePageHasTitleAndLabelledCaseLines) {
  const std::size_t title = position("Bilaga 4 – Villkor för informationssäkerhet");
  EXPECT_LT(title, position("Sjöstads kommun"));
  position("Drift & förvaltning av e-tjänster 2026");
  EXPECT_TRUE(contains(text(), "Diarienummer\tKS 2026/0315"));
  EXPECT_TRUE(contains(text(), "Datum\t2026-04-14"));
  EXPECT_LT(title, position("Bilagan anger de villkor"));
}

TEST_F(DocxLibreOffice, SectionsAndAreasComeInOrder) {
  const std::size_t first = position("1 Krav på leverantören");
  const std::size_t second = position("2 Avtalsvillkor");
  EXPECT_LT(first, position("Ledning och styrning"));
  EXPECT_LT(position("Behörighet och identitet"), second);
  EXPECT_LT(second, position("Loggning och spårbarhet"));
  position("Kraven i detta avsnitt prövas när anbuden öppnas.");
}

TEST_F(DocxLibreOffice, EveryRequirementHasItsIdTextAndVerification) {
  const SpecDocument doc = sample_document();
  for (const auto* r : doc.all()) {
    position(r->number + " " + r->id + " – ");
    // The control characters in BEH-01 are dropped; the sentence is intact.
    position(r->text.substr(0, r->text.find('\x01')));
  }
  position("Verifikat: intyg, certifikat");
  position("Svar: Ja/Nej");
  position("Svar: Beskrivning");
}

TEST_F(DocxLibreOffice, KindLabelsAndBorKravWeightsShow) {
  position("LED-01 – \xC2\xA0Ska-krav\xC2\xA0");
  position(
      "LED-02 – \xC2\xA0"
      "Bör-krav (Vikt 3)");
  position(
      "LOG-02 – \xC2\xA0"
      "Bör-krav (Vikt 2)");
  EXPECT_FALSE(contains(text(), "Ska-krav (Vikt")) << "ska-krav carry no weight";
}

TEST_F(DocxLibreOffice, MarkupCharactersSurviveEscaping) {
  position("risker med nivå <hög> & <kritisk> följs upp");
  position("tillgänglighet \"hög\" kräver riskuppföljning");
}

TEST_F(DocxLibreOffice, EvaluationThenReasonsAppendixCloseTheDocument) {
  const std::size_t evaluation = position("Utvärdering");
  EXPECT_LT(position("LOG-02 – "), evaluation);
  EXPECT_LT(evaluation, position("Varje uppfyllt bör-krav ger poäng"));
  const std::size_t appendix = position("Bilaga: Varför kraven ställs");
  EXPECT_LT(evaluation, appendix);
  EXPECT_LT(appendix, position("Här förklaras varför varje krav finns med"));
  const std::string reasons = text().substr(appendix);
  EXPECT_TRUE(contains(reasons, "1.1 LED-01"));
  EXPECT_TRUE(contains(reasons, "Motiv: Ett ledningssystem visar att säkerhetsarbetet är systematiskt."));
  EXPECT_TRUE(contains(reasons, "Skäl:"));
  EXPECT_TRUE(contains(reasons, "Regel R-12: skyddsvärde hög för konfidentialitet"));
  EXPECT_TRUE(contains(reasons, "Tjänsten hanterar personuppgifter"));
  EXPECT_TRUE(contains(reasons, "2.2 LOG-02"));
  EXPECT_TRUE(contains(reasons, "Regel R-31: krav på spårbarhet i avtal"));
}
