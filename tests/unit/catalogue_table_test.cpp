// Catalogues in spreadsheets: the built-in catalogue exported as XLSX and CSV reads back the
// same, and a catalogue kept in Excel the way people keep them (a title above the header, their
// own column names, Windows-1252 CSV) is read with every row it cannot take reported.
#include <gtest/gtest.h>

#include "app/content.hpp"
#include "io/catalogue_loader.hpp"
#include "io/catalogue_table.hpp"
#include "io/catalogue_yaml.hpp"
#include "io/grid.hpp"
#include "io/table_export.hpp"

using namespace kk::domain;
using namespace kk::io;

namespace {
const Catalogue& base() {
  static const kk::app::Content c = kk::app::load_builtin_content();
  return c.catalogue("kravkedja-bas");
}

void expect_same(const Catalogue& want, const Catalogue& got) {
  EXPECT_EQ(want.id, got.id);
  EXPECT_EQ(want.version, got.version);
  EXPECT_EQ(want.language, got.language);
  EXPECT_EQ(want.name, got.name);
  EXPECT_EQ(want.description, got.description);
  ASSERT_EQ(want.areas.size(), got.areas.size());
  for (std::size_t i = 0; i < want.areas.size(); ++i) {
    EXPECT_EQ(want.areas[i].key, got.areas[i].key);
    EXPECT_EQ(want.areas[i].code, got.areas[i].code);
    EXPECT_EQ(want.areas[i].name, got.areas[i].name);
  }
  ASSERT_EQ(want.requirements.size(), got.requirements.size());
  for (std::size_t i = 0; i < want.requirements.size(); ++i) {
    const auto& w = want.requirements[i];
    const auto& g = got.requirements[i];
    SCOPED_TRACE(w.id);
    EXPECT_EQ(w.id, g.id);
    EXPECT_EQ(w.area, g.area);
    EXPECT_EQ(w.kind, g.kind);
    EXPECT_EQ(w.weight, g.weight);
    EXPECT_EQ(w.placement, g.placement);
    EXPECT_EQ(w.answer, g.answer);
    EXPECT_EQ(w.ska_text, g.ska_text);
    EXPECT_EQ(w.ar_text, g.ar_text);
    EXPECT_EQ(w.motive, g.motive);
    EXPECT_EQ(w.verification, g.verification);
    EXPECT_EQ(w.checked, g.checked);
    ASSERT_EQ(w.follow_up.has_value(), g.follow_up.has_value());
    if (w.follow_up) {
      EXPECT_EQ(w.follow_up->method, g.follow_up->method);
      EXPECT_EQ(w.follow_up->frequency, g.follow_up->frequency);
    }
    EXPECT_EQ(w.iso27001, g.iso27001);
    EXPECT_EQ(w.law, g.law);
    EXPECT_EQ(w.sources, g.sources);
    EXPECT_EQ(w.standard_named, g.standard_named);
    EXPECT_EQ(w.catalogue, g.catalogue);
  }
}

std::vector<std::string> messages_of(const CatalogueTableReading& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems) {
    std::string s = std::to_string(p.row) + " " + p.code;
    for (const auto& [k, v] : p.params) s += " " + k + "=" + v;
    out.push_back(s);
  }
  return out;
}
}  // namespace

TEST(CatalogueTable, TheBuiltInCatalogueRoundTripsThroughXlsx) {
  auto bytes = write_table_xlsx(catalogue_table(base()));
  auto read = read_catalogue_table(bytes, "export.xlsx");
  ASSERT_TRUE(read) << read.error().key;
  EXPECT_TRUE(read->problems.empty()) << testing::PrintToString(messages_of(*read));
  EXPECT_TRUE(read->version_given);
  EXPECT_TRUE(read->ignored_columns.empty());
  expect_same(base(), read->catalogue);
  EXPECT_TRUE(read->catalogue.validate());
}

TEST(CatalogueTable, TheBuiltInCatalogueRoundTripsThroughCsv) {
  auto bytes = write_table_csv(catalogue_table(base()));
  auto read = read_catalogue_table(bytes, "export.csv");
  ASSERT_TRUE(read) << read.error().key;
  EXPECT_TRUE(read->problems.empty()) << testing::PrintToString(messages_of(*read));
  expect_same(base(), read->catalogue);
}

TEST(CatalogueTable, TheYamlItIsStoredAsReadsBackTheSame) {
  auto yaml = write_catalogue_yaml(base());
  auto loaded = load_catalogue({yaml, "skriven.yaml"});
  ASSERT_TRUE(loaded) << loaded.error().key << " " << loaded.error().field;
  expect_same(base(), *loaded);
}

TEST(CatalogueTable, AnExcelUsersCsvIsReadUnderTheirOwnColumnNames) {
  // Saved by Swedish Excel: Windows-1252, semicolons, a title and a note above the header,
  // a line break inside a quoted cell, and a column Kravkedja does not know.
  std::string csv =
      "Krav f\xF6r molntj\xE4nster;;;;;\r\n"
      "Senast \xE4ndrad 2026-10-01;;;;;\r\n"
      "Krav-ID;Kategori;Ska/b\xF6r;Krav;Motivering;Vikt;Ansvarig;Referens\r\n"
      "MOLN-1;Beh\xF6righet;ska;\"Leverant\xF6ren ska logga\r\nall \xE5tkomst.\";Sp\xE5rbarhet;;Anna;GDPR art. 32\r\n"
      "MOLN-2;Beh\xF6righet;b\xF6r;Tv\xE5" "faktorsinloggning f\xF6r alla.;Starkare skydd;4;Anna;\r\n"
      ";;;;;;;\r\n"
      "MOLN-3;Drift;Ska;Data lagras inom EU/EES.;Lagkrav;;Bo;\"Dataskydd; GDPR kap. 5\"\r\n";
  auto read = read_catalogue_table(csv, "Molnkrav 2026.csv");
  ASSERT_TRUE(read) << read.error().key;
  ASSERT_TRUE(read->problems.empty()) << testing::PrintToString(messages_of(*read));
  const auto& c = read->catalogue;
  EXPECT_EQ(c.id, "molnkrav-2026");
  EXPECT_EQ(c.name.sv, "Molnkrav 2026");
  EXPECT_FALSE(read->version_given);
  EXPECT_EQ(read->ignored_columns, std::vector<std::string>{"Ansvarig"});
  ASSERT_EQ(c.areas.size(), 2u);
  EXPECT_EQ(c.areas[0].key, "behorighet");
  EXPECT_EQ(c.areas[0].name.sv, "Behörighet");
  EXPECT_EQ(c.areas[0].code, "BEH");
  ASSERT_EQ(c.requirements.size(), 3u);
  EXPECT_EQ(c.requirements[0].ska_text, "Leverantören ska logga\nall åtkomst.");
  EXPECT_EQ(c.requirements[0].sources, std::vector<std::string>{"GDPR art. 32"});
  EXPECT_EQ(c.requirements[0].verification, std::vector<Verification>{Verification::intyg});
  EXPECT_EQ(c.requirements[1].kind, RequirementKind::bor);
  EXPECT_EQ(c.requirements[1].weight, 4);
  EXPECT_EQ(c.requirements[1].answer, AnswerKind::description);
  // Without a reference, the file and row it came from.
  EXPECT_EQ(c.requirements[1].sources, std::vector<std::string>{"Molnkrav 2026.csv, rad 6"});
  EXPECT_EQ(c.requirements[2].sources, (std::vector<std::string>{"Dataskydd", "GDPR kap. 5"}));
  EXPECT_TRUE(c.find("MOLN-3"));
}

TEST(CatalogueTable, EveryRowItCannotTakeIsReportedWithItsRow) {
  std::string csv =
      "Id,Område,Typ,Kravtext,Motiv,Vikt,Verifikat,Placering\n"
      "A-1,Drift,ska,Text,Motiv,,intyg,object\n"
      "A-1,Drift,ska,Text igen,Motiv,,intyg,object\n"   // 3: the same id
      "A-2,Drift,kanske,Text,Motiv,,intyg,object\n"     // 4: no such kind
      "A-3,Drift,bör,Text,Motiv,11,intyg,object\n"      // 5: weight out of range
      "A-4,Drift,bör,Text,Motiv,,intyg,object\n"        // 6: bör without weight
      "A-5,Drift,ska,,Motiv,,intyg,object\n"            // 7: no text
      "A-6,Drift,ska,Text,Motiv,,brev,object\n"         // 8: unknown verification
      "A-7,Drift,ska,Text,Motiv,,intyg,tilldelning\n";  // 9: award must be bör
  auto read = read_catalogue_table(csv, "fel.csv");
  ASSERT_TRUE(read) << read.error().key;
  auto got = messages_of(*read);
  ASSERT_EQ(got.size(), 7u) << testing::PrintToString(got);
  EXPECT_EQ(got[0], "3 duplicate_id first_row=2 value=A-1");
  EXPECT_EQ(read->problems[1].row, 4u);
  EXPECT_EQ(read->problems[1].code, "bad_value");
  EXPECT_EQ(read->problems[1].params.at("column"), "Typ");
  EXPECT_EQ(got[2], "5 weight value=11");
  EXPECT_EQ(got[3], "6 weight_missing");
  EXPECT_EQ(got[4], "7 missing column=Kravtext");
  EXPECT_EQ(read->problems[5].row, 8u);
  EXPECT_EQ(read->problems[5].params.at("value"), "brev");
  EXPECT_EQ(got[6], "9 award_must_be_bor");
}

TEST(CatalogueTable, AFileWithoutTheNeededColumnsOrWithAnOpenQuoteIsRefused) {
  auto no_header = read_catalogue_table("Nummer;Beskrivning\n1;Något\n", "x.csv");
  ASSERT_FALSE(no_header);
  EXPECT_EQ(no_header.error().key, "error.header_row_missing");
  EXPECT_EQ(no_header.error().params.at("columns"), "Id, Kravtext, Motiv");
  auto open_quote = read_catalogue_table("Id;Kravtext;Motiv\nA;\"Text;M\nB;T;M\n", "x.csv");
  ASSERT_FALSE(open_quote);
  EXPECT_EQ(open_quote.error().key, "error.csv_quote");
  EXPECT_EQ(open_quote.error().params.at("row"), "2");
  auto binary = read_catalogue_table(std::string("Id;Kravtext;Motiv\n\0\0", 20), "x.csv");
  ASSERT_FALSE(binary);
  EXPECT_EQ(binary.error().key, "error.csv_binary");
  auto not_xlsx = read_catalogue_table(std::string("PK\x03\x04 broken", 11), "x.xlsx");
  ASSERT_FALSE(not_xlsx);
}

TEST(Grid, CsvSeparatorsAndEncodingsAreRecognised) {
  auto tabs = read_grid("a\tb\tc\n1\t2\t3\n");
  ASSERT_TRUE(tabs);
  EXPECT_EQ((*tabs)[0].rows[1], (std::vector<std::string>{"1", "2", "3"}));
  auto commas = read_grid("\xEF\xBB\xBF\"a, b\",c\r\n\"say \"\"hi\"\"\",d");
  ASSERT_TRUE(commas);
  EXPECT_EQ((*commas)[0].rows[0], (std::vector<std::string>{"a, b", "c"}));
  EXPECT_EQ((*commas)[0].rows[1], (std::vector<std::string>{"say \"hi\"", "d"}));
  EXPECT_EQ(windows_1252_to_utf8("\x80 \x96 \xE5"), "€ – å");
  EXPECT_TRUE(valid_utf8("åäö"));
  EXPECT_FALSE(valid_utf8("\xC3"));
  EXPECT_FALSE(valid_utf8("\xE5tkomst"));
  auto empty = read_grid("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().key, "error.file_empty");
}
