#pragma once
// Searching a list the way a person types into a filter field: every word of the query must
// occur somewhere in the text, in any order, regardless of upper and lower case (Å and å alike).
#include <string>
#include <string_view>

namespace kk::domain {

// The text in lower case: ASCII letters and the Swedish and common Latin-1 capitals (Å Ä Ö É Ü …).
std::string fold_case(std::string_view text);

// Whether every whitespace-separated word of `query` occurs in `text`; an empty query matches.
bool matches_search(std::string_view text, std::string_view query);

}  // namespace kk::domain
