#include "io/catalogue_yaml.hpp"

#include <yaml-cpp/yaml.h>

namespace kk::io {
using namespace kk::domain;

namespace {

void localized(YAML::Emitter& out, const char* key, const Localized& text) {
  out << YAML::Key << key << YAML::Value << YAML::BeginMap << YAML::Key << "sv" << YAML::Value << text.sv;
  if (!text.en.empty()) out << YAML::Key << "en" << YAML::Value << text.en;
  out << YAML::EndMap;
}

template <class E>
void enum_list(YAML::Emitter& out, const char* key, const std::vector<E>& values) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (auto v : values) out << std::string(to_string(v));
  out << YAML::EndSeq;
}

void text_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& values) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& v : values) out << YAML::DoubleQuoted << v;
  out << YAML::EndSeq;
}

void requirement(YAML::Emitter& out, const Requirement& r) {
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << r.id;
  out << YAML::Key << "area" << YAML::Value << YAML::DoubleQuoted << r.area;
  out << YAML::Key << "kind" << YAML::Value << std::string(to_string(r.kind));
  if (r.kind == RequirementKind::bor || r.weight != 0) out << YAML::Key << "weight" << YAML::Value << r.weight;
  out << YAML::Key << "placement" << YAML::Value << std::string(to_string(r.placement));
  out << YAML::Key << "answer" << YAML::Value << std::string(to_string(r.answer));
  out << YAML::Key << "ska_text" << YAML::Value << YAML::DoubleQuoted << r.ska_text;
  if (!r.ar_text.empty()) out << YAML::Key << "ar_text" << YAML::Value << YAML::DoubleQuoted << r.ar_text;
  out << YAML::Key << "motive" << YAML::Value << YAML::DoubleQuoted << r.motive;
  enum_list(out, "verification", r.verification);
  if (!r.checked.empty()) enum_list(out, "checked", r.checked);
  if (r.follow_up) {
    out << YAML::Key << "follow_up" << YAML::Value << YAML::BeginMap;
    if (!r.follow_up->method.empty())
      out << YAML::Key << "method" << YAML::Value << YAML::DoubleQuoted << r.follow_up->method;
    out << YAML::Key << "frequency" << YAML::Value << std::string(to_string(r.follow_up->frequency));
    out << YAML::EndMap;
  }
  out << YAML::Key << "references" << YAML::Value << YAML::BeginMap;
  text_list(out, "iso27001", r.iso27001);
  text_list(out, "law", r.law);
  text_list(out, "seed", r.sources);
  out << YAML::EndMap;
  if (r.standard_named) out << YAML::Key << "standard_named" << YAML::Value << true;
  out << YAML::EndMap;
}

}  // namespace

std::string write_catalogue_yaml(const Catalogue& c) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << c.id;
  out << YAML::Key << "version" << YAML::Value << c.version;
  out << YAML::Key << "language" << YAML::Value << c.language;
  localized(out, "name", c.name);
  if (!c.description.sv.empty()) localized(out, "description", c.description);
  out << YAML::Key << "areas" << YAML::Value << YAML::BeginSeq;
  for (const auto& a : c.areas) {
    out << YAML::BeginMap << YAML::Key << "key" << YAML::Value << YAML::DoubleQuoted << a.key;
    if (!a.code.empty()) out << YAML::Key << "code" << YAML::Value << YAML::DoubleQuoted << a.code;
    localized(out, "name", a.name);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "requirements" << YAML::Value << YAML::BeginSeq;
  for (const auto& r : c.requirements) requirement(out, r);
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace kk::io
