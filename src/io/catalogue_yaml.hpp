#pragma once
// A catalogue written in the public YAML format of docs/catalogue-format.md, the form every
// catalogue is stored in: a spreadsheet import becomes this text, and load_catalogue reads
// it back to the same catalogue.
#include <string>

#include "domain/catalogue.hpp"

namespace kk::io {

std::string write_catalogue_yaml(const domain::Catalogue& catalogue);

}  // namespace kk::io
