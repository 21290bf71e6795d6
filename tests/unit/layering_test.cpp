// domain/ stays pure: no database, HTTP, YAML or JSON headers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#ifndef KK_SOURCE_DIR
#define KK_SOURCE_DIR "."
#endif

TEST(Layering, DomainIncludesNoInfrastructureHeaders) {
  const char* forbidden[] = {"sqlite3", "libpq", "boost/", "yaml-cpp", "nlohmann", "app/", "store/", "web/", "io/"};
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(KK_SOURCE_DIR) + "/src/domain")) {
    std::ifstream in(entry.path());
    std::string line;
    ++files;
    while (std::getline(in, line)) {
      if (line.rfind("#include", 0) != 0) continue;
      for (const char* f : forbidden)
        EXPECT_EQ(line.find(f), std::string::npos) << entry.path() << ": " << line;
    }
  }
  EXPECT_GT(files, 5);
}
