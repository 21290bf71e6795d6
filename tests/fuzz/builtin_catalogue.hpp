#pragma once
// The built-in catalogue, read from the files embedded in the binary, for the targets that check
// their input against it (as the import does against the organisation's active catalogue).
#include <stdexcept>
#include <string>
#include <vector>

#include "io/catalogue_loader.hpp"
#include "io/embedded.hpp"

namespace kk::fuzz {

inline const domain::Catalogue& builtin_catalogue() {
  static const domain::Catalogue catalogue = [] {
    const std::string folder = "catalog/requirements/kravkedja-bas/";
    const std::string header = folder + "catalogue.yaml";
    auto text = [](const std::string& path) { return std::string(*io::embedded_file(path)); };
    std::vector<io::SourceText> parts;
    for (const auto& path : io::embedded_files_under(folder))
      if (path != header) parts.push_back({text(path), path});
    auto loaded = io::load_catalogue({text(header), header}, parts);
    if (!loaded) throw std::runtime_error("the built-in catalogue does not load");
    return *loaded;
  }();
  return catalogue;
}

}  // namespace kk::fuzz
