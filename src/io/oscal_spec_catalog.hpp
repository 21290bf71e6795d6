#pragma once
// A case's specification as an OSCAL 1.1.2 catalog, for OSCAL tools when the requirements are
// Kravkedja's own (the profile only reaches controls of imported OSCAL catalogs): a group per
// placement with a group per area, a control per requirement with its statement, its motive as
// guidance and its kind, weight and verification as properties.
#include <string>

#include "io/spec_document.hpp"

namespace kk::io {

std::string write_oscal_spec_catalog(const SpecDocument& doc, const std::string& uuid, const std::string& version,
                                     const std::string& last_modified);

// An OSCAL token (a letter or _, then letters, digits, . - _) made from an id: lower case,
// anything else a dash, "req-" in front when it does not start with a letter.
std::string oscal_token(const std::string& id);

}  // namespace kk::io
