#pragma once
// Files embedded into the binary at build time (migrations, catalogue, templates, static).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kk::embedded {
const std::map<std::string, std::string_view>& all_files();  // generated
}

namespace kk::io {

std::optional<std::string_view> embedded_file(const std::string& path);
// Paths under a prefix (e.g. "migrations/"), sorted.
std::vector<std::string> embedded_files_under(const std::string& prefix);

}  // namespace kk::io
