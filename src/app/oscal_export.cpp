// The specification toward OSCAL tools: a profile that selects, from each imported OSCAL
// catalog, the controls the case's specification holds (io/oscal_profile.hpp).
#include <map>

#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/specification.hpp"
#include "io/oscal_profile.hpp"
#include "io/oscal_spec_catalog.hpp"

namespace kk::app {
using namespace kk::domain;

Result<std::string> SpecificationService::oscal_profile(const Actor& actor, const std::string& case_id,
                                                        const std::string& base_url) {
  KK_TRY(authorize(actor, Permission::read));
  json spec;
  std::string title;
  KK_TRY(read([&](Transaction& tx) -> Result<bool> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    spec = build(tx, actor, *c);
    title = c->registry_number + " " + c->title;
    return true;
  }));
  // The OSCAL ids of the active entries, by the catalogue they come from ("oscal:ac-2" sources).
  std::map<std::string, std::vector<std::string>> chosen;
  for (const auto& e : spec["entries"]) {
    if (e.value("status", "") != "active" || !e.contains("references")) continue;
    for (const auto& source : e["references"].value("sources", json::array()))
      if (source.is_string() && source.get<std::string>().rfind("oscal:", 0) == 0)
        chosen[e.value("catalogue", "")].push_back(source.get<std::string>().substr(6));
  }
  io::OscalProfile profile{new_id(), title, "", now_utc(), {}};
  profile.version = spec.contains("version") && spec["version"].is_number() ? std::to_string(spec["version"].get<long long>())
                                                                            : "0";
  for (const auto& part : spec.value("catalogues", json::array())) {
    std::string id = part.value("id", "");
    auto ids = chosen.find(id);
    if (ids == chosen.end()) continue;
    int version = part.value("version", 1);
    profile.imports.push_back({new_id(), id, base_url + "/api/v1/catalogs/catalogue/" + id + "/versions/" + std::to_string(version),
                               id, version, ids->second});
  }
  if (profile.imports.empty()) return Error::unprocessable("error.no_oscal_controls", "specification");
  return io::write_oscal_profile(profile);
}

Result<std::string> SpecificationService::oscal_catalog(const Actor& actor, const std::string& case_id) {
  auto doc = KK_TRY(document(actor, case_id));
  auto spec = KK_TRY(get(actor, case_id));
  std::string version = spec.contains("version") && spec["version"].is_number()
                            ? std::to_string(spec["version"].get<long long>())
                            : "0";
  return io::write_oscal_spec_catalog(doc, new_id(), version, now_utc());
}

}  // namespace kk::app
