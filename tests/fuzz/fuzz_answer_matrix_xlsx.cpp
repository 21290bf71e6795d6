// A supplier's filled-in answer matrix (POST /api/v1/tenders/{id}/responses.xlsx): any bytes
// — a damaged zip, a bomb, broken XML, cells of any kind — give the answers with every row's
// problem, or an error, never a crash.
//
// KK_FUZZ_SEED_DIR=DIR makes the target write the matrix Kravkedja hands out for its tender into
// DIR first, so the seed corpus is always the current format (scripts/fuzz.sh uses it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "io/answer_matrix.hpp"
#include "io/xlsx_writer.hpp"

namespace {
const kk::io::SpecDocument& tender_document() {
  static const kk::io::SpecDocument doc = [] {
    kk::io::SpecDocument d;
    d.title = "Bilaga";
    d.registry_number = "KS 2026/1";
    kk::io::DocSection section{"1", "Krav på tjänsten", "", {{"Behörighet", {}}}};
    const char* answers[] = {"yes_no", "value", "description", "acceptance"};
    for (int i = 0; i < 8; ++i) {
      kk::io::DocRequirement r;
      r.number = "1." + std::to_string(i + 1);
      r.id = "BEH-" + std::to_string(10 + i);
      r.mandatory = i % 3 != 0;
      r.kind_label = r.mandatory ? "Ska-krav" : "Bör-krav";
      r.weight = r.mandatory ? 0 : 3;
      r.text = "Leverantören ska styra behörigheter enligt krav " + std::to_string(i + 1) + ".";
      r.answer = answers[i % 4];
      section.areas[0].requirements.push_back(r);
    }
    d.sections.push_back(section);
    return d;
  }();
  return doc;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("KK_FUZZ_SEED_DIR")) {
    std::ofstream out(std::string(dir) + "/svarsmatris.xlsx", std::ios::binary);
    out << kk::io::write_answer_matrix_xlsx(tender_document());
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto reading = kk::io::answer_matrix::read_filled(std::string(reinterpret_cast<const char*>(data), size),
                                                    tender_document());
  (void)reading;
  return 0;
}
