#pragma once
// The case's specification: the requirements its facts select, each with the reasons it
// is there, and the findings and required activities of the rule sets. Until edits are
// stored it is computed from the current facts on every read.
#include "app/service_base.hpp"
#include "domain/rule_evaluation.hpp"

namespace kk::app {

class SpecificationService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  domain::Result<json> get(const Actor& actor, const std::string& case_id);
  // Findings and required activities, always from the current facts.
  domain::Result<json> findings(const Actor& actor, const std::string& case_id);

  // The facts rules read, from the case and its linked assets.
  static domain::CaseFacts facts_of(const Case& c, const std::vector<Asset>& assets);

 private:
  domain::Evaluation evaluate(Transaction& tx, const Case& c) const;
  json reason_json(const Actor& actor, const domain::Reason& r) const;
  json findings_json(const Actor& actor, const domain::Evaluation& ev) const;
  std::vector<const domain::RuleSet*> rule_sets() const;
};

}  // namespace kk::app
