#pragma once
// Use cases of a case's risk register: risks at the initial, deep and award stages, each
// with likelihood and consequence on the organisation's matrix, the assets and aspects it
// affects, the specification entries that treat it, the residual level after them, and the
// decision of the information owner of the affected assets.
#include "app/service_base.hpp"
#include "app/views.hpp"
#include "io/spec_document.hpp"
#include "io/table_export.hpp"

namespace kk::app {

class RiskService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  domain::Result<json> list(const Actor& actor, const std::string& case_id);
  domain::Result<json> get(const Actor& actor, const std::string& case_id, const std::string& risk_id);
  domain::Result<json> create(const Actor& actor, const std::string& case_id, const json& body);
  domain::Result<json> update(const Actor& actor, const std::string& case_id, const std::string& risk_id,
                              const json& body);
  domain::Status remove(const Actor& actor, const std::string& case_id, const std::string& risk_id);
  // Re-assessment: copies every risk of one stage to the next ({"from", "to"}); the earlier
  // stage stays as it was. The copies start without the information owner's decision.
  domain::Result<json> copy_stage(const Actor& actor, const std::string& case_id, const json& body);
  // The case facts a risk assessment depends on (classification, delivery model, hosting):
  // when they change, risks assessed on other facts need review.
  static std::string facts_signature(Transaction& tx, const Case& c);
  // Who took part in each stage's assessment, and notes.
  domain::Result<json> assessments(const Actor& actor, const std::string& case_id);
  // {"version" (0 for the first time), "participants": [user ids], "notes"}
  domain::Result<json> save_assessment(const Actor& actor, const std::string& case_id, const std::string& stage,
                                       const json& body);
  // The register as a report (DOCX): per stage the heat maps before and after measures as
  // tables with counts, then every risk with its levels, measures and decision.
  domain::Result<io::SpecDocument> report(const Actor& actor, const std::string& case_id);
  // The register as a table for export (XLSX, CSV), in the actor's language.
  domain::Result<io::Table> table(const Actor& actor, const std::string& case_id);
  // The organisation's risk matrix and the starter list of common procurement risks.
  json matrix(const Actor& actor);
  json starters(const Actor& actor) const;

 private:
  domain::Status apply(Transaction& tx, const Actor& actor, const Case& c, const domain::RiskMatrix& m,
                       const json& body, Risk& r);
  json risk_json(const Actor& actor, const domain::RiskMatrix& m, const Risk& r, const UserNames& names) const;
  const domain::RiskMatrix& matrix_of(Transaction& tx, const std::string& org_id) const;
};

}  // namespace kk::app
