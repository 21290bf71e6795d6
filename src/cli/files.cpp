#include "cli/files.hpp"

#include <cctype>
#include <cstdint>
#include <filesystem>

namespace kk::cli {
namespace {
constexpr std::uintmax_t max_file_bytes = 8u << 20;
constexpr std::uintmax_t max_total_bytes = 64u << 20;

bool plain_name(const std::string& name) {
  if (name.empty() || name.front() == '.') return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) return false;
  return true;
}
}  // namespace

StaticFiles read_static_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  StaticFiles out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    out.error = dir + ": katalogen finns inte";
    return out;
  }
  std::uintmax_t total = 0;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || !plain_name(name)) continue;
    std::uintmax_t size = entry.file_size(ec);
    total += size;
    if (ec || size > max_file_bytes || total > max_total_bytes) {
      out.error = entry.path().string() + ": filen är för stor (högst 8 MB per fil, 64 MB sammanlagt)";
      return out;
    }
    auto bytes = read_file(entry.path().string());
    if (!bytes) {
      out.error = entry.path().string() + ": filen kan inte läsas";
      return out;
    }
    out.files.emplace(name, std::move(*bytes));
  }
  if (ec) out.error = dir + ": katalogen kan inte läsas";
  return out;
}

}  // namespace kk::cli
