#pragma once
// OSCAL catalogs (NIST's Open Security Controls Assessment Language, JSON) as Kravkedja
// catalogues: each group is an area, each control and control enhancement a requirement (a
// ska-krav answered yes or no) whose text is the control's statement with its parameters
// written out, whose motive is the control's guidance, and whose source is the control's id.
// Withdrawn controls are kept, marked withdrawn, so that their ids still resolve; they are not
// selectable. The imported document is stored as it came, with one member added at its end,
// "kravkedja", holding the catalogue's id and version in Kravkedja.
#include <string>
#include <string_view>

#include "domain/catalogue.hpp"
#include "domain/result.hpp"
#include "io/catalogue_loader.hpp"

namespace kk::io {

// Whether a text is an OSCAL catalog in JSON (rather than a catalogue in our YAML format).
bool looks_like_oscal_catalog(std::string_view text);

// The catalogue in an OSCAL catalog. Its id is the "kravkedja" member's when present, else made
// from the catalog's title (lower case, dashes); its version the member's, else 1. Errors name
// the file and the JSON path (catalog.groups[2].controls[5].id) or the place of a syntax error.
domain::Result<domain::Catalogue> load_oscal_catalog(const SourceText& source);

// The document to store: `text` (a JSON object) with the "kravkedja" member (id, version) last.
std::string with_kravkedja_identity(const std::string& text, const std::string& id, int version);

// How many controls, enhancements and withdrawn ones (of either) a catalogue from OSCAL has.
struct OscalCounts {
  std::size_t controls = 0, enhancements = 0, withdrawn = 0;
};
OscalCounts count_controls(const domain::Catalogue& catalogue);

}  // namespace kk::io
