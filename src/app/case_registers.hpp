#pragma once
// Registers kept on a case: the governing documents that apply to it (internal: policies,
// guidelines, sourcing strategy; external: laws, regulations, agreements — MSB guidance
// 3.2.4), the organisations that will call off from a framework agreement being established
// (it is classified at the highest need of them all), and, where no tender documents are
// made (a change of operating form, an acquisition without procurement), the supplier's
// confirmation of each locked measure with its evidence.
#include "app/service_base.hpp"
#include "domain/rule_evaluation.hpp"

namespace kk::app {

class RegisterService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  // The registers kept by list: governing documents {"origin": internal|external, "category",
  // "title", "reference", "note", "excludes"}, and the organisations calling off from a
  // framework agreement {"name", "levels": {aspect: level}, "note"}. Items are edited and
  // removed by id with the version read.
  enum class Register { governing_documents, framework_parties };
  domain::Result<json> list(const Actor& actor, const std::string& case_id, Register which);
  domain::Result<json> add(const Actor& actor, const std::string& case_id, Register which, const json& body);
  domain::Result<json> edit(const Actor& actor, const std::string& case_id, Register which, const std::string& id,
                            const json& body);
  domain::Result<json> remove(const Actor& actor, const std::string& case_id, Register which, const std::string& id,
                              const json& body);

  // The measures to confirm with the confirmation recorded for each.
  domain::Result<json> confirmations(const Actor& actor, const std::string& case_id);
  // {"version": 0 the first time, "evidence", "document"}
  domain::Result<json> confirm(const Actor& actor, const std::string& case_id, const std::string& requirement_id,
                               const json& body);
  domain::Result<json> withdraw_confirmation(const Actor& actor, const std::string& case_id,
                                             const std::string& requirement_id, const json& body);

  struct Kind;  // one register: its record kind, audit action, permission and body reader

 private:
  static const Kind& kind_of(Register which);
  domain::Result<json> list(const Actor& actor, const std::string& case_id, const Kind& kind);
  domain::Result<json> add(const Actor& actor, const std::string& case_id, const Kind& kind, const json& body);
  domain::Result<json> edit(const Actor& actor, const std::string& case_id, const Kind& kind, const std::string& key,
                            const json& body);
  domain::Result<json> remove(const Actor& actor, const std::string& case_id, const Kind& kind, const std::string& key,
                              const json& body);
};

// Cases that confirm measures instead of making tender documents.
bool confirms_measures(domain::CaseKind kind);
// A blocking finding naming the measures the supplier has not confirmed yet (contract_signed);
// `rules` is the evaluation of the case's current facts (its entries while nothing is stored).
std::vector<domain::Finding> confirmation_findings(Transaction& tx, const Content& content, const Case& c,
                                                   const domain::Evaluation& rules);

}  // namespace kk::app
