// The content files themselves: YAML would silently let a repeated key override the first,
// so a text or a requirement could vanish unnoticed.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <functional>
#include <set>

#include "io/embedded.hpp"

namespace {
void expect_unique_keys(const YAML::Node& node, const std::string& file, const std::string& path) {
  if (node.IsMap()) {
    std::set<std::string> seen;
    for (const auto& item : node) {
      std::string key = item.first.as<std::string>();
      EXPECT_TRUE(seen.insert(key).second) << file << ": the key " << path << key << " appears twice (line "
                                           << item.first.Mark().line + 1 << ")";
      expect_unique_keys(item.second, file, path + key + ".");
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) expect_unique_keys(item, file, path);
  }
}
}  // namespace

TEST(ContentFiles, NoKeyAppearsTwiceInAnyCatalogFile) {
  int files = 0;
  for (const auto& path : kk::io::embedded_files_under("catalog/")) {
    ++files;
    expect_unique_keys(YAML::Load(std::string(*kk::io::embedded_file(path))), path, "");
  }
  EXPECT_GT(files, 8);
}

TEST(ContentFiles, SwedishAndEnglishTextsHaveTheSameKeys) {
  auto flatten = [](const YAML::Node& root) {
    std::set<std::string> keys;
    std::function<void(const YAML::Node&, const std::string&)> walk = [&](const YAML::Node& n, const std::string& p) {
      for (const auto& item : n) {
        std::string key = p + item.first.as<std::string>();
        if (item.second.IsMap()) walk(item.second, key + ".");
        else keys.insert(key);
      }
    };
    walk(root, "");
    return keys;
  };
  auto sv = flatten(YAML::Load(std::string(*kk::io::embedded_file("catalog/i18n/sv.yaml"))));
  auto en = flatten(YAML::Load(std::string(*kk::io::embedded_file("catalog/i18n/en.yaml"))));
  for (const auto& k : sv) EXPECT_TRUE(en.count(k)) << "English lacks " << k;
  for (const auto& k : en) EXPECT_TRUE(sv.count(k)) << "Swedish lacks " << k;
}

TEST(ContentFiles, TheGlossaryExplainsEachTermOnceInBothLanguages) {
  auto glossary = YAML::Load(std::string(*kk::io::embedded_file("catalog/glossary/begrepp.yaml")));
  std::set<std::string> keys;
  ASSERT_GE(glossary["terms"].size(), 20u);
  for (const auto& term : glossary["terms"]) {
    std::string key = term["key"].as<std::string>();
    EXPECT_TRUE(keys.insert(key).second) << key << " appears twice";
    for (const char* part : {"term", "definition"})
      for (const char* lang : {"sv", "en"})
        EXPECT_FALSE(term[part][lang].as<std::string>("").empty()) << key << " lacks " << part << "." << lang;
  }
}
