#pragma once
// A catalogue as one spreadsheet table, the way organisations keep requirements in Excel:
// a few rows naming the catalogue, then a header row and one row per requirement. The
// export writes every field, so what it writes reads back as the same catalogue; the import
// takes any sheet or CSV whose header row names at least the id, the text and the motive,
// in any order and under the names people use (docs/catalogue-format.md lists them).
#include <string>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/result.hpp"
#include "io/row_problem.hpp"
#include "io/table_export.hpp"

namespace kk::io {

// The catalogue as a table: its identity as label/value rows above the header, then the
// requirements in catalogue order (enumerations as their codes, lists separated by "; ").
Table catalogue_table(const domain::Catalogue& catalogue);

struct CatalogueTableReading {
  domain::Catalogue catalogue;  // validated and indexed when `problems` is empty
  bool version_given = false;   // the file named a version; else the caller picks the next
  std::vector<RowProblem> problems;         // codes under "catalogue_row."
  std::vector<std::string> ignored_columns;  // headers that name nothing Kravkedja knows
};

// Reads an XLSX workbook (the first sheet with a header row) or a CSV file. `file_name`
// gives the id and name when the file does not. A file that cannot be read as a table, or has
// no header row with the required columns, is an error; everything else is a row problem.
domain::Result<CatalogueTableReading> read_catalogue_table(const std::string& bytes, const std::string& file_name);

// Whether the bytes are a spreadsheet rather than YAML or JSON: an XLSX workbook, or a file
// named *.csv.
bool looks_like_spreadsheet(const std::string& bytes, const std::string& file_name);

}  // namespace kk::io
