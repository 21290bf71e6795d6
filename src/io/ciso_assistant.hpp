#pragma once
// Frameworks in CISO Assistant's library format (YAML: a library with urn, ref_id, locale,
// version, and objects.framework.requirement_nodes, each node with its urn, ref_id, depth,
// parent_urn, name, description and whether it is assessable) as Kravkedja catalogues, so that
// any of its frameworks can be used here. The top nodes become areas; each assessable node a
// requirement (a ska-krav answered yes or no) whose id is its ref_id, whose text is its name and
// description, whose motive names the path of nodes above it, and whose source is its URN.
#include <string_view>

#include "domain/catalogue.hpp"
#include "domain/result.hpp"
#include "io/catalogue_loader.hpp"

namespace kk::io {

// Whether a YAML text is a CISO Assistant library holding a framework.
bool looks_like_ciso_assistant_library(std::string_view text);

// The framework as a catalogue: id from the library's ref_id (lower case, dashes), version the
// library's. Errors name the file, the line and what is wrong.
domain::Result<domain::Catalogue> load_ciso_assistant_library(const SourceText& source);

}  // namespace kk::io
