#pragma once
// Reading a whole file, for the commands that take one (catalogues, rule sets, backups,
// organisation exports, the configuration file).
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

namespace kk::cli {

// The file's bytes, or nothing when it cannot be opened.
inline std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The same, empty when it cannot be opened (the caller has checked that it exists).
inline std::string read_text(const std::string& path) { return read_file(path).value_or(""); }

// The files of serve's --static-dir, by name: regular files directly in it whose names are
// letters, digits, '.', '-' and '_' (no hidden files), each at most 8 MB, 64 MB in all. The error
// names the directory or file and the reason, in Swedish.
struct StaticFiles {
  std::map<std::string, std::string> files;
  std::string error;
};
StaticFiles read_static_dir(const std::string& dir);

}  // namespace kk::cli
