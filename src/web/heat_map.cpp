#include "web/heat_map.hpp"

#include <fmt/format.h>

#include "io/risk_colours.hpp"

namespace kk::web {

namespace {
std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string heat_map_svg(const HeatMapInput& in) {
  const int n = static_cast<int>(in.likelihood.size());
  const int cell = 78, left = 130, top = 30, bottom = 60;
  const int width = left + n * cell + 10, height = top + n * cell + bottom;
  int total = 0;
  for (const auto& row : in.counts)
    for (int c : row) total += c;
  std::string svg = fmt::format(
      R"svg(<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {} {}" width="{}" height="{}" class="heat-map" aria-labelledby="hm-{}">)svg",
      width, height, width, height, escape(in.id));
  svg += fmt::format(R"svg(<title id="hm-{}">{} ({})</title>)svg", escape(in.id), escape(in.title), total);
  svg += fmt::format(R"svg(<text x="{}" y="18" font-size="14" font-weight="bold">{}</text>)svg", left, escape(in.title));
  for (int l = 0; l < n; ++l) {
    // Likelihood grows upwards: the highest row is drawn first.
    int y = top + (n - 1 - l) * cell;
    svg += fmt::format(R"svg(<text x="{}" y="{}" font-size="12" text-anchor="end">{} {}</text>)svg", left - 6,
                       y + cell / 2 + 4, l + 1, escape(in.likelihood[l]));
    for (int c = 0; c < n; ++c) {
      int x = left + c * cell;
      std::size_t level = in.levels[l][c];
      int count = in.counts[l][c];
      svg += fmt::format(R"svg(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#4a5360"/>)svg", x, y, cell, cell,
                         "#" + std::string(io::risk_level_fill(level, in.level_names.size())));
      svg += fmt::format(R"svg(<text x="{}" y="{}" font-size="22" font-weight="bold" text-anchor="middle">{}</text>)svg",
                         x + cell / 2, y + cell / 2 + 2, count);
      svg += fmt::format(R"svg(<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>)svg", x + cell / 2,
                         y + cell - 8, escape(in.level_names[level]));
    }
  }
  // Consequence names are long: the axis shows numbers, the names follow in the legend.
  for (int c = 0; c < n; ++c)
    svg += fmt::format(R"svg(<text x="{}" y="{}" font-size="12" text-anchor="middle">{}</text>)svg",
                       left + c * cell + cell / 2, top + n * cell + 16, c + 1);
  svg += fmt::format(R"svg(<text x="{}" y="{}" font-size="12" font-weight="bold" text-anchor="middle">{}</text>)svg",
                     left + n * cell / 2, top + n * cell + 40, escape(in.consequence_label));
  svg += fmt::format(R"svg(<text x="12" y="{}" font-size="12" font-weight="bold" transform="rotate(-90 12 {})" text-anchor="middle">{}</text>)svg",
                     top + n * cell / 2, top + n * cell / 2, escape(in.likelihood_label));
  svg += "</svg>";
  return svg;
}

}  // namespace kk::web
