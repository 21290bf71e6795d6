#pragma once
// An import refused because of what some rows hold: one error naming how many problems there
// are, carrying the list (row, code, message in the user's language) that the API returns as
// "problems" and the pages list. Nothing is imported when there is any.
#include <string>
#include <vector>

#include "domain/enums.hpp"
#include "domain/result.hpp"
#include "io/messages.hpp"
#include "io/row_problem.hpp"

namespace kk::app {

// `prefix` is the message group of the importer's codes ("matrix", "catalogue_row").
domain::Error rows_rejected(const io::Messages& messages, domain::Language lang, std::string error_key,
                            const std::string& prefix, const std::vector<io::RowProblem>& problems);

}  // namespace kk::app
