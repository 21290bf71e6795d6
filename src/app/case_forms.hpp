#pragma once
// The guided forms over a case (catalog/forms/): which apply, their questions in the reader's
// language with the answers recorded so far, saving answers, and the decision basis a form
// such as the outsourcing assessment produces for the committee that decides.
#include <optional>

#include "app/service_base.hpp"
#include "io/spec_document.hpp"

namespace kk::app {

class FormService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  // Every form with whether it applies to the case and how far it is answered.
  domain::Result<json> list(const Actor& actor, const std::string& case_id);
  domain::Result<json> get(const Actor& actor, const std::string& case_id, const std::string& form_id);
  // {"version": 0 the first time, "answers": {key: {"value", "reasoning"}}}: the given answers
  // replace those recorded (an empty value clears one); the rest stay.
  domain::Result<json> save(const Actor& actor, const std::string& case_id, const std::string& form_id,
                            const json& body);
  // The decision basis of a form that produces one, in the reader's language: every question
  // with its answer and reasoning, the risks the register still holds, and the proposed decision.
  domain::Result<io::SpecDocument> decision_basis(const Actor& actor, const std::string& case_id,
                                                  const std::string& form_id);

 private:
  json form_json(Transaction& tx, const Actor& actor, const Case& c, const domain::CaseForm& form);
  json form_json(const Actor& actor, const domain::CaseForm& form, const domain::CaseFacts& facts,
                 const std::optional<CaseRecord>& record) const;
};

}  // namespace kk::app
