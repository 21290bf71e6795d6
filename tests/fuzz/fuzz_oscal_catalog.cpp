// An OSCAL catalog in JSON as an organisation imports it (POST /api/v1/catalogs, the catalogue
// page's file field): any bytes give a catalogue or an error, never a crash, a hang or
// undefined behaviour; what comes out is a catalogue the rest of Kravkedja can use.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/oscal_catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kk::io::SourceText source{std::string(reinterpret_cast<const char*>(data), size), "catalog.json"};
  auto catalogue = kk::io::load_oscal_catalog(source);
  if (catalogue) {
    for (const auto& r : catalogue->requirements) {
      if (!catalogue->find(r.id) || !catalogue->find_area(r.area)) __builtin_trap();
      if (!r.parent.empty() && !catalogue->find(r.parent)) __builtin_trap();
    }
    // The stored form reads back as the same catalogue under its Kravkedja identity.
    auto stored = kk::io::load_oscal_catalog(
        {kk::io::with_kravkedja_identity(source.text, catalogue->id, 7), "stored.json"});
    if (!stored || stored->version != 7 || stored->requirements.size() != catalogue->requirements.size())
      __builtin_trap();
  }
  return 0;
}
