#include "app/import_problems.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace kk::app {

domain::Error rows_rejected(const io::Messages& messages, domain::Language lang, std::string error_key,
                            const std::string& prefix, const std::vector<io::RowProblem>& problems) {
  // In the order of the file, whichever check found them.
  auto sorted = problems;
  std::stable_sort(sorted.begin(), sorted.end(), [](const io::RowProblem& a, const io::RowProblem& b) { return a.row < b.row; });
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : sorted) {
    auto params = p.params;
    params["row"] = std::to_string(p.row);
    list.push_back({{"row", p.row}, {"code", prefix + "." + p.code},
                    {"message", messages.text(lang, prefix + "." + p.code, params)}});
  }
  return domain::Error::unprocessable(std::move(error_key), "file")
      .with("count", std::to_string(problems.size()))
      .with("problems", list.dump());
}

}  // namespace kk::app
