#include "io/xlsx_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace kk::io {

XlsxTempFile::XlsxTempFile() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kk_xlsx_XXXXXX").string();
  int fd = mkstemp(pattern.data());
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "xlsx: temporary file");
  close(fd);  // libxlsxwriter opens the file by name and overwrites it
  path_ = pattern;
}

XlsxTempFile::~XlsxTempFile() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

std::string XlsxTempFile::contents() const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw std::runtime_error("xlsx: cannot read back " + path_);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace kk::io
