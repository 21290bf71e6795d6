#pragma once
// Reads the content data (YAML under catalog/) into domain types, checking it as it goes.
// Errors name the file and line.
#include <string>

#include "domain/classification_model.hpp"
#include "domain/guided_questions.hpp"
#include "domain/process_model.hpp"
#include "domain/result.hpp"
#include "domain/risk_matrix.hpp"

namespace kk::io {

domain::Result<domain::ClassificationModel> load_classification_model(const std::string& yaml,
                                                                      const std::string& source);
domain::Result<domain::QuestionSet> load_question_set(const std::string& yaml, const std::string& source);
domain::Result<domain::ProcessModel> load_process_model(const std::string& yaml, const std::string& source);
domain::Result<domain::RiskMatrix> load_risk_matrix(const std::string& yaml, const std::string& source);

}  // namespace kk::io
