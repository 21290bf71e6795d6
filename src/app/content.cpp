#include "app/content.hpp"

#include <algorithm>

#include <stdexcept>

#include "io/catalogue_loader.hpp"
#include "io/content_loader.hpp"
#include "io/embedded.hpp"

#include <yaml-cpp/yaml.h>

namespace kk::app {
using namespace kk::domain;

const ClassificationModel& Content::model(const std::string& id) const {
  auto it = models.find(id);
  if (it == models.end()) return models.at("standard");
  return it->second;
}

const Catalogue& Content::catalogue(const std::string& id) const {
  auto it = catalogues.find(id);
  if (it == catalogues.end()) return catalogues.at(default_catalogue);
  return it->second;
}

const RiskMatrix& Content::risk_matrix(const std::string& id) const {
  auto it = risk_matrices.find(id);
  return it == risk_matrices.end() ? risk_matrices.at(default_risk_matrix) : it->second;
}

namespace {
// YAML to JSON, for content that is shown as it is (the starter risks).
nlohmann::json yaml_to_json(const YAML::Node& n) {
  if (n.IsMap()) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& item : n) j[item.first.as<std::string>()] = yaml_to_json(item.second);
    return j;
  }
  if (n.IsSequence()) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& item : n) j.push_back(yaml_to_json(item));
    return j;
  }
  if (n.IsNull()) return nullptr;
  return n.as<std::string>();
}

template <class T>
T take(Result<T> r) {
  if (!r) throw std::runtime_error("content error in " + r.error().field + ": " +
                                   (r.error().params.count("detail") ? r.error().params.at("detail") : r.error().key));
  return std::move(r).value();
}

std::string file(const std::string& path) {
  auto f = io::embedded_file(path);
  if (!f) throw std::runtime_error("missing built-in content file " + path);
  return std::string(*f);
}
}  // namespace

const domain::CaseForm* Content::form(const std::string& id) const {
  for (const auto& f : forms)
    if (f.id == id) return &f;
  return nullptr;
}

Content load_builtin_content() {
  Content c;
  for (const auto& path : io::embedded_files_under("catalog/classification/")) {
    if (path.find("questions") != std::string::npos) continue;
    auto model = take(io::load_classification_model(file(path), path));
    c.models[model.id] = std::move(model);
  }
  if (!c.models.count("standard")) throw std::runtime_error("the built-in classification model 'standard' is missing");
  c.questions = take(io::load_question_set(file("catalog/classification/initial-questions.yaml"),
                                           "catalog/classification/initial-questions.yaml"));
  c.process = take(io::load_process_model(file("catalog/process/msb-process.yaml"), "catalog/process/msb-process.yaml"));
  // Catalogues: one folder each, catalogue.yaml for the header and any further files of requirements.
  std::map<std::string, std::vector<std::string>> folders;
  for (const auto& path : io::embedded_files_under("catalog/requirements/")) {
    auto rest = path.substr(std::string("catalog/requirements/").size());
    folders[rest.substr(0, rest.find('/'))].push_back(path);
  }
  for (const auto& [folder, paths] : folders) {
    std::string header = "catalog/requirements/" + folder + "/catalogue.yaml";
    std::vector<io::SourceText> parts;
    for (const auto& p : paths)
      if (p != header) parts.push_back({file(p), p});
    auto catalogue = take(io::load_catalogue({file(header), header}, parts));
    c.catalogues[catalogue.id] = std::move(catalogue);
  }
  if (!c.catalogues.count(c.default_catalogue))
    throw std::runtime_error("the built-in catalogue '" + c.default_catalogue + "' is missing");
  for (const auto& path : io::embedded_files_under("catalog/rules/")) {
    c.rule_sets.push_back(take(io::load_rule_set({file(path), path}, c.catalogues.at(c.default_catalogue))));
    c.rule_set_paths[c.rule_sets.back().id] = path;
  }
  for (const auto& path : io::embedded_files_under("catalog/forms/")) c.forms.push_back(take(io::load_case_form({file(path), path})));
  std::sort(c.forms.begin(), c.forms.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (const auto& path : io::embedded_files_under("catalog/risk/matris")) {
    auto matrix = take(io::load_risk_matrix(file(path), path));
    c.risk_matrices[matrix.id] = std::move(matrix);
  }
  if (!c.risk_matrices.count(c.default_risk_matrix)) throw std::runtime_error("the built-in risk matrix is missing");
  c.starter_risks = yaml_to_json(YAML::Load(file("catalog/risk/vanliga-risker.yaml")))["risks"];
  c.glossary = yaml_to_json(YAML::Load(file("catalog/glossary/begrepp.yaml")))["terms"];
  for (const auto& term : c.glossary)
    for (const char* part : {"term", "definition"})
      for (const char* lang : {"sv", "en"})
        if (!term.contains(part) || !term[part].contains(lang) || term[part][lang].get<std::string>().empty())
          throw std::runtime_error("catalog/glossary/begrepp.yaml: the term " + term.value("key", std::string("?")) +
                                   " lacks " + part + "." + lang);
  for (Language lang : {Language::sv, Language::en}) {
    std::string path = "catalog/i18n/" + std::string(to_string(lang)) + ".yaml";
    auto status = c.messages.add(lang, file(path), path);
    if (!status) throw std::runtime_error("content error in " + status.error().field);
  }
  return c;
}

}  // namespace kk::app
