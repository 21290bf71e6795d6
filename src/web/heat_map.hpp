#pragma once
// The risk register as a heat map: an inline SVG grid of likelihood × consequence with the
// number of risks in each cell, readable without colour (numbers and level names in text).
#include <string>
#include <vector>

namespace kk::web {

struct HeatMapInput {
  std::string id;                          // unique on the page, for the accessible name
  std::string title;                       // e.g. "Före åtgärder"
  std::vector<std::string> likelihood;     // names, ascending
  std::vector<std::string> consequence;    // names, ascending
  std::vector<std::vector<std::size_t>> levels;  // [likelihood][consequence] -> level index
  std::vector<std::string> level_names;
  std::vector<std::vector<int>> counts;    // [likelihood][consequence] -> risks
  std::string likelihood_label;
  std::string consequence_label;
};

std::string heat_map_svg(const HeatMapInput& in);

}  // namespace kk::web
