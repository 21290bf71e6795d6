#include "io/yaml_reading.hpp"

namespace kk::io::yaml {

YAML::Node need(const YAML::Node& parent, const char* key) {
  YAML::Node child = parent[key];
  if (!child.IsDefined() || child.IsNull()) throw LoadError(parent, std::string("missing '") + key + "'");
  return child;
}

std::string text(const YAML::Node& parent, const char* key) { return need(parent, key).as<std::string>(); }

std::string optional_text(const YAML::Node& parent, const char* key) {
  YAML::Node n = parent[key];
  if (!n || n.IsNull()) return {};
  return n.as<std::string>();
}

std::vector<std::string> text_list(const YAML::Node& parent, const char* key) {
  std::vector<std::string> out;
  YAML::Node n = parent[key];
  if (!n || n.IsNull()) return out;
  if (!n.IsSequence()) throw LoadError(n, std::string("'") + key + "' must be a list");
  for (const auto& item : n) out.push_back(item.as<std::string>());
  return out;
}

domain::Localized localized(const YAML::Node& parent, const char* key, bool required) {
  YAML::Node n = parent[key];
  if (!n.IsDefined() || n.IsNull()) {
    if (required) throw LoadError(parent, std::string("missing '") + key + "'");
    return {};
  }
  if (n.IsScalar()) return {n.as<std::string>(), {}};
  if (!n.IsMap()) throw LoadError(n, std::string("'") + key + "' must have sv and en");
  return {text(n, "sv"), n["en"] ? n["en"].as<std::string>() : std::string()};
}

}  // namespace kk::io::yaml
