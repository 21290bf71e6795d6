#include "io/oscal_profile.hpp"

#include <nlohmann/json.hpp>

namespace kk::io {
using nlohmann::json;

std::string write_oscal_profile(const OscalProfile& profile) {
  json imports = json::array(), resources = json::array();
  for (const auto& i : profile.imports) {
    imports.push_back({{"href", "#" + i.resource_uuid}, {"include-controls", {{{"with-ids", i.control_ids}}}}});
    resources.push_back(
        {{"uuid", i.resource_uuid},
         {"title", i.title},
         {"props", {{{"name", "catalogue-id"}, {"ns", "https://kravkedja.se/ns/oscal"}, {"value", i.catalogue_id}},
                    {{"name", "catalogue-version"}, {"ns", "https://kravkedja.se/ns/oscal"}, {"value", std::to_string(i.version)}}}},
         {"rlinks", {{{"href", i.href}, {"media-type", "application/oscal.catalog+json"}}}}});
  }
  json doc = {{"profile",
               {{"uuid", profile.uuid},
                {"metadata",
                 {{"title", profile.title},
                  {"last-modified", profile.last_modified},
                  {"version", profile.version},
                  {"oscal-version", "1.1.2"}}},
                {"imports", imports},
                {"merge", {{"as-is", true}}},
                {"back-matter", {{"resources", resources}}}}}};
  return doc.dump(2);
}

}  // namespace kk::io
