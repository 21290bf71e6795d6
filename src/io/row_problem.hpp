#pragma once
// Something an importer could not take from one row of a spreadsheet (row 0: the file as a
// whole). `code` is a message key under the importer's prefix ("matrix.", "catalogue_row.",
// "asset_row."), filled with `params`; the row is added as {row}.
#include <map>
#include <string>

namespace kk::io {

struct RowProblem {
  unsigned row = 0;  // as the spreadsheet numbers it (1 is the first)
  std::string code;
  std::map<std::string, std::string> params;
};

}  // namespace kk::io
