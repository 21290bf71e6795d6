#pragma once
// The test data every project on these machines shares (../shared/data beside the repository,
// for example NIST's OSCAL catalogues), read whole. KK_SHARED_DATA names another place. A test
// that needs a file fails, naming where it looked, when the file is not there.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kkt {

inline std::vector<std::string> shared_data_places() {
  std::vector<std::string> places;
  if (const char* env = std::getenv("KK_SHARED_DATA")) places.emplace_back(env);
  places.push_back(std::string(KK_SOURCE_DIR) + "/../shared/data");
  places.emplace_back("/work/shared/data");
  return places;
}

// The file's path, or "" when it is in none of the places.
inline std::string shared_data_path(const std::string& relative) {
  for (const auto& place : shared_data_places())
    if (std::filesystem::exists(place + "/" + relative)) return place + "/" + relative;
  return {};
}

inline std::string read_shared_data(const std::string& relative) {
  std::string path = shared_data_path(relative);
  if (path.empty()) {
    std::string looked;
    for (const auto& place : shared_data_places()) looked += " " + place;
    throw std::runtime_error("shared test data " + relative + " not found; looked in" + looked);
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace kkt
