#include "io/messages.hpp"

#include <yaml-cpp/yaml.h>

namespace kk::io {
using namespace kk::domain;

namespace {
void flatten(const YAML::Node& node, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (const auto& item : node) {
    std::string key = prefix.empty() ? item.first.as<std::string>() : prefix + "." + item.first.as<std::string>();
    if (item.second.IsMap()) flatten(item.second, key, out);
    else out[key] = item.second.as<std::string>();
  }
}
}  // namespace

Status Messages::add(Language lang, const std::string& yaml, const std::string& source) {
  try {
    flatten(YAML::Load(yaml), "", texts_[lang]);
  } catch (const YAML::Exception& e) {
    return Error::invalid("error.content", source + ":" + std::to_string(e.mark.line + 1)).with("detail", e.msg);
  }
  return ok();
}

bool Messages::has(Language lang, const std::string& key) const {
  auto it = texts_.find(lang);
  return it != texts_.end() && it->second.count(key);
}

const std::map<std::string, std::string>& Messages::all(Language lang) const {
  static const std::map<std::string, std::string> empty;
  auto it = texts_.find(lang);
  return it == texts_.end() ? empty : it->second;
}

std::string Messages::text(Language lang, const std::string& key,
                           const std::map<std::string, std::string>& params) const {
  // The language's text, else the Swedish one, else the key itself.
  auto lookup = [&](Language l) -> const std::string* {
    const auto& texts = all(l);
    auto it = texts.find(key);
    return it == texts.end() ? nullptr : &it->second;
  };
  const std::string* found = lookup(lang);
  if (!found) found = lookup(Language::sv);
  std::string t = found ? *found : key;
  for (const auto& [name, value] : params) {
    std::string placeholder = "{" + name + "}";
    for (auto pos = t.find(placeholder); pos != std::string::npos; pos = t.find(placeholder, pos + value.size()))
      t.replace(pos, placeholder.size(), value);
  }
  return t;
}

std::string Messages::error_text(Language lang, const Error& error) const {
  auto params = error.params;
  if (!error.field.empty()) {
    // "classification.confidentiality" -> label of "field.classification.confidentiality",
    // else of its last part, else the field name itself.
    std::string label = error.field;
    std::string last = error.field.substr(error.field.rfind('.') + 1);
    if (has(lang, "field." + error.field)) label = text(lang, "field." + error.field);
    else if (has(lang, "field." + last)) label = text(lang, "field." + last) + " (" + error.field + ")";
    params["field"] = label;
  }
  for (auto& [name, value] : params)
    if (name == "gate" || name == "expected")
      if (has(lang, "gate." + value)) value = text(lang, "gate." + value);
  return text(lang, error.key, params);
}

}  // namespace kk::io
