#pragma once
// A small, defensive reader for .xlsx files uploaded by users (answer matrices coming back
// from tenderers). An .xlsx file is a zip archive of XML parts; a hostile one can be a zip
// bomb, so every limit is checked while inflating, in chunks, and inflating stops as soon as
// a limit is passed. Cell values come back as text, exactly as stored (numbers unformatted).
// Errors are values; nothing is thrown out of these functions.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "domain/result.hpp"

struct zip;  // libzip's archive handle (zip_t)

namespace kk::io {

struct XlsxLimits {
  std::size_t max_entries = 1000;                   // files in the archive
  std::size_t max_entry_bytes = 50 * 1024 * 1024;   // one file, uncompressed
  std::size_t max_total_bytes = 200 * 1024 * 1024;  // all files, uncompressed
  double max_ratio = 200;                           // uncompressed / compressed, per file
  std::size_t max_rows = 100000;                    // per sheet
  std::size_t max_columns = 200;                    // per sheet
};

struct XlsxSheet {
  std::string name;
  // rows[r][c] is the cell at row r+1, column c+1 (A = 0). Rows and cells that are absent or
  // empty in the file are empty strings; each row is as long as its last non-empty cell.
  std::vector<std::vector<std::string>> rows;
};

// All worksheets in workbook order. Error keys (kind invalid): error.xlsx_not_zip,
// error.xlsx_too_large (field: the zip entry or sheet), error.xlsx_malformed (field: the entry).
domain::Result<std::vector<XlsxSheet>> read_xlsx(const std::string& bytes, const XlsxLimits& limits = {});

// The guarded zip access read_xlsx is built on; public so that tests and other readers of
// zip-based formats can use it. The bytes must outlive the SafeZip (libzip reads them in place).
class SafeZip {
 public:
  // Opens the archive and checks the entry count and the sum of the declared sizes.
  static domain::Result<SafeZip> open(const std::string& bytes, const XlsxLimits& limits);

  SafeZip(SafeZip&&) noexcept;
  SafeZip& operator=(SafeZip&&) noexcept;
  ~SafeZip();

  bool contains(const std::string& name) const;
  // One entry, inflated in chunks under the limits (declared size, actual size, ratio, and the
  // running total over all entries read so far).
  domain::Result<std::string> read(const std::string& name);
  // Bytes inflated so far over all reads, including those of a read stopped by a limit.
  std::uint64_t inflated_bytes() const { return inflated_; }

 private:
  struct Closer {
    void operator()(::zip* archive) const;
  };
  SafeZip(std::unique_ptr<::zip, Closer> archive, XlsxLimits limits);

  std::unique_ptr<::zip, Closer> archive_;
  XlsxLimits limits_;
  std::uint64_t inflated_ = 0;
};

}  // namespace kk::io
