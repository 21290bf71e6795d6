#include "io/asset_table.hpp"

#include <algorithm>
#include <set>

#include "domain/search_text.hpp"
#include "io/grid.hpp"
#include "io/header_map.hpp"

namespace kk::io {
using namespace kk::domain;

namespace {

const std::vector<std::pair<Aspect, std::vector<std::string>>>& aspect_columns() {
  static const std::vector<std::pair<Aspect, std::vector<std::string>>> columns = {
      {Aspect::confidentiality, {"Konfidentialitet", "K", "C", "Confidentiality"}},
      {Aspect::integrity, {"Riktighet", "R", "I", "Integritet", "Integrity"}},
      {Aspect::availability, {"Tillgänglighet", "T", "A", "Availability"}},
      {Aspect::traceability, {"Spårbarhet", "S", "Traceability"}},
  };
  return columns;
}

std::vector<ColumnSpec> asset_columns(const FlagNames& flag_names) {
  std::vector<ColumnSpec> specs = {
      {"name",
       {"Namn", "Informationstillgång", "Informationsmängd", "Tillgång", "Information", "Name", "Asset",
        "Information asset"},
       true},
      {"description", {"Beskrivning", "Description"}},
      {"owner", {"Informationsägare", "Ägare", "Information owner", "Owner"}},
      {"owner_unit", {"Ägande enhet", "Enhet", "Förvaltning", "Verksamhet", "Unit", "Owning unit"}},
      {"flags", {"Särskilda uppgifter", "Flaggor", "Flags"}},
  };
  for (const auto& [aspect, names] : aspect_columns()) specs.push_back({std::string(to_string(aspect)), names});
  for (const auto& [flag, names] : flag_names) {
    auto all = names;
    all.emplace_back(to_string(flag));
    specs.push_back({"flag:" + std::string(to_string(flag)), all});
  }
  return specs;
}

std::string level_words(const ClassificationModel& model) {
  std::string out;
  for (const auto& level : model.levels)
    out += (out.empty() ? "" : ", ") + std::to_string(level.level) + " (" + level.name.sv + ")";
  return out;
}

}  // namespace

std::optional<int> level_of(const std::string& cell, const ClassificationModel& model) {
  std::string digits, letters;
  for (char c : header_key(cell)) (c >= '0' && c <= '9' ? digits : letters) += c;
  static const std::set<std::string> prefixes = {"", "k", "r", "t", "s", "c", "i", "a", "niva", "nivå", "level"};
  if (!digits.empty() && digits.size() <= 2 && prefixes.count(letters)) return std::stoi(digits);
  for (const auto& level : model.levels)
    if (same_words(cell, level.name.sv) || (!level.name.en.empty() && same_words(cell, level.name.en)))
      return level.level;
  return std::nullopt;
}

Result<AssetTableReading> read_asset_table(const std::string& bytes, const ClassificationModel& model,
                                           const FlagNames& flag_names) {
  auto grids = KK_TRY(read_grid(bytes));
  const auto specs = asset_columns(flag_names);
  const Grid* grid = nullptr;
  std::optional<HeaderMatch> header;
  for (const auto& g : grids)
    if ((header = match_header(g, specs))) {
      grid = &g;
      break;
    }
  if (!grid) return Error::invalid("error.header_row_missing", "file").with("columns", "Namn / Informationstillgång");

  AssetTableReading reading;
  reading.ignored_columns = header->ignored;
  auto& problems = reading.problems;
  for (const auto& h : header->repeated) problems.push_back({grid->row_numbers[header->row], "repeated_column", {{"column", h}}});
  std::map<std::string, unsigned> seen;  // folded name -> row
  for (std::size_t r = header->row + 1; r < grid->rows.size(); ++r) {
    const unsigned number = grid->row_numbers[r];
    auto cell = [&](const std::string& key) { return header->value(*grid, r, key); };
    bool blank = true;
    for (const auto& [key, column] : header->columns) blank = blank && cell(key).empty();
    if (blank) continue;
    const std::size_t before = problems.size();
    AssetRow row;
    row.row = number;
    row.name = cell("name");
    if (row.name.empty()) {
      problems.push_back({number, "missing", {{"column", column_name(specs, "name")}}});
      continue;
    }
    if (auto [it, fresh] = seen.emplace(fold_case(row.name), number); !fresh)
      problems.push_back({number, "duplicate_name", {{"value", row.name}, {"first_row", std::to_string(it->second)}}});
    if (header->has("description")) row.description = cell("description");
    if (header->has("owner_unit")) row.owner_unit = cell("owner_unit");
    row.owner = cell("owner");
    for (const auto& [aspect, names] : aspect_columns()) {
      std::string value = cell(std::string(to_string(aspect)));
      if (value.empty() || value == "-" || value == "–") continue;
      if (auto level = level_of(value, model)) row.levels[aspect] = *level;
      else problems.push_back({number, "bad_level", {{"column", names.front()}, {"value", value},
                                                      {"allowed", level_words(model)}}});
    }
    for (const auto& word : split_list(cell("flags"), ";,\n")) {
      bool known = false;
      for (const auto& [flag, names] : flag_names) {
        bool named = same_words(word, std::string(to_string(flag)));
        for (const auto& n : names) named = named || same_words(word, n);
        if (named) row.flags[flag] = known = true;
      }
      if (!known) problems.push_back({number, "bad_flag", {{"value", word}}});
    }
    for (const auto& [flag, names] : flag_names) {
      std::string key = "flag:" + std::string(to_string(flag));
      if (!header->has(key)) continue;
      auto value = yes_no_word(cell(key));
      if (!value) problems.push_back({number, "bad_yes_no", {{"column", names.front()}, {"value", cell(key)}}});
      else if (*value) row.flags[flag] = true;
      else row.flags.emplace(flag, false);  // a list naming it wins
    }
    if (problems.size() == before) reading.rows.push_back(std::move(row));
  }
  if (reading.rows.empty() && problems.empty()) problems.push_back({0, "no_rows", {}});
  return reading;
}

}  // namespace kk::io
