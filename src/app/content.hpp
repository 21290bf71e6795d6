#pragma once
// The content the application runs on, loaded from the embedded catalogue at start-up and
// checked there: classification models, the guided questions, the process, the messages.
#include <map>
#include <string>

#include "domain/case_form.hpp"
#include "domain/catalogue.hpp"
#include "domain/classification_model.hpp"
#include "domain/guided_questions.hpp"
#include "domain/process_model.hpp"
#include "domain/risk_matrix.hpp"
#include "domain/rule_set.hpp"
#include <nlohmann/json.hpp>
#include "io/messages.hpp"

namespace kk::app {

struct Content {
  std::map<std::string, domain::ClassificationModel> models;  // by id
  domain::QuestionSet questions;
  domain::ProcessModel process;
  io::Messages messages;
  std::map<std::string, domain::Catalogue> catalogues;  // by id
  std::string default_catalogue = "kravkedja-bas";
  std::vector<domain::RuleSet> rule_sets;              // the built-in rule sets, all applied
  std::map<std::string, std::string> rule_set_paths;   // rule set id -> its embedded file

  std::vector<domain::CaseForm> forms;  // the guided forms over a case (catalog/forms/), by id
  const domain::CaseForm* form(const std::string& id) const;

  std::map<std::string, domain::RiskMatrix> risk_matrices;  // by id
  std::string default_risk_matrix = "matris-4x4";
  nlohmann::json starter_risks;  // the common procurement risks to pick from (catalog/risk/vanliga-risker.yaml)
  nlohmann::json glossary;       // the words of the guidance and the pages (catalog/glossary/begrepp.yaml)

  const domain::ClassificationModel& model(const std::string& id) const;
  const domain::RiskMatrix& risk_matrix(const std::string& id) const;
  const domain::Catalogue& catalogue(const std::string& id) const;
};

// Throws std::runtime_error naming the file and line when the content is broken.
Content load_builtin_content();

}  // namespace kk::app
