#pragma once
// The tender appendix as a Word document (.docx, Office Open XML), written by hand with
// libzip: Debian has no DOCX library. The layout is an A4 document with a title page, the
// requirements by section and area, the evaluation and an appendix on why each requirement
// is there. All texts come from the SpecDocument; this writer only lays them out.
#include <string>

#include "io/spec_document.hpp"

namespace kk::io {

// The .docx file's bytes. Throws std::runtime_error if the archive cannot be built.
std::string write_docx(const SpecDocument& doc);

}  // namespace kk::io
