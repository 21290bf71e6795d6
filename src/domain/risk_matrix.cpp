#include "domain/risk_matrix.hpp"

namespace kk::domain {

Status RiskMatrix::check(int likelihood_level, int consequence_level, const std::string& field_prefix) const {
  auto out_of_range = [&](const char* field) {
    return Error::unprocessable("error.out_of_range", field_prefix + field)
        .with("min", "1")
        .with("max", std::to_string(size()));
  };
  if (likelihood_level < 1 || likelihood_level > size()) return out_of_range("likelihood");
  if (consequence_level < 1 || consequence_level > static_cast<int>(consequence.size())) return out_of_range("consequence");
  return ok();
}

std::size_t RiskMatrix::level_index(int likelihood_level, int consequence_level) const {
  return cells.at(static_cast<std::size_t>(likelihood_level - 1)).at(static_cast<std::size_t>(consequence_level - 1));
}

const RiskLevel& RiskMatrix::level(int likelihood_level, int consequence_level) const {
  return levels.at(level_index(likelihood_level, consequence_level));
}

bool RiskMatrix::acceptable(int likelihood_level, int consequence_level) const {
  return level_index(likelihood_level, consequence_level) <= acceptance;
}

Status RiskMatrix::validate() const {
  if (id.empty()) return Error::invalid("error.required", "id");
  if (likelihood.empty() || likelihood.size() != consequence.size())
    return Error::invalid("error.matrix_not_square", "likelihood");
  for (std::size_t i = 0; i < likelihood.size(); ++i)
    if (likelihood[i].level != static_cast<int>(i) + 1 || consequence[i].level != static_cast<int>(i) + 1)
      return Error::invalid("error.levels_not_contiguous", "likelihood");
  if (levels.empty()) return Error::invalid("error.required", "risk_levels");
  if (cells.size() != likelihood.size()) return Error::invalid("error.matrix_not_square", "matrix");
  for (std::size_t l = 0; l < cells.size(); ++l) {
    if (cells[l].size() != consequence.size()) return Error::invalid("error.matrix_not_square", "matrix");
    for (std::size_t c = 0; c < cells[l].size(); ++c) {
      if (cells[l][c] >= levels.size()) return Error::invalid("error.unknown_value", "matrix");
      if (l > 0 && cells[l][c] < cells[l - 1][c]) return Error::invalid("error.matrix_not_monotone", "matrix");
      if (c > 0 && cells[l][c] < cells[l][c - 1]) return Error::invalid("error.matrix_not_monotone", "matrix");
    }
  }
  if (acceptance >= levels.size()) return Error::invalid("error.unknown_value", "acceptance");
  return ok();
}

}  // namespace kk::domain
