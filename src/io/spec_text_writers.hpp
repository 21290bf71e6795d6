#pragma once
// The specification as text formats: CSV as Swedish Excel opens it (UTF-8 with BOM,
// semicolons, CRLF) and Markdown.
#include <string>

#include "io/spec_document.hpp"

namespace kk::io {

std::string write_csv(const SpecDocument& doc);
std::string write_markdown(const SpecDocument& doc);

}  // namespace kk::io
