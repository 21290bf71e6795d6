#pragma once
// A zip archive built in memory (libzip): the container of DOCX files and of a closed case's
// archive package.
#include <string>
#include <vector>

namespace kk::io {

struct ZipPart {
  std::string name;     // path inside the archive, UTF-8
  std::string content;
};

// Packs the parts, in order, into a zip archive; throws std::runtime_error when libzip fails.
std::string zip_in_memory(const std::vector<ZipPart>& parts);

}  // namespace kk::io
