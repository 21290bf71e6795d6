#pragma once
// Shared pieces for reading the YAML content formats: required and optional fields,
// localized texts, enumerations and lists, with errors that carry the line.
#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "domain/enums.hpp"
#include "domain/localized.hpp"
#include "domain/result.hpp"

namespace kk::io::yaml {

// Thrown inside the readers only, turned into an Error naming source and line by guarded().
struct LoadError : std::runtime_error {
  std::string where;
  LoadError(const YAML::Node& node, const std::string& what)
      : std::runtime_error(what), where(node.IsDefined() ? std::to_string(node.Mark().line + 1) : "?") {}
};

YAML::Node need(const YAML::Node& parent, const char* key);
std::string text(const YAML::Node& parent, const char* key);
std::string optional_text(const YAML::Node& parent, const char* key);
std::vector<std::string> text_list(const YAML::Node& parent, const char* key);
// {sv: …, en: …}, or a plain string taken as Swedish.
domain::Localized localized(const YAML::Node& parent, const char* key, bool required = true);

template <class E>
E enum_value(const YAML::Node& parent, const char* key) {
  YAML::Node n = need(parent, key);
  auto v = domain::parse_enum<E>(n.as<std::string>());
  if (!v) {
    std::string allowed;
    for (auto name : enum_names(E{})) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    throw LoadError(n, "unknown value '" + n.as<std::string>() + "' for '" + key + "' (" + allowed + ")");
  }
  return *v;
}

template <class E>
std::vector<E> enum_list(const YAML::Node& parent, const char* key) {
  std::vector<E> out;
  YAML::Node n = parent[key];
  if (!n || n.IsNull()) return out;
  if (!n.IsSequence()) throw LoadError(n, std::string("'") + key + "' must be a list");
  for (const auto& item : n) {
    auto v = domain::parse_enum<E>(item.as<std::string>());
    if (!v) throw LoadError(item, "unknown value '" + item.as<std::string>() + "' in '" + key + "'");
    out.push_back(*v);
  }
  return out;
}

// Parses `yaml` and runs `body` on it; LoadError and YAML errors become an Error whose
// field is "source:line" and whose detail says what is wrong.
template <class T, class F>
domain::Result<T> guarded(const std::string& yaml, const std::string& source, F&& body) {
  try {
    return body(YAML::Load(yaml));
  } catch (const LoadError& e) {
    return domain::Error::invalid("error.content", source + ":" + e.where).with("detail", e.what());
  } catch (const YAML::Exception& e) {
    return domain::Error::invalid("error.content", source + ":" + std::to_string(e.mark.line + 1)).with("detail", e.msg);
  }
}

// An error about what a file holds, named by the file: "source: field".
inline domain::Error in_file(domain::Error e, const std::string& source) {
  e.field = source + ": " + e.field;
  return e;
}

// Runs the type's own checks on what was read; the error names the file.
template <class T>
domain::Result<T> validated(domain::Result<T> loaded, const std::string& source) {
  if (!loaded) return loaded;
  if (auto valid = loaded->validate(); !valid) return in_file(valid.error(), source);
  return loaded;
}

}  // namespace kk::io::yaml
