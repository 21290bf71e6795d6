#include "domain/case_form.hpp"

#include <set>

#include "domain/rule_evaluation.hpp"

namespace kk::domain {

const FormOption* FormQuestion::find_option(const std::string& k) const {
  for (const auto& o : options)
    if (o.key == k) return &o;
  return nullptr;
}

const FormQuestion* CaseForm::find(const std::string& k) const {
  for (const auto& s : sections)
    for (const auto& q : s.questions)
      if (q.key == k) return &q;
  return nullptr;
}

Status CaseForm::validate() const {
  if (id.empty()) return Error::invalid("error.required", "id");
  if (!count_fact.empty() && (!CaseFacts::known(count_fact) || CaseFacts::kind_of(count_fact) != FactKind::number))
    return Error::invalid("error.unknown_fact", "count_fact").with("value", count_fact);
  std::set<std::string> keys, facts;
  for (const auto& s : sections)
    for (const auto& q : s.questions) {
      std::string where = "questions." + q.key;
      if (q.key.empty()) return Error::invalid("error.required", "questions.key");
      if (!keys.insert(q.key).second) return Error::invalid("error.duplicate_key", where);
      if ((q.kind == QuestionKind::choice) != !q.options.empty())
        return Error::invalid("error.form_options", where);
      if (q.criterion && q.kind != QuestionKind::yes_no) return Error::invalid("error.form_criterion", where);
      if (q.fact.empty()) continue;
      FactKind wanted = q.kind == QuestionKind::yes_no ? FactKind::boolean : FactKind::text;
      if (!CaseFacts::known(q.fact) || CaseFacts::kind_of(q.fact) != wanted || q.kind == QuestionKind::text)
        return Error::invalid("error.unknown_fact", where + ".fact").with("value", q.fact);
      if (!facts.insert(q.fact).second) return Error::invalid("error.duplicate_key", where + ".fact");
    }
  return ok();
}

Status check_answers(const CaseForm& form, const FormAnswers& answers) {
  for (const auto& [key, a] : answers) {
    const FormQuestion* q = form.find(key);
    if (!q) return Error::unprocessable("error.form_unknown_question", "answers." + key);
    if (a.value.empty()) continue;  // unanswered
    bool valid = q->kind == QuestionKind::yes_no  ? (a.value == "yes" || a.value == "no")
                 : q->kind == QuestionKind::choice ? q->find_option(a.value) != nullptr
                                                 : true;
    if (!valid) return Error::unprocessable("error.form_answer", "answers." + key).with("value", a.value);
  }
  return ok();
}

bool form_applies(const CaseForm& form, const CaseFacts& facts) {
  std::map<std::string, FactValue> used;
  return condition_holds(form.applies_when, facts, used);
}

bool question_applies(const FormQuestion& q, const CaseFacts& facts) {
  std::map<std::string, FactValue> used;
  return condition_holds(q.applies_when, facts, used);
}

std::map<std::string, FactValue> form_facts(const CaseForm& form, const FormAnswers& answers, const CaseFacts& facts) {
  std::map<std::string, FactValue> out;
  long long criteria = 0;
  bool any_criterion = false;
  for (const auto& s : form.sections)
    for (const auto& q : s.questions) {
      auto it = answers.find(q.key);
      if (it == answers.end() || it->second.value.empty() || !question_applies(q, facts)) continue;
      const std::string& v = it->second.value;
      if (q.criterion) {
        any_criterion = true;
        criteria += v == "yes" ? 1 : 0;
      }
      if (q.fact.empty()) continue;
      if (q.kind == QuestionKind::yes_no) out[q.fact] = v == "yes";
      else out[q.fact] = v;
    }
  // Unanswered criteria count as not met once the screening has begun.
  if (!form.count_fact.empty() && any_criterion) out[form.count_fact] = criteria;
  return out;
}

std::vector<std::string> unanswered(const CaseForm& form, const FormAnswers& answers, const CaseFacts& facts) {
  std::vector<std::string> out;
  for (const auto& s : form.sections)
    for (const auto& q : s.questions) {
      if (!q.required || !question_applies(q, facts)) continue;
      auto it = answers.find(q.key);
      bool answered = it != answers.end() && !it->second.value.empty() &&
                      (!q.reasoning || !it->second.reasoning.empty());
      if (!answered) out.push_back(q.key);
    }
  return out;
}

}  // namespace kk::domain
