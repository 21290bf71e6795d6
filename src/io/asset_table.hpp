#pragma once
// The asset inventory as a spreadsheet, as KLASSA exports it or as kept in Excel: a header row
// (under any title rows) naming at least the asset's name, then a row per asset. This reads the
// cells by their headers; app/ matches owners to users and checks each row as the form does.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/classification_model.hpp"
#include "domain/enums.hpp"
#include "domain/result.hpp"
#include "io/row_problem.hpp"

namespace kk::io {

struct AssetRow {
  unsigned row = 0;  // as the spreadsheet numbers it
  std::string name;
  std::optional<std::string> description;  // set when the sheet has the column
  std::string owner;                       // a user's name, user name or e-mail as written
  std::optional<std::string> owner_unit;
  std::map<domain::Aspect, int> levels;    // the levels given (blank cells are left out)
  std::map<domain::Flag, bool> flags;      // the special categories the row names or denies
};

struct AssetTableReading {
  std::vector<AssetRow> rows;
  std::vector<RowProblem> problems;  // codes under "asset_row."
  std::vector<std::string> ignored_columns;
};

// The names a special category goes by (its label in each language), for its own column
// ("Personuppgifter: ja") and for the words of a list column ("Särskilda uppgifter").
using FlagNames = std::map<domain::Flag, std::vector<std::string>>;

// A file that cannot be read as a table, or has no header row with a name column, is an error;
// everything else is a row problem.
domain::Result<AssetTableReading> read_asset_table(const std::string& bytes, const domain::ClassificationModel& model,
                                                   const FlagNames& flag_names);

// A level as people write it: "2", "K2", "nivå 2", or the level's name in the model.
std::optional<int> level_of(const std::string& cell, const domain::ClassificationModel& model);

}  // namespace kk::io
