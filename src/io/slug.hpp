#pragma once
// Ids made from other formats' names and references ("NIST Special Publication 800-53",
// "EXEMPELBY-MOLN-2026", "Behörighet"): lower-case ASCII letters and digits (å ä ö é … as a a o e), each run of anything else one
// dash, no dash at either end, at most 64 characters. Empty when nothing is left.
#include <string>
#include <string_view>

namespace kk::io {

std::string slug(std::string_view text);
std::string upper_ascii(std::string_view text);

}  // namespace kk::io
