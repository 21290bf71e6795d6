#pragma once
// The guided initial classification (MSB guidance §3.2.2): questions whose answers each
// propose a level for one aspect and may set flags. The proposal is the maximum per aspect;
// the user confirms or changes it.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/classification.hpp"
#include "domain/enums.hpp"
#include "domain/localized.hpp"
#include "domain/result.hpp"

namespace kk::domain {

struct QuestionOption {
  std::string key;
  Localized text;
  int proposes = 0;
  std::vector<Flag> flags;
};

struct Question {
  std::string key;
  std::optional<Aspect> aspect;  // none: the question only sets flags
  Localized text;
  Localized help;
  std::vector<QuestionOption> options;
  const QuestionOption* find_option(const std::string& key) const;
};

struct QuestionSet {
  std::string id;
  int version = 1;
  std::vector<Question> questions;
  const Question* find(const std::string& key) const;
};

struct ClassificationProposal {
  Classification classification;  // only aspects some answered question concerns
  std::set<Flag> flags;
};

// answers: question key -> option key. Unanswered questions propose nothing; an unknown
// question or option is an error naming it.
Result<ClassificationProposal> propose_classification(
    const QuestionSet& set, const std::map<std::string, std::string>& answers);

}  // namespace kk::domain
