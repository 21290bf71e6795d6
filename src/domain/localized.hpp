#pragma once
#include <string>

#include "domain/enums.hpp"

namespace kk::domain {

// A text of the content (catalogue, models) in both interface languages.
struct Localized {
  std::string sv;
  std::string en;
  const std::string& in(Language lang) const { return lang == Language::en && !en.empty() ? en : sv; }
  bool operator==(const Localized&) const = default;
};

}  // namespace kk::domain
