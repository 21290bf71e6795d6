#pragma once
// The interface's message catalogue (catalog/i18n/sv.yaml, en.yaml): keys to texts with
// {name} placeholders. Swedish is the first language; English falls back to Swedish.
#include <map>
#include <string>

#include "domain/enums.hpp"
#include "domain/result.hpp"

namespace kk::io {

class Messages {
 public:
  // Adds a language from YAML (nested maps become dotted keys).
  domain::Status add(domain::Language lang, const std::string& yaml, const std::string& source);
  std::string text(domain::Language lang, const std::string& key,
                   const std::map<std::string, std::string>& params = {}) const;
  bool has(domain::Language lang, const std::string& key) const;
  const std::map<std::string, std::string>& all(domain::Language lang) const;
  // A user-facing message for an error: its text with the field's label.
  std::string error_text(domain::Language lang, const domain::Error& error) const;

 private:
  std::map<domain::Language, std::map<std::string, std::string>> texts_;
};

}  // namespace kk::io
