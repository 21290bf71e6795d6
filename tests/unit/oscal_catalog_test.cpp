// OSCAL catalogs as Kravkedja catalogues, tried on the real thing: NIST SP 800-53 rev. 5.0.1 from
// usnistgov/oscal-content (the shared test data), and on small documents written for the test.
#include <gtest/gtest.h>

#include "../common/shared_data.hpp"
#include "io/catalogue_loader.hpp"
#include "io/oscal_catalog.hpp"

namespace {
using namespace kk;

const domain::Catalogue& sp800_53() {
  static const domain::Catalogue c = [] {
    auto loaded = io::load_oscal_catalog({kkt::read_shared_data("oscal/NIST_SP-800-53_rev5.0.1_catalog.json"), "sp800-53.json"});
    if (!loaded) throw std::runtime_error("SP 800-53 did not load: " + loaded.error().key + " " + loaded.error().field);
    return std::move(loaded).value();
  }();
  return c;
}

TEST(OscalCatalog, Sp80053HasItsTwentyFamiliesAndEveryControlAndEnhancement) {
  const auto& c = sp800_53();
  EXPECT_EQ(c.id, "nist-special-publication-800-53-revision-5");
  EXPECT_EQ(c.version, 1);
  EXPECT_EQ(c.language, "en");
  EXPECT_EQ(c.areas.size(), 20u);
  EXPECT_EQ(c.areas[0].key, "ac");
  EXPECT_EQ(c.areas[0].code, "AC");
  EXPECT_EQ(c.areas[0].name.en, "Access Control");
  auto n = io::count_controls(c);
  EXPECT_EQ(n.controls, 322u);
  EXPECT_EQ(n.enhancements, 867u);
  EXPECT_EQ(n.withdrawn, 24u + 158u);
  EXPECT_EQ(c.requirements.size(), 322u + 867u);
  EXPECT_NE(c.description.en.find("5.0.1"), std::string::npos) << c.description.en;
}

TEST(OscalCatalog, AControlReadsAsItsStatementWithTheParametersWrittenOut) {
  const auto& c = sp800_53();
  const auto* ac2 = c.find("AC-2");
  ASSERT_NE(ac2, nullptr);
  EXPECT_EQ(ac2->area, "ac");
  EXPECT_TRUE(ac2->parent.empty());
  EXPECT_FALSE(ac2->withdrawn);
  EXPECT_EQ(ac2->sources, std::vector<std::string>{"oscal:ac-2"});
  EXPECT_EQ(ac2->ska_text.rfind("Account Management: a. Define and document the types of accounts allowed and specifically "
                                "prohibited for use within the system; b. Assign account managers; c. Require "
                                "[organization-defined prerequisites and criteria] for group and role membership;",
                                0),
            0u)
      << ac2->ska_text.substr(0, 400);
  EXPECT_FALSE(ac2->motive.empty());
  EXPECT_EQ(ac2->motive.find("{{"), std::string::npos) << "no parameter is left unwritten";
  const auto* ac1 = c.find("AC-1");
  ASSERT_NE(ac1, nullptr);
  EXPECT_NE(ac1->ska_text.find("[one or more of: Organization-level; Mission/business process-level; System-level]"),
            std::string::npos)
      << ac1->ska_text.substr(0, 300);
  const auto* enhancement = c.find("AC-2(1)");
  ASSERT_NE(enhancement, nullptr);
  EXPECT_EQ(enhancement->parent, "AC-2");
  EXPECT_EQ(enhancement->ska_text.rfind("Automated System Account Management: ", 0), 0u) << enhancement->ska_text;
}

TEST(OscalCatalog, AWithdrawnControlSaysWhereItWent) {
  const auto& c = sp800_53();
  const auto* moved = c.find("AC-3(1)");
  ASSERT_NE(moved, nullptr);
  EXPECT_TRUE(moved->withdrawn);
  EXPECT_NE(moved->ska_text.find("withdrawn; see AC-6."), std::string::npos) << moved->ska_text;
  const auto* into_item = c.find("AC-2(10)");
  ASSERT_NE(into_item, nullptr);
  EXPECT_NE(into_item->ska_text.find("see AC-2k."), std::string::npos) << into_item->ska_text;
  EXPECT_NE(c.find("AC-3(6)")->ska_text.find("see MP-4, SC-28."), std::string::npos);
}

TEST(OscalCatalog, TheCatalogueLoaderKnowsOscalFromYamlAndTheStoredIdentityWins) {
  std::string text = kkt::read_shared_data("oscal/NIST_SP-800-53_rev5.0.1_catalog.json");
  EXPECT_TRUE(io::looks_like_oscal_catalog(text));
  EXPECT_FALSE(io::looks_like_oscal_catalog("id: kravkedja-bas\nversion: 1\n"));
  std::string stored = io::with_kravkedja_identity(text, "sp800-53", 3);
  auto loaded = io::load_catalogue({stored, "stored.json"});
  ASSERT_TRUE(loaded.ok()) << loaded.error().key << " " << loaded.error().field;
  EXPECT_EQ(loaded->id, "sp800-53");
  EXPECT_EQ(loaded->version, 3);
  // Stored again (a stored document imported anew), the newest identity is the one read.
  auto again = io::load_oscal_catalog({io::with_kravkedja_identity(stored, "sp800-53", 4), "again.json"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->version, 4);
}

void expect_refused(const std::string& text, const std::string& code, const std::string& field) {
  auto loaded = io::load_oscal_catalog({text, "katalog.json"});
  ASSERT_FALSE(loaded.ok()) << text;
  EXPECT_EQ(loaded.error().key, code) << text;
  EXPECT_EQ(loaded.error().field, field) << text;
}

TEST(OscalCatalog, ADamagedOrWrongFileIsRefusedWithItsPlace) {
  expect_refused("{\"catalog\": {\n  \"metadata\": {\"title\": \"x\"},\n  \"groups\": [ oops ]}}", "error.oscal_syntax",
                 "katalog.json");
  auto syntax = io::load_oscal_catalog({"{\"catalog\": {\n  \"groups\": [ oops ]}}", "katalog.json"});
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().params.at("line"), "2");
  expect_refused("{\"profile\": {}}", "error.oscal_missing", "katalog.json: catalog");
  expect_refused("{\"catalog\": 33e33333333}", "error.oscal_value", "katalog.json");
  expect_refused(std::string("{\"catalog\": {}}\0{\"more\": 1}", 27), "error.oscal_syntax", "katalog.json");
  expect_refused("{\"catalog\": {\"metadata\": {}}}", "error.oscal_missing", "katalog.json: catalog.metadata.title");
  expect_refused(R"({"catalog": {"metadata": {"title": "T"}, "groups": [{"id": "g", "title": "G",
                   "controls": [{"id": "g-1", "title": "One"}, {"title": "No id"}]}]}})",
                 "error.oscal_missing", "katalog.json: catalog.groups[0].controls[1].id");
  expect_refused(R"({"catalog": {"metadata": {"title": "T"}, "groups": [{"id": "g", "title": "G", "controls": "x"}]}})",
                 "error.oscal_missing", "katalog.json: catalog.groups[0].controls");
  expect_refused(R"({"catalog": {"metadata": {"title": "T"}, "groups": []}})", "error.oscal_missing",
                 "katalog.json: catalog.groups");
  // Two controls with one label: the catalogue's own check names the requirement.
  expect_refused(R"({"catalog": {"metadata": {"title": "T"}, "groups": [{"id": "g", "title": "G", "controls": [
                   {"id": "g-1", "title": "One", "props": [{"name": "label", "value": "G-1"}]},
                   {"id": "g-2", "title": "Two", "props": [{"name": "label", "value": "G-1"}]}]}]}})",
                 "error.duplicate_requirement", "katalog.json: G-1");
  std::string deep = "{\"catalog\": {\"metadata\": {\"title\": \"T\"}, \"groups\": [{\"id\": \"g\", \"title\": \"G\", "
                     "\"controls\": [{\"id\": \"g-1\", \"title\": \"One\", \"parts\": [";
  for (int i = 0; i < 20; ++i) deep += "{\"name\": \"statement\", \"parts\": [";
  for (int i = 0; i < 20; ++i) deep += "]}";
  deep += "]}]}]}}";
  auto too_deep = io::load_oscal_catalog({deep, "katalog.json"});
  ASSERT_FALSE(too_deep.ok());
  EXPECT_EQ(too_deep.error().key, "error.oscal_too_deep");
}
}  // namespace
