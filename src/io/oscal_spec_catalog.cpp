#include "io/oscal_spec_catalog.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

#include "io/questionnaire.hpp"

namespace kk::io {
using nlohmann::json;

namespace {
const char* const kNamespace = "https://kravkedja.se/ns/oscal";

json prop(const std::string& name, const std::string& value, bool ours = true) {
  json p = {{"name", name}, {"value", value}};
  if (ours) p["ns"] = kNamespace;
  return p;
}
}  // namespace

std::string oscal_token(const std::string& id) {
  std::string out;
  for (unsigned char c : id) out += std::isalnum(c) || c == '.' || c == '_' ? static_cast<char>(std::tolower(c)) : '-';
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = "req-" + out;
  return out;
}

std::string write_oscal_spec_catalog(const SpecDocument& doc, const std::string& uuid, const std::string& version,
                                     const std::string& last_modified) {
  json groups = json::array();
  for (const auto& s : doc.sections) {
    json areas = json::array();
    std::size_t a = 0;
    for (const auto& area : s.areas) {
      json controls = json::array();
      for (const auto& r : area.requirements) {
        std::string id = oscal_token(r.id);
        json props = json::array({prop("label", r.id, false), prop("number", r.number),
                                  prop("kind", r.mandatory ? "ska" : "bor"), prop("answer", r.answer)});
        if (!r.mandatory) props.push_back(prop("weight", std::to_string(r.weight)));
        if (!r.verification.empty()) props.push_back(prop("verification", r.verification));
        json parts = json::array({{{"id", id + "_smt"}, {"name", "statement"}, {"prose", r.text}}});
        if (!r.motive.empty()) parts.push_back({{"id", id + "_gdn"}, {"name", "guidance"}, {"prose", r.motive}});
        controls.push_back({{"id", id}, {"title", question_title(r)}, {"props", props}, {"parts", parts}});
      }
      areas.push_back({{"id", "s" + s.number + "-" + std::to_string(++a)}, {"title", area.title}, {"controls", controls}});
    }
    groups.push_back({{"id", "s" + s.number}, {"title", s.number + " " + s.title}, {"groups", areas}});
  }
  json metadata = {{"title", doc.title + " – " + doc.registry_number + " " + doc.case_title},
                   {"last-modified", last_modified},
                   {"version", version},
                   {"oscal-version", "1.1.2"}};
  if (!doc.organisation.empty()) metadata["props"] = json::array({prop("organisation", doc.organisation)});
  json catalog = {{"uuid", uuid}, {"metadata", metadata}};
  if (!groups.empty()) catalog["groups"] = groups;
  return json{{"catalog", catalog}}.dump(2);
}

}  // namespace kk::io
