#pragma once
// Background colours of risk levels, light enough for dark text (numbers and level names are
// always written too, so nothing depends on colour). Shared by the heat maps on the pages and
// in the reports.
#include <algorithm>
#include <cstddef>
#include <string_view>

namespace kk::io {

// RRGGBB for level `level` of `levels`, from pale green to pale red.
inline std::string_view risk_level_fill(std::size_t level, std::size_t levels) {
  static constexpr std::string_view fills[] = {"E3F1E6", "FDF1C7", "FBD9B8", "F6C1C1", "EEB0C8"};
  std::size_t i = levels <= 1 ? 0 : level * 4 / (levels - 1);
  return fills[std::min<std::size_t>(i, 4)];
}

}  // namespace kk::io
