// A rule set in YAML as an organisation imports it, checked against the built-in catalogue with
// its examples run, as the import does: a rule set or an error, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "builtin_catalogue.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& catalogue = kk::fuzz::builtin_catalogue();
  kk::io::SourceText source{std::string(reinterpret_cast<const char*>(data), size), "regler.yaml"};
  auto rules = kk::io::load_rule_set(source, catalogue);
  (void)rules;
  return 0;
}
