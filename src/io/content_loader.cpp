#include "io/content_loader.hpp"

#include <yaml-cpp/yaml.h>

#include "io/yaml_reading.hpp"

namespace kk::io {
using namespace kk::domain;

namespace {
using namespace kk::io::yaml;

}  // namespace

Result<ClassificationModel> load_classification_model(const std::string& yaml, const std::string& source) {
  auto loaded = guarded<ClassificationModel>(yaml, source, [](const YAML::Node& root) {
    ClassificationModel m;
    m.id = text(root, "id");
    m.version = need(root, "version").as<int>();
    m.name = localized(root, "name");
    m.description = localized(root, "description", false);
    for (const auto& a : need(root, "aspects"))
      m.aspects.push_back({enum_value<Aspect>(a, "key"), text(a, "code"), a["optional"].as<bool>(false),
                           localized(a, "name"), localized(a, "description", false)});
    for (const auto& l : need(root, "levels"))
      m.levels.push_back({need(l, "level").as<int>(), localized(l, "name"), localized(l, "description", false)});
    return m;
  });
  return validated(std::move(loaded), source);
}

Result<QuestionSet> load_question_set(const std::string& yaml, const std::string& source) {
  return guarded<QuestionSet>(yaml, source, [](const YAML::Node& root) {
    QuestionSet set;
    set.id = text(root, "id");
    set.version = need(root, "version").as<int>();
    for (const auto& q : need(root, "questions")) {
      Question question;
      question.key = text(q, "key");
      std::string aspect = text(q, "aspect");
      if (aspect != "none") question.aspect = enum_value<Aspect>(q, "aspect");
      question.text = localized(q, "text");
      question.help = localized(q, "help", false);
      for (const auto& o : need(q, "options")) {
        QuestionOption option{text(o, "key"), localized(o, "text"), o["proposes"].as<int>(0), {}};
        if (o["flags"])
          for (const auto& f : o["flags"]) {
            auto flag = parse_enum<Flag>(f.as<std::string>());
            if (!flag) throw LoadError(f, "unknown flag '" + f.as<std::string>() + "'");
            option.flags.push_back(*flag);
          }
        question.options.push_back(std::move(option));
      }
      if (question.options.empty()) throw LoadError(q, "a question needs options");
      set.questions.push_back(std::move(question));
    }
    return set;
  });
}

Result<ProcessModel> load_process_model(const std::string& yaml, const std::string& source) {
  auto loaded = guarded<ProcessModel>(yaml, source, [](const YAML::Node& root) {
    ProcessModel m;
    m.id = text(root, "id");
    m.version = need(root, "version").as<int>();
    for (const auto& s : need(root, "steps")) m.steps.push_back({enum_value<Step>(s, "key"), localized(s, "name")});
    for (const auto& p : need(root, "phases"))
      m.phases.push_back({enum_value<Phase>(p, "key"), enum_value<Step>(p, "step"), localized(p, "name"),
                          localized(p, "description", false), p["allow_not_applicable"].as<bool>(true)});
    for (const auto& g : need(root, "gates"))
      m.gates.push_back({enum_value<Gate>(g, "key"), enum_value<Phase>(g, "phase"), localized(g, "name"),
                         localized(g, "question", false)});
    for (const auto& a : need(root, "activities"))
      m.activities.push_back({text(a, "key"), enum_value<Phase>(a, "phase"), enum_value<Gate>(a, "gate"),
                              localized(a, "name"), localized(a, "guidance", false),
                              a["reference"].as<std::string>("")});
    for (const auto& c : need(root, "competences")) m.competences.push_back({text(c, "key"), localized(c, "name")});
    return m;
  });
  return validated(std::move(loaded), source);
}

Result<RiskMatrix> load_risk_matrix(const std::string& yaml, const std::string& source) {
  using namespace kk::io::yaml;
  auto loaded = guarded<RiskMatrix>(yaml, source, [](const YAML::Node& root) {
    RiskMatrix m;
    m.id = text(root, "id");
    m.version = need(root, "version").as<int>();
    m.name = localized(root, "name");
    m.description = localized(root, "description", false);
    auto steps = [](const YAML::Node& list) {
      std::vector<ScaleStep> out;
      for (const auto& n : list) out.push_back({need(n, "level").as<int>(), localized(n, "name"), localized(n, "description", false)});
      return out;
    };
    m.likelihood = steps(need(root, "likelihood"));
    m.consequence = steps(need(root, "consequence"));
    for (const auto& n : need(root, "risk_levels"))
      m.levels.push_back({text(n, "key"), localized(n, "name"), localized(n, "description", false)});
    auto index_of = [&m](const YAML::Node& n) {
      std::string key = n.as<std::string>();
      for (std::size_t i = 0; i < m.levels.size(); ++i)
        if (m.levels[i].key == key) return i;
      throw LoadError(n, "unknown risk level '" + key + "'");
    };
    for (const auto& row : need(root, "matrix")) {
      std::vector<std::size_t> cells;
      for (const auto& cell : row) cells.push_back(index_of(cell));
      m.cells.push_back(std::move(cells));
    }
    m.acceptance = index_of(need(root, "acceptance"));
    return m;
  });
  return validated(std::move(loaded), source);
}

}  // namespace kk::io
