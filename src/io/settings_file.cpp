#include "io/settings_file.hpp"

namespace kk::io {
namespace {

std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

bool valid_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return !(name[0] >= '0' && name[0] <= '9');
}

}  // namespace

Settings parse_settings(const std::string& text, const std::set<std::string>& known_names) {
  Settings out;
  std::set<std::string> seen;
  int number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string line = trimmed(text.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
    pos = end == std::string::npos ? text.size() + 1 : end + 1;
    ++number;
    if (line.empty() || line[0] == '#') continue;
    auto fail = [&](SettingsProblem::Kind kind, std::string name = {}) {
      out.values.clear();
      out.problem = SettingsProblem{number, kind, std::move(name)};
      return out;
    };
    auto eq = line.find('=');
    if (eq == std::string::npos) return fail(SettingsProblem::Kind::no_equals);
    std::string name = trimmed(line.substr(0, eq));
    if (name.rfind("export ", 0) == 0) name = trimmed(name.substr(7));  // as a shell script would have it
    if (!valid_name(name)) return fail(SettingsProblem::Kind::bad_name, name);
    if (!known_names.count(name)) return fail(SettingsProblem::Kind::unknown_name, name);
    if (!seen.insert(name).second) return fail(SettingsProblem::Kind::twice, name);
    std::string value = trimmed(line.substr(eq + 1));
    if (!value.empty() && (value[0] == '"' || value[0] == '\'')) {
      if (value.size() < 2 || value.back() != value[0]) return fail(SettingsProblem::Kind::unclosed_quote, name);
      value = value.substr(1, value.size() - 2);
    }
    out.values.emplace_back(name, value);
  }
  return out;
}

}  // namespace kk::io
