#include "app/catalogues.hpp"

#include "app/clock.hpp"
#include "io/catalogue_loader.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
// A rule set is told apart from a catalogue by its list of rules.
bool looks_like_rule_set(const std::string& yaml) {
  return yaml.find("\nrules:") != std::string::npos || yaml.rfind("rules:", 0) == 0;
}
}  // namespace

Result<json> CatalogueService::list(const Actor& actor) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto org = tx.organisation(actor.org_id());
    auto active = registry_.active(tx, actor.org_id());
    json items = json::array();
    for (const auto& l : registry_.list(tx, actor.org_id())) {
      bool in_use = l.kind == "catalogue" ? (l.id == active.catalogue->id && l.version == active.catalogue->version)
                                          : false;
      if (l.kind == "rule_set")
        for (const auto& rs : active.rule_sets) in_use = in_use || (rs->id == l.id && rs->version == l.version);
      items.push_back({{"kind", l.kind}, {"id", l.id}, {"version", l.version}, {"name", l.name},
                       {"builtin", l.builtin}, {"imported_at", l.imported_at.empty() ? json() : json(l.imported_at)},
                       {"in_use", in_use}});
    }
    return json{{"items", items},
                {"catalogue_id", org ? org->catalogue_id : content_.default_catalogue},
                {"rule_set_problems", active.problems}};
  });
}

Result<json> CatalogueService::import(const Actor& actor, const std::string& yaml, const std::string& source) {
  KK_TRY(authorize(actor, Permission::manage_catalogues));
  if (yaml.size() > 5 * 1024 * 1024) return Error::unprocessable("error.too_large", "file");
  return write([&](Transaction& tx) -> Result<json> {
    ContentSource src;
    src.yaml = yaml;
    src.imported_by = actor.system ? std::nullopt : std::optional<std::string>(actor.user.id);
    src.imported_at = now_utc();
    json summary;
    if (looks_like_rule_set(yaml)) {
      auto active = registry_.active(tx, actor.org_id());
      auto set = KK_TRY(io::load_rule_set({yaml, source}, *active.catalogue));
      src.kind = "rule_set";
      src.id = set.id;
      src.version = set.version;
      src.name = set.name.sv;
      summary = {{"kind", "rule_set"}, {"id", set.id}, {"version", set.version}, {"rules", set.rules.size()},
                 {"examples", set.examples.size()}, {"checked_against", {{"id", active.catalogue->id},
                                                                          {"version", active.catalogue->version}}}};
    } else {
      auto catalogue = KK_TRY(io::load_catalogue({yaml, source}));
      src.kind = "catalogue";
      src.id = catalogue.id;
      src.version = catalogue.version;
      src.name = catalogue.name.sv;
      summary = {{"kind", "catalogue"}, {"id", catalogue.id}, {"version", catalogue.version},
                 {"requirements", catalogue.requirements.size()}, {"areas", catalogue.areas.size()}};
    }
    int newest = registry_.newest_version(tx, actor.org_id(), src.kind, src.id);
    if (src.version <= newest)
      return Error::conflict("error.version_not_newer").with("value", src.id).with("newest", std::to_string(newest));
    tx.insert_content_source(actor.org_id(), src);
    record_audit(tx, actor, src.kind == "catalogue" ? "catalogue.import" : "rule_set.import", src.kind,
                 src.id + "@" + std::to_string(src.version), nullptr, summary);
    return summary;
  });
}

Result<json> CatalogueService::import_cli(const std::string& org_name, const std::string& yaml,
                                          const std::string& source) {
  auto org = read([&](Transaction& tx) -> Result<Organisation> {
    auto o = tx.organisation_by_name(org_name);
    if (!o) return Error::unprocessable("error.unknown_organisation", "--org").with("value", org_name);
    return *o;
  });
  if (!org) return org.error();
  Actor system;
  system.user.org_id = org->id;
  system.user.display_name = "kravkedja";
  system.system = true;
  return import(system, yaml, source);
}

}  // namespace kk::app
