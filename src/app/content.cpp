#include "app/content.hpp"

#include <stdexcept>

#include "io/content_loader.hpp"
#include "io/embedded.hpp"

namespace kk::app {
using namespace kk::domain;

const ClassificationModel& Content::model(const std::string& id) const {
  auto it = models.find(id);
  if (it == models.end()) return models.at("standard");
  return it->second;
}

namespace {
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
  for (Language lang : {Language::sv, Language::en}) {
    std::string path = "catalog/i18n/" + std::string(to_string(lang)) + ".yaml";
    auto status = c.messages.add(lang, file(path), path);
    if (!status) throw std::runtime_error("content error in " + status.error().field);
  }
  return c;
}

}  // namespace kk::app
