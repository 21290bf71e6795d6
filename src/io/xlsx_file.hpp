#pragma once
// libxlsxwriter writes workbooks to a file only: a temporary file, read back and removed.
#include <string>

namespace kk::io {

class XlsxTempFile {
 public:
  XlsxTempFile();
  ~XlsxTempFile();
  XlsxTempFile(const XlsxTempFile&) = delete;
  XlsxTempFile& operator=(const XlsxTempFile&) = delete;
  const std::string& path() const { return path_; }
  std::string contents() const;

 private:
  std::string path_;
};

}  // namespace kk::io
