#pragma once
// Converting documents with LibreOffice (soffice --headless --convert-to), for PDF and
// for tests that open generated files in a real reader.
#include <string>

#include "domain/result.hpp"

namespace kk::io {

// Converts `bytes` (a file of type `from_ext`, e.g. "docx") to `to` (e.g. "pdf" or "txt:Text").
// Each call uses its own LibreOffice profile and temporary folder, removed afterwards.
domain::Result<std::string> convert_with_libreoffice(const std::string& bytes, const std::string& from_ext,
                                                     const std::string& to);

}  // namespace kk::io
