#include "domain/guided_questions.hpp"

#include <algorithm>

namespace kk::domain {

const QuestionOption* Question::find_option(const std::string& k) const {
  for (const auto& o : options)
    if (o.key == k) return &o;
  return nullptr;
}

const Question* QuestionSet::find(const std::string& k) const {
  for (const auto& q : questions)
    if (q.key == k) return &q;
  return nullptr;
}

Result<ClassificationProposal> propose_classification(
    const QuestionSet& set, const std::map<std::string, std::string>& answers) {
  ClassificationProposal proposal;
  for (const auto& [question_key, option_key] : answers) {
    const Question* question = set.find(question_key);
    if (!question) return Error::invalid("error.unknown_question", "answers." + question_key);
    if (option_key.empty()) continue;
    const QuestionOption* option = question->find_option(option_key);
    if (!option) return Error::invalid("error.unknown_option", "answers." + question_key);
    if (question->aspect) {
      auto& level = proposal.classification[*question->aspect];
      level = std::max(level.value_or(option->proposes), option->proposes);
    }
    proposal.flags.insert(option->flags.begin(), option->flags.end());
  }
  return proposal;
}

}  // namespace kk::domain
