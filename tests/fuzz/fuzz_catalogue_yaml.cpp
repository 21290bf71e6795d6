// A requirement catalogue in YAML as an organisation imports it (POST /api/v1/catalogs): any
// bytes give a catalogue or an error, never a crash, a hang or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/catalogue_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kk::io::SourceText source{std::string(reinterpret_cast<const char*>(data), size), "import.yaml"};
  auto catalogue = kk::io::load_catalogue(source);
  if (catalogue) {
    // What the import goes on to read: every requirement has an id the catalogue finds.
    for (const auto& r : catalogue->requirements)
      if (!catalogue->find(r.id)) __builtin_trap();
  }
  return 0;
}
