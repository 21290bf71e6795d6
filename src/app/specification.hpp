#pragma once
// The case's specification: the requirements its facts select, each with the reasons it
// is there, and the findings and required activities of the rule sets. Until edits are
// stored it is computed from the current facts on every read.
#include <set>

#include "app/service_base.hpp"
#include "domain/rule_evaluation.hpp"
#include "domain/specification.hpp"
#include "io/spec_document.hpp"

namespace kk::app {

class SpecificationService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  domain::Result<json> get(const Actor& actor, const std::string& case_id);
  // Adds a catalogue requirement by hand: {"requirement_id", "reason"}.
  domain::Result<json> add_entry(const Actor& actor, const std::string& case_id, const json& body);
  // Strikes or reinstates, changes ska/bör, weight or the case's own text:
  // {"version", "status", "kind", "weight", "case_text", "reason", "decision"}.
  domain::Result<json> edit_entry(const Actor& actor, const std::string& case_id, const std::string& requirement_id,
                                  const json& body);
  // Applies or declines the proposed difference: {"version", "apply": [ids], "decline": [ids], "decision"}.
  domain::Result<json> resolve_proposal(const Actor& actor, const std::string& case_id, const json& body);
  // The tender appendix of the case's current specification (active entries only), in the
  // catalogue's language, ready for the format writers.
  domain::Result<io::SpecDocument> document(const Actor& actor, const std::string& case_id);
  // The same inside a unit of work, without a permission check (tenders answer it).
  io::SpecDocument document_of(Transaction& tx, const Case& c);
  // Moves a stored specification to the newest catalogue and rule sets; what they change then
  // shows as the proposed difference. {"version"}
  domain::Result<json> upgrade(const Actor& actor, const std::string& case_id, const json& body);
  // The catalogue the case's specification draws from (for choosing a requirement to add).
  domain::Result<std::shared_ptr<const domain::Catalogue>> catalogue_of(const Actor& actor, const std::string& case_id);
  // The specification as an OSCAL 1.1.2 profile (JSON) over the imported OSCAL catalogs it draws
  // controls from; `base_url` makes the links to the stored catalogs absolute. A specification
  // with no control from an OSCAL catalog has no profile (422).
  domain::Result<std::string> oscal_profile(const Actor& actor, const std::string& case_id, const std::string& base_url);
  // The specification as an OSCAL 1.1.2 catalog of its own (io/oscal_spec_catalog.hpp).
  domain::Result<std::string> oscal_catalog(const Actor& actor, const std::string& case_id);
  // Findings and required activities, always from the current facts.
  domain::Result<json> findings(const Actor& actor, const std::string& case_id);


 private:
  // The catalogue and rule sets in force for the case (the stored specification's versions,
  // or the newest while it is computed) and what they select from the current facts.
  struct Situation {
    ContentRegistry::Selection selection;
    domain::Evaluation evaluation;
    const domain::Catalogue& catalogue() const { return *selection.catalogue; }
  };
  Situation situation(Transaction& tx, const Case& c);
  ContentRegistry::Selection selection_of(Transaction& tx, const Case& c);
  json build(Transaction& tx, const Actor& actor, const Case& c);
  json build(Transaction& tx, const Actor& actor, const Case& c, const Situation& now);
  json entry_json(const Actor& actor, const domain::SpecEntry& e, const Situation& now) const;
  // The stored specification, storing the computed one first when there is none.
  std::int64_t ensure_stored(Transaction& tx, const Actor& actor, const Case& c, const Situation& now);
  bool frozen(Transaction& tx, const Case& c) const;
  domain::Status not_tendered(Transaction& tx, const Case& c) const;
  bool owns_rules(const Actor& actor, const Situation& now) const;
  json reason_json(const Actor& actor, const domain::Reason& r, const Situation& now) const;
  json findings_json(const Actor& actor, const Situation& now) const;
  std::vector<std::string> evaluation_text(Transaction& tx, const Case& c, const io::SpecDocument& doc,
                                           domain::Language lang) const;
};

}  // namespace kk::app
