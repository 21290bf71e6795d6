// Frameworks in CISO Assistant's library format as catalogues, on a framework written for the
// test (tests/data/ciso-assistant-exempel.yaml): areas from the top nodes, requirements from
// the assessable ones, URNs kept as sources, and refusals that name the line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "io/catalogue_loader.hpp"
#include "io/ciso_assistant.hpp"

namespace {
using namespace kk;

std::string example() {
  std::ifstream in(std::string(KK_SOURCE_DIR) + "/tests/data/ciso-assistant-exempel.yaml");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(CisoAssistant, AFrameworkBecomesACatalogueKeepingItsUrns) {
  std::string text = example();
  ASSERT_FALSE(text.empty());
  EXPECT_TRUE(io::looks_like_ciso_assistant_library(text));
  auto c = io::load_catalogue({text, "molnrutin.yaml"});  // the catalogue loader knows the format
  ASSERT_TRUE(c.ok()) << c.error().key << " " << c.error().field << " " << (c.error().params.count("detail") ? c.error().params.at("detail") : "");
  EXPECT_EQ(c->id, "exempelby-moln-2026");
  EXPECT_EQ(c->version, 2);
  EXPECT_EQ(c->language, "sv");
  EXPECT_EQ(c->name.sv, "Molnrutin 2026");
  ASSERT_EQ(c->areas.size(), 2u);
  EXPECT_EQ(c->areas[0].key, "plats");
  EXPECT_EQ(c->areas[0].code, "PLATS");
  EXPECT_EQ(c->areas[0].name.sv, "Var informationen finns");
  ASSERT_EQ(c->requirements.size(), 3u);
  const auto* eu = c->find("PLATS-1");
  ASSERT_NE(eu, nullptr);
  EXPECT_EQ(eu->area, "plats");
  EXPECT_EQ(eu->ska_text, "Lagring inom EU/EES: Kommunens information lagras och behandlas endast inom EU/EES.");
  EXPECT_EQ(eu->sources, std::vector<std::string>{"urn:kravkedja:risk:req_node:exempelby-molnrutin:plats-1"});
  EXPECT_EQ(eu->motive, "Molnrutin 2026: PLATS Var informationen finns.");
  EXPECT_EQ(c->find("PLATS-2")->ska_text, "Leverantören redovisar alla platser där säkerhetskopior finns.");
  const auto* exit = c->find("EXIT-1");
  ASSERT_NE(exit, nullptr);
  EXPECT_EQ(exit->area, "exit") << "a deeper node belongs to the area of its top node";
  EXPECT_EQ(exit->motive, "Molnrutin 2026: EXIT Avslut › EXIT.F Format vid återlämnande.");
  EXPECT_TRUE(exit->parent.empty()) << "its parent is a section, not a requirement";
}

void expect_refused(const std::string& text, const std::string& line, const std::string& detail_part) {
  auto c = io::load_ciso_assistant_library({text, "ramverk.yaml"});
  ASSERT_FALSE(c.ok()) << text;
  EXPECT_EQ(c.error().key, "error.content");
  EXPECT_EQ(c.error().field, "ramverk.yaml:" + line) << c.error().params.at("detail");
  EXPECT_NE(c.error().params.at("detail").find(detail_part), std::string::npos) << c.error().params.at("detail");
}

TEST(CisoAssistant, AWrongFrameworkIsRefusedNamingTheLine) {
  std::string head = "urn: urn:x:library:a\nref_id: A\nversion: 1\nobjects:\n  framework:\n    urn: urn:x:framework:a\n"
                     "    ref_id: A\n    name: A\n    requirement_nodes:\n";
  expect_refused(head + "    - urn: urn:x:n:1\n      assessable: true\n      ref_id: A-1\n      parent_urn: urn:x:n:missing\n"
                        "      name: One\n",
                 "10", "parent_urn 'urn:x:n:missing'");
  expect_refused(head + "    - urn: urn:x:n:1\n      ref_id: S\n      name: S\n    - urn: urn:x:n:1\n      ref_id: T\n",
                 "13", "used twice");
  expect_refused(head + "    - urn: urn:x:n:1\n      ref_id: S\n      name: Section only\n", "10", "nothing to require");
  expect_refused(head + "    - ref_id: S\n      name: No urn\n", "10", "missing 'urn'");
  expect_refused(head + "    - urn: urn:x:n:1\n      assessable: maybe\n      ref_id: S\n      name: S\n", "11", "true or false");
  std::string looped = head + "    - urn: urn:x:n:1\n      parent_urn: urn:x:n:2\n      assessable: true\n      ref_id: A-1\n      name: One\n"
                              "    - urn: urn:x:n:2\n      parent_urn: urn:x:n:1\n      ref_id: S\n      name: S\n";
  auto loop = io::load_ciso_assistant_library({looped, "ramverk.yaml"});
  ASSERT_FALSE(loop.ok());
  EXPECT_NE(loop.error().params.at("detail").find("loop"), std::string::npos) << loop.error().params.at("detail");
}
}  // namespace
