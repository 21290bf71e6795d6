#pragma once
// A case's specification as an OSCAL 1.1.2 profile: for each imported OSCAL catalog the case
// draws on, an import naming the controls chosen from it (include-controls with-ids), the
// catalog itself reached through a back-matter resource whose link is the catalog as stored in
// Kravkedja. A tool that resolves the profile gets exactly the controls of the specification.
#include <string>
#include <vector>

namespace kk::io {

struct ProfileImport {
  std::string resource_uuid;  // the back-matter resource the import points at ("#uuid")
  std::string title;          // the catalog's title
  std::string href;           // where the catalog is fetched (the stored document's address)
  std::string catalogue_id;   // its id and version in Kravkedja
  int version = 1;
  std::vector<std::string> control_ids;  // OSCAL ids (ac-2, ac-2.1), in the specification's order
};

struct OscalProfile {
  std::string uuid;
  std::string title;
  std::string version;        // the specification's version
  std::string last_modified;  // UTC, RFC 3339
  std::vector<ProfileImport> imports;
};

std::string write_oscal_profile(const OscalProfile& profile);

}  // namespace kk::io
