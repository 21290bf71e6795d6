// Speed of reading other tools' formats: the full NIST SP 800-53 rev. 5 OSCAL catalog (3.2 MB,
// 1,189 controls and enhancements) into a Kravkedja catalogue, as an import does (parse, convert,
// check) and as the service does when it loads a stored one. Prints figures; nothing here
// asserts a duration. Run: build/import_bench [repetitions]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "../tests/common/shared_data.hpp"
#include "io/oscal_catalog.hpp"

using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
  std::string text = kkt::read_shared_data("oscal/NIST_SP-800-53_rev5.0.1_catalog.json");
  std::vector<double> times;
  std::size_t requirements = 0;
  for (int i = 0; i < reps; ++i) {
    auto start = Clock::now();
    auto c = kk::io::load_oscal_catalog({text, "sp800-53.json"});
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!c) {
      std::fprintf(stderr, "import failed: %s %s\n", c.error().key.c_str(), c.error().field.c_str());
      return 1;
    }
    requirements = c->requirements.size();
  }
  std::sort(times.begin(), times.end());
  std::printf("OSCAL import, NIST SP 800-53 rev. 5.0.1 (%zu bytes, %zu requirements): median %.1f ms, min %.1f ms, "
              "max %.1f ms over %d runs\n",
              text.size(), requirements, times[times.size() / 2], times.front(), times.back(), reps);
  return 0;
}
