#include "app/catalogues.hpp"

#include "app/clock.hpp"
#include "app/input.hpp"
#include "app/import_problems.hpp"
#include "io/catalogue_loader.hpp"
#include "io/catalogue_table.hpp"
#include "io/catalogue_yaml.hpp"
#include "io/grid.hpp"
#include "io/ciso_assistant.hpp"
#include "io/oscal_catalog.hpp"

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
                       {"shared_by", l.shared_by.empty() ? json() : json(l.shared_by)}, {"in_use", in_use}});
    }
    json shares = json::array();
    for (const auto& sh : tx.shares_by(actor.org_id()))
      shares.push_back({{"kind", sh.kind}, {"id", sh.id}, {"organisation_id", sh.shared_with},
                        {"organisation_name", sh.shared_with_name}, {"shared_at", sh.shared_at}});
    return json{{"items", items},
                {"shares", shares},
                {"catalogue_id", org ? org->catalogue_id : content_.default_catalogue},
                {"rule_set_problems", active.problems}};
  });
}

Result<ContentSource> CatalogueService::source(const Actor& actor, const std::string& kind, const std::string& id,
                                               int version) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<ContentSource> {
    if (auto own = tx.content_source(actor.org_id(), kind, id, version)) return *own;
    for (const auto& shared : tx.shared_content_sources(actor.org_id()))
      if (shared.kind == kind && shared.id == id && shared.version == version)
        if (auto full = tx.content_source(shared.owner_org_id, kind, id, version)) return *full;
    return Error::not_found();
  });
}

Result<std::shared_ptr<const Catalogue>> CatalogueService::catalogue(const Actor& actor, const std::string& id,
                                                                     int version) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<std::shared_ptr<const Catalogue>> {
    auto found = registry_.catalogue_version(tx, actor.org_id(), id, version);
    if (!found) return Error::not_found();
    return found;
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
    if (io::looks_like_spreadsheet(yaml, source)) {
      // A spreadsheet is stored as the YAML catalogue it became, which reads back the same.
      auto reading = KK_TRY(io::read_catalogue_table(yaml, source));
      if (!reading.problems.empty())
        return rows_rejected(content_.messages, actor.lang, "error.catalogue_rejected", "catalogue_row",
                             reading.problems);
      auto& catalogue = reading.catalogue;
      if (!reading.version_given)
        catalogue.version = registry_.newest_version(tx, actor.org_id(), "catalogue", catalogue.id) + 1;
      src.kind = "catalogue";
      src.id = catalogue.id;
      src.version = catalogue.version;
      src.name = catalogue.name.sv;
      src.yaml = io::write_catalogue_yaml(catalogue);
      KK_TRY(io::load_catalogue({src.yaml, source}));
      summary = {{"kind", "catalogue"}, {"format", io::looks_like_xlsx(yaml) ? "xlsx" : "csv"}, {"id", src.id},
                 {"version", src.version}, {"requirements", catalogue.requirements.size()},
                 {"areas", catalogue.areas.size()}, {"ignored_columns", reading.ignored_columns}};
    } else if (looks_like_rule_set(yaml)) {
      auto active = registry_.active(tx, actor.org_id());
      auto set = KK_TRY(io::load_rule_set({yaml, source}, *active.catalogue));
      src.kind = "rule_set";
      src.id = set.id;
      src.version = set.version;
      src.name = set.name.sv;
      summary = {{"kind", "rule_set"}, {"id", set.id}, {"version", set.version}, {"rules", set.rules.size()},
                 {"examples", set.examples.size()}, {"checked_against", {{"id", active.catalogue->id},
                                                                          {"version", active.catalogue->version}}}};
    } else if (io::looks_like_oscal_catalog(yaml)) {
      // An OSCAL catalog has versions of its own ("5.0.1"): each import is the next version here.
      auto catalogue = KK_TRY(io::load_oscal_catalog({yaml, source}));
      src.kind = "catalogue";
      src.id = catalogue.id;
      src.version = registry_.newest_version(tx, actor.org_id(), src.kind, src.id) + 1;
      src.name = catalogue.name.sv;
      src.yaml = io::with_kravkedja_identity(yaml, src.id, src.version);
      auto counts = io::count_controls(catalogue);
      summary = {{"kind", "catalogue"}, {"format", "oscal"}, {"id", src.id}, {"version", src.version},
                 {"requirements", catalogue.requirements.size()}, {"areas", catalogue.areas.size()},
                 {"controls", counts.controls}, {"enhancements", counts.enhancements}, {"withdrawn", counts.withdrawn}};
    } else {
      auto catalogue = KK_TRY(io::load_catalogue({yaml, source}));
      src.kind = "catalogue";
      src.id = catalogue.id;
      src.version = catalogue.version;
      src.name = catalogue.name.sv;
      summary = {{"kind", "catalogue"}, {"id", catalogue.id}, {"version", catalogue.version},
                 {"requirements", catalogue.requirements.size()}, {"areas", catalogue.areas.size()}};
      if (io::looks_like_ciso_assistant_library(yaml)) summary["format"] = "ciso_assistant";
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

Result<json> CatalogueService::share(const Actor& actor, const std::string& kind, const std::string& id,
                                     const json& body) {
  KK_TRY(authorize(actor, Permission::manage_catalogues));
  return write([&](Transaction& tx) -> Result<json> {
    bool own = false;
    for (const auto& src : tx.content_sources(actor.org_id())) own = own || (src.kind == kind && src.id == id);
    if (!own) return Error::not_found();
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"organisation_id"}));
    KK_TRY(input::require(body, "organisation_id"));
    std::string target;
    KK_TRY(input::text(body, "organisation_id", target, 64));
    if (target == actor.org_id() || !tx.organisation(target))
      return Error::unprocessable("error.unknown_organisation", "organisation_id").with("value", target);
    ContentShare share{actor.org_id(), "", kind, id, target, "", now_utc()};
    if (!tx.insert_share(share)) return Error::conflict("error.already_shared");
    record_audit(tx, actor, "content.share", kind, id, nullptr, {{"shared_with", target}});
    return json{{"kind", kind}, {"id", id}, {"organisation_id", target}};
  });
}

Result<json> CatalogueService::unshare(const Actor& actor, const std::string& kind, const std::string& id,
                                       const std::string& organisation_id) {
  KK_TRY(authorize(actor, Permission::manage_catalogues));
  return write([&](Transaction& tx) -> Result<json> {
    if (!tx.delete_share(actor.org_id(), kind, id, organisation_id)) return Error::not_found();
    record_audit(tx, actor, "content.unshare", kind, id, {{"shared_with", organisation_id}}, nullptr);
    return json{{"kind", kind}, {"id", id}, {"organisation_id", organisation_id}};
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
  return import(system_actor(org->id), yaml, source);
}

}  // namespace kk::app
