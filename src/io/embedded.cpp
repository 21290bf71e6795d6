#include "io/embedded.hpp"

namespace kk::io {

std::optional<std::string_view> embedded_file(const std::string& path) {
  const auto& files = kk::embedded::all_files();
  auto it = files.find(path);
  if (it == files.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> embedded_files_under(const std::string& prefix) {
  std::vector<std::string> paths;
  for (const auto& [path, content] : kk::embedded::all_files())
    if (path.rfind(prefix, 0) == 0) paths.push_back(path);
  return paths;
}

}  // namespace kk::io
