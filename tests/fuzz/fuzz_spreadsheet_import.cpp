// A catalogue or an asset inventory kept in a spreadsheet (POST /api/v1/catalogs with an .xlsx
// or .csv file, POST /api/v1/assets/import): any bytes — a damaged zip, a bomb, an open quote,
// Windows-1252, stray separators — give the rows read with every row's problem, or an error,
// never a crash. Property: a catalogue read without problems is valid, and the YAML it is stored
// as reads back with the same requirements.
//
// KK_FUZZ_SEED_DIR=DIR makes the target write, into DIR, a catalogue as Kravkedja exports it
// (XLSX and CSV) and an asset list in both forms, so the seeds are always the current layout.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "io/asset_table.hpp"
#include "io/catalogue_loader.hpp"
#include "io/catalogue_table.hpp"
#include "io/catalogue_yaml.hpp"
#include "io/table_export.hpp"

using namespace kk::domain;

namespace {
const ClassificationModel& model() {
  static const ClassificationModel m = [] {
    ClassificationModel c;
    c.id = "standard";
    const char* names[] = {"Försumbar", "Måttlig", "Betydande", "Allvarlig", "Synnerligen allvarlig"};
    for (int level = 0; level < 5; ++level) c.levels.push_back({level, {names[level], {}}, {}});
    return c;
  }();
  return m;
}

const kk::io::FlagNames& flags() {
  static const kk::io::FlagNames f = {{Flag::personal_data, {"Personuppgifter", "Personal data"}},
                                      {Flag::secrecy, {"Sekretess (OSL)", "Secrecy"}}};
  return f;
}

Catalogue sample() {
  Catalogue c;
  c.id = "prov";
  c.version = 3;
  c.name = {"Provkatalog", "Sample"};
  c.areas = {{"behorighet", "BEH", {"Behörighet", "Access"}}, {"drift", "DRI", {"Drift", {}}}};
  for (int i = 0; i < 6; ++i) {
    Requirement r;
    r.id = "BEH-" + std::to_string(i + 1);
    r.area = i < 3 ? "behorighet" : "drift";
    r.kind = i % 2 ? RequirementKind::bor : RequirementKind::ska;
    r.weight = i % 2 ? 4 : 0;
    r.answer = i % 2 ? AnswerKind::description : AnswerKind::yes_no;
    r.ska_text = "Leverantören ska; \"citera\"\növer två rader " + std::to_string(i);
    r.motive = "Motiv " + std::to_string(i);
    r.verification = {Verification::intyg, Verification::certifikat};
    r.sources = {"003:7", "GDPR art. 32"};
    if (i == 2) r.follow_up = FollowUp{"Årlig granskning", Frequency::yearly};
    r.catalogue = c.id;
    c.requirements.push_back(r);
  }
  return c;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("KK_FUZZ_SEED_DIR")) {
    auto write = [&](const std::string& name, const std::string& bytes) {
      std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << bytes;
    };
    auto table = kk::io::catalogue_table(sample());
    write("katalog.xlsx", kk::io::write_table_xlsx(table));
    write("katalog.csv", kk::io::write_table_csv(table));
    kk::io::Table assets{"Tillgångar", "KLASSA", {"Informationstillgång", "Informationsägare", "K", "R", "T", "Personuppgifter"},
                         {{"Elevregister", "anna", "K3", "2", "Betydande", "Ja"}, {"Matsedel", "", "0", "1", "1", "Nej"}}};
    write("tillgangar.xlsx", kk::io::write_table_xlsx(assets));
    write("tillgangar.csv", kk::io::write_table_csv(assets));
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto catalogue = kk::io::read_catalogue_table(bytes, "prov.csv");
  if (catalogue && catalogue->problems.empty()) {
    if (!catalogue->catalogue.validate()) std::abort();
    auto stored = kk::io::load_catalogue({kk::io::write_catalogue_yaml(catalogue->catalogue), "prov.yaml"});
    if (!stored || stored->requirements.size() != catalogue->catalogue.requirements.size()) std::abort();
  }
  auto assets = kk::io::read_asset_table(bytes, model(), flags());
  (void)assets;
  return 0;
}
