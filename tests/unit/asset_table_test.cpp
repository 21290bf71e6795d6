// The asset inventory from a spreadsheet: KLASSA's short headers, levels written in the ways
// people write them, special categories as a list or a column each, and every bad row reported.
#include <gtest/gtest.h>

#include "app/content.hpp"
#include "io/asset_table.hpp"
#include "io/table_export.hpp"

using namespace kk::domain;
using namespace kk::io;

namespace {
const ClassificationModel& model() {
  static const kk::app::Content c = kk::app::load_builtin_content();
  return c.model("standard");
}
const FlagNames flags = {{Flag::personal_data, {"Personuppgifter", "Personal data"}},
                         {Flag::secrecy, {"Sekretess (OSL)", "Secrecy"}}};
}  // namespace

TEST(AssetTable, LevelsAreReadAsPeopleWriteThem) {
  EXPECT_EQ(level_of("2", model()), 2);
  EXPECT_EQ(level_of("K3", model()), 3);
  EXPECT_EQ(level_of("r 1", model()), 1);
  EXPECT_EQ(level_of("Nivå 4", model()), 4);
  EXPECT_EQ(level_of("betydande", model()), 2);
  EXPECT_EQ(level_of("Serious", model()), 3);
  EXPECT_FALSE(level_of("hög", model()));
  EXPECT_FALSE(level_of("X2", model()));
}

TEST(AssetTable, AKlassaExportIsReadByItsHeaders) {
  Table t{"Klassning", "Informationsklassning", {"Informationstillgång", "Ägare", "K", "R", "T", "S", "Personuppgifter",
                                                 "Särskilda uppgifter", "Kommentar"},
          {{"Elevregister", "anna", "K3", "2", "Betydande", "", "Ja", "Sekretess (OSL)", "x"},
           {"Matsedel", "", "0", "1", "1", "-", "Nej", "", ""}}};
  auto read = read_asset_table(write_table_xlsx(t), model(), flags);
  ASSERT_TRUE(read) << read.error().key;
  ASSERT_TRUE(read->problems.empty());
  ASSERT_EQ(read->rows.size(), 2u);
  const auto& pupils = read->rows[0];
  EXPECT_EQ(pupils.row, 4u);
  EXPECT_EQ(pupils.owner, "anna");
  EXPECT_EQ(pupils.levels.at(Aspect::confidentiality), 3);
  EXPECT_EQ(pupils.levels.at(Aspect::availability), 2);
  EXPECT_FALSE(pupils.levels.count(Aspect::traceability));
  EXPECT_TRUE(pupils.flags.at(Flag::personal_data));
  EXPECT_TRUE(pupils.flags.at(Flag::secrecy));
  EXPECT_FALSE(pupils.description.has_value()) << "no such column: the asset's description is left as it is";
  EXPECT_FALSE(read->rows[1].flags.at(Flag::personal_data));
  EXPECT_EQ(read->ignored_columns, std::vector<std::string>{"Kommentar"});
}

TEST(AssetTable, EveryBadRowIsReported) {
  std::string csv =
      "Namn;Konfidentialitet;Personuppgifter;Särskilda uppgifter\n"
      "A;hög;ja;\n"
      ";1;;\n"
      "B;1;kanske;\n"
      "a;1;;\n"
      "C;1;;hemligt\n";
  auto read = read_asset_table(csv, model(), flags);
  ASSERT_TRUE(read);
  ASSERT_EQ(read->problems.size(), 5u);
  EXPECT_EQ(read->problems[0].code, "bad_level");
  EXPECT_EQ(read->problems[0].row, 2u);
  EXPECT_EQ(read->problems[1].code, "missing");
  EXPECT_EQ(read->problems[2].code, "bad_yes_no");
  EXPECT_EQ(read->problems[3].code, "duplicate_name");
  EXPECT_EQ(read->problems[3].params.at("first_row"), "2");
  EXPECT_EQ(read->problems[4].code, "bad_flag");
  auto none = read_asset_table("Namn\n\n", model(), flags);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->problems[0].code, "no_rows");
  auto header = read_asset_table("Titel\nx\n", model(), flags);
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().key, "error.header_row_missing");
}
