#include "io/answer_matrix.hpp"

#include <cctype>

namespace kk::io::answer_matrix {
using domain::AnswerChoice;

namespace {
struct Words {
  AnswerChoice choice;
  const char* sv;
  const char* en;
};
constexpr Words words[] = {
    {AnswerChoice::yes, "Ja", "Yes"},
    {AnswerChoice::no, "Nej", "No"},
    {AnswerChoice::partly, "Delvis", "Partly"},
    {AnswerChoice::accepted, "Accepteras", "Accepted"},
    {AnswerChoice::not_accepted, "Accepteras inte", "Not accepted"},
    {AnswerChoice::other_way, "Likvärdigt sätt", "Equivalent way"},
};

// ASCII letters folded to lower case; å, ä and ö are written alike in every cell we made.
std::string folded(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::string choice_word(std::string_view language, AnswerChoice choice) {
  for (const auto& w : words)
    if (w.choice == choice) return language == "en" ? w.en : w.sv;
  return {};
}

std::optional<AnswerChoice> choice_of(std::string_view word) {
  std::string f = folded(word);
  for (const auto& w : words)
    if (f == folded(w.sv) || f == folded(w.en)) return w.choice;
  return std::nullopt;
}

}  // namespace kk::io::answer_matrix
