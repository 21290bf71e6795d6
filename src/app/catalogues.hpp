#pragma once
// Use cases of catalogue management: listing the catalogues and rule sets an organisation
// has, importing new ones (checked whole; nothing is imported on an error), and choosing
// the catalogue its cases use.
#include "app/service_base.hpp"

namespace kk::app {

class CatalogueService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  domain::Result<json> list(const Actor& actor);
  // A YAML catalogue (header and requirements in one file) or rule set (has `rules:`).
  // `source` names the file in error messages.
  domain::Result<json> import(const Actor& actor, const std::string& yaml, const std::string& source);
  // Shares every version of an imported catalogue or rule set with another organisation:
  // {"organisation_id"}. Only what the organisation imported itself can be shared.
  domain::Result<json> share(const Actor& actor, const std::string& kind, const std::string& id, const json& body);
  domain::Result<json> unshare(const Actor& actor, const std::string& kind, const std::string& id,
                               const std::string& organisation_id);
  // A stored version as it was imported (YAML, or the OSCAL JSON with its identity member):
  // the organisation's own or one shared with it. Built-in content is in the source tree.
  domain::Result<ContentSource> source(const Actor& actor, const std::string& kind, const std::string& id, int version);
  // One version of a catalogue the organisation has, for export as a spreadsheet.
  domain::Result<std::shared_ptr<const domain::Catalogue>> catalogue(const Actor& actor, const std::string& id,
                                                                     int version);
  // Command line: imports into the named organisation as the installation's administrator.
  domain::Result<json> import_cli(const std::string& org_name, const std::string& yaml, const std::string& source);
};

}  // namespace kk::app
