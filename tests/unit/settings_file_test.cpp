// The configuration file: KK_* names as in the environment; every line it cannot take is named.
#include <gtest/gtest.h>

#include "io/settings_file.hpp"

using kk::io::parse_settings;
using Kind = kk::io::SettingsProblem::Kind;

namespace {
const std::set<std::string> known{"KK_DB", "KK_LISTEN", "KK_PUBLIC_URL", "KK_SMTP_PASSWORD"};
}

TEST(SettingsFile, ReadsNamesValuesQuotesAndSkipsCommentsAndBlankLines) {
  auto s = parse_settings(
      "# Kravkedja\n\nKK_DB=postgresql://kk@db/kravkedja\n  KK_LISTEN = 0.0.0.0:8080  \r\n"
      "export KK_PUBLIC_URL=\"https://kravkedja.kommun.se\"\nKK_SMTP_PASSWORD='a b#c'\n",
      known);
  ASSERT_FALSE(s.problem);
  ASSERT_EQ(s.values.size(), 4u);
  EXPECT_EQ(s.values[0], (std::pair<std::string, std::string>{"KK_DB", "postgresql://kk@db/kravkedja"}));
  EXPECT_EQ(s.values[1].second, "0.0.0.0:8080");
  EXPECT_EQ(s.values[2].second, "https://kravkedja.kommun.se");
  EXPECT_EQ(s.values[3].second, "a b#c");
  EXPECT_TRUE(parse_settings("KK_DB=", known).values.size() == 1) << "an empty value is a value";
}

TEST(SettingsFile, NamesTheFirstLineItCannotTakeAndKeepsNothing) {
  struct Case {
    std::string text;
    int line;
    Kind kind;
    std::string name;
  };
  for (const auto& c : std::vector<Case>{
           {"KK_DB=x\nKK_LISTEN 8080\n", 2, Kind::no_equals, ""},
           {"\n\nKK_DBB=x\n", 3, Kind::unknown_name, "KK_DBB"},
           {"kk-db=x\n", 1, Kind::bad_name, "kk-db"},
           {"=x\n", 1, Kind::bad_name, ""},
           {"KK_DB=\"x\n", 1, Kind::unclosed_quote, "KK_DB"},
           {"KK_DB=a\n# again\nKK_DB=b\n", 3, Kind::twice, "KK_DB"},
       }) {
    auto s = parse_settings(c.text, known);
    ASSERT_TRUE(s.problem) << c.text;
    EXPECT_EQ(s.problem->line, c.line) << c.text;
    EXPECT_EQ(s.problem->kind, c.kind) << c.text;
    EXPECT_EQ(s.problem->name, c.name) << c.text;
    EXPECT_TRUE(s.values.empty()) << "nothing of a file with a bad line is used";
  }
}
