#pragma once
// The configuration file: the same KK_* names as the environment, one `NAME=value` per line,
// as systemd's EnvironmentFile reads it too. Blank lines and lines starting with # are skipped;
// a value may be wrapped in double or single quotes. Names not known are refused (a misspelt
// setting must not pass unnoticed).
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kk::io {

struct SettingsProblem {
  int line = 0;
  enum class Kind { no_equals, bad_name, unknown_name, unclosed_quote, twice } kind = Kind::no_equals;
  std::string name;
};

struct Settings {
  std::vector<std::pair<std::string, std::string>> values;  // in file order
  std::optional<SettingsProblem> problem;                  // the first line that could not be read
};

Settings parse_settings(const std::string& text, const std::set<std::string>& known_names);

}  // namespace kk::io
