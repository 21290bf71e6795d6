#pragma once
// Guided forms over a case (catalog/forms/*.yaml): the DPIA screening, the legal assessment
// of outsourcing secret information, the case triage. Answers are recorded per case; some
// questions set a fact the rule sets read, and a form may count its criteria into a fact.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/case_facts.hpp"
#include "domain/localized.hpp"
#include "domain/result.hpp"
#include "domain/rule_set.hpp"

namespace kk::domain {

KK_ENUM(QuestionKind, yes_no, choice, text)

struct FormOption {
  std::string key;
  Localized text;
};

struct FormQuestion {
  std::string key;
  QuestionKind kind = QuestionKind::yes_no;
  Localized text;
  Localized help;
  bool criterion = false;  // counted into the form's count fact when answered yes
  std::string fact;        // the fact the answer sets (yes_no: boolean, choice: the option key)
  bool reasoning = false;  // a justification is asked for with the answer
  bool required = false;   // must be answered before the form is complete
  Condition applies_when;  // over the case's own facts; always when empty
  std::vector<FormOption> options;
  const FormOption* find_option(const std::string& key) const;
};

struct FormSection {
  std::string key;
  Localized title;
  Localized intro;
  std::vector<FormQuestion> questions;
};

struct CaseForm {
  std::string id;
  int version = 1;
  Localized name;
  Localized intro;
  Condition applies_when;
  std::string count_fact;  // a number fact: criteria answered yes
  bool document = false;   // produces a decision basis
  std::vector<FormSection> sections;

  const FormQuestion* find(const std::string& key) const;
  // Keys unique, facts known and of the right kind, options only on choices.
  Status validate() const;
};

struct FormAnswer {
  std::string value;      // yes_no: "yes" | "no"; choice: an option key; text: the text
  std::string reasoning;  // why, when the question asks for it
  bool operator==(const FormAnswer&) const = default;
};
using FormAnswers = std::map<std::string, FormAnswer>;

// Every answer names a question of the form and a valid value; the error names the question.
Status check_answers(const CaseForm& form, const FormAnswers& answers);

bool form_applies(const CaseForm& form, const CaseFacts& facts);
bool question_applies(const FormQuestion& q, const CaseFacts& facts);

// The facts the answers set, for questions that apply to the case as its own facts stand.
std::map<std::string, FactValue> form_facts(const CaseForm& form, const FormAnswers& answers, const CaseFacts& facts);

// Applicable required questions still without an answer (or without the reasoning they ask for).
std::vector<std::string> unanswered(const CaseForm& form, const FormAnswers& answers, const CaseFacts& facts);

}  // namespace kk::domain
