#include "io/content_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

namespace kk::io {
using namespace kk::domain;

namespace {

// Thrown inside the loaders only, turned into an Error naming source and line.
struct LoadError : std::runtime_error {
  std::string where;
  LoadError(const YAML::Node& node, const std::string& what)
      : std::runtime_error(what), where(node.IsDefined() ? std::to_string(node.Mark().line + 1) : "?") {}
};

YAML::Node need(const YAML::Node& parent, const char* key) {
  YAML::Node child = parent[key];
  if (!child.IsDefined() || child.IsNull()) throw LoadError(parent, std::string("missing '") + key + "'");
  return child;
}

std::string text(const YAML::Node& parent, const char* key) { return need(parent, key).as<std::string>(); }

Localized localized(const YAML::Node& parent, const char* key, bool required = true) {
  YAML::Node n = parent[key];
  if (!n.IsDefined() || n.IsNull()) {
    if (required) throw LoadError(parent, std::string("missing '") + key + "'");
    return {};
  }
  if (!n.IsMap()) throw LoadError(n, std::string("'") + key + "' must have sv and en");
  Localized l{text(n, "sv"), n["en"] ? n["en"].as<std::string>() : std::string()};
  return l;
}

template <class E>
E enum_value(const YAML::Node& parent, const char* key) {
  YAML::Node n = need(parent, key);
  auto v = parse_enum<E>(n.as<std::string>());
  if (!v) throw LoadError(n, std::string("unknown value '") + n.as<std::string>() + "' for '" + key + "'");
  return *v;
}

template <class F>
auto guarded(const std::string& yaml, const std::string& source, F&& body) -> Result<decltype(body(YAML::Node()))> {
  try {
    return body(YAML::Load(yaml));
  } catch (const LoadError& e) {
    return Error::invalid("error.content", source + ":" + e.where).with("detail", e.what());
  } catch (const YAML::Exception& e) {
    return Error::invalid("error.content", source + ":" + std::to_string(e.mark.line + 1)).with("detail", e.msg);
  }
}

// Runs the type's own checks on what was read; the error names the file.
template <class T>
Result<T> validated(Result<T> loaded, const std::string& source) {
  if (!loaded) return loaded;
  if (auto valid = loaded->validate(); !valid) {
    Error e = valid.error();
    e.field = source + ": " + e.field;
    return e;
  }
  return loaded;
}

}  // namespace

Result<ClassificationModel> load_classification_model(const std::string& yaml, const std::string& source) {
  auto loaded = guarded(yaml, source, [](const YAML::Node& root) {
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
  return guarded(yaml, source, [](const YAML::Node& root) {
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
  auto loaded = guarded(yaml, source, [](const YAML::Node& root) {
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

}  // namespace kk::io
