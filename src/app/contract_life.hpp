#pragma once
// The life of a contract after it is signed (seed 000 chapter 5): the delivery checked against
// every agreed measure, the supplier's self-assessments and incidents, informal agreements,
// changes that call for a re-assessment (with the LOU 17 kap. checklist for a change to the
// contract), and the exit, with evidence files for all of it. A supplier's users report their
// self-assessments and incidents for their company's contracts.
#include "app/service_base.hpp"
#include "app/specification.hpp"
#include "domain/rule_evaluation.hpp"

namespace kk::app {

namespace entry_kind {
inline constexpr const char* delivery_check = "delivery_check";
inline constexpr const char* self_assessment = "self_assessment";
inline constexpr const char* incident = "incident";
inline constexpr const char* agreement = "agreement";
inline constexpr const char* change = "change";
inline constexpr const char* exit_plan = "exit_plan";
inline constexpr const char* exit_check = "exit_check";
}  // namespace entry_kind

// A contract that may still change: its case is open (a closed case's record is final).
domain::Status still_open(Transaction& tx, const std::string& org_id, const Contract& c);
domain::Result<Contract> writable_contract(Transaction& tx, const std::string& org_id, const std::string& id);
// Who reaches a contract: the organisation's readers, and the active users of its supplier.
domain::Result<Contract> readable_contract(Transaction& tx, const Actor& actor, const std::string& id);

// One entry of a contract by kind and key, when recorded.
std::optional<ContractEntry> find_entry(Transaction& tx, const std::string& org_id, const std::string& contract_id,
                                        const std::string& kind, const std::string& key);

// The contract's life as JSON (delivery checklist, self-assessments, incidents, agreements,
// changes, exit, evidence files), added to the contract's own view. A supplier's user sees its
// self-assessments and incidents only.
json contract_life_json(Transaction& tx, const Content& content, const Actor& actor, const Contract& c,
                        const std::vector<ContractMeasure>& measures);

// What holds back the case's realise gates: delivery_approved until the case has a contract and
// every ska-measure is verified or excepted; relationship_closed until every contract's exit is
// planned and its checks settled. A change waiting for its re-assessment is a warning.
std::vector<domain::Finding> contract_findings(Transaction& tx, const Content& content, const Case& c);

class ContractLifeService : public ServiceBase {
 public:
  ContractLifeService(Store& store, const Content& content, ContentRegistry& registry)
      : ServiceBase(store, content, registry) {}

  // One measure at delivery: {"version", "state": verified|not_verified|exception|open,
  // "evidence", "notes", "exception_reason"}. Verified and not verified need the evidence; an
  // exception is the information owner's decision and needs its reason.
  domain::Result<json> check_delivery(const Actor& actor, const std::string& id, const std::string& measure_id,
                                      const json& body);
  // Many measures at once, as after an acceptance test that covered them: {"items": [{"measure_id",
  // "version"}], "state": verified|not_verified, "evidence", "notes"}. All or none: the first
  // item that cannot be checked is named (items[i]) and nothing is recorded. An exception is
  // decided one measure at a time.
  domain::Result<json> check_deliveries(const Actor& actor, const std::string& id, const json& body);
  // The supplier's self-assessment of a measure: {"due_on", "result", "statement"}.
  domain::Result<json> self_assess(const Actor& actor, const std::string& id, const std::string& measure_id,
                                   const json& body);
  // An incident: {"occurred_on", "description", "affected_information", "measures"}.
  domain::Result<json> report_incident(const Actor& actor, const std::string& id, const json& body);
  // An informal agreement made during the period: {"agreed_on", "parties", "text"}.
  domain::Result<json> note_agreement(const Actor& actor, const std::string& id, const json& body);

  // A change: {"kind", "description", "effective_on", "delivery_model", "hosting_location",
  // "subcontractor", "contract_change_proposed", "reassessment_due_on", "reassessment_owner_user_id"}.
  // A new delivery model or hosting location changes the case's facts; the requirements the
  // rules select before and after are compared and the difference returned.
  domain::Result<json> record_change(const Actor& actor, const std::string& id, const json& body);
  // The LOU 17 kap. checklist of a proposed contract change: {"version", "answers": {question: bool}}.
  domain::Result<json> assess_change(const Actor& actor, const std::string& id, const std::string& change_id,
                                     const json& body);
  // The re-assessment after a change: {"version", "conclusion", "add_measures": [requirement ids]}.
  // New measures come from the difference and need the checklist to allow the contract change.
  domain::Result<json> complete_reassessment(const Actor& actor, const std::string& id, const std::string& change_id,
                                             const json& body);
  // What the rules select now against what they selected when the change was recorded.
  domain::Result<json> difference(const Actor& actor, const std::string& id, const std::string& change_id);

  // The exit plan: {"version", "formats", "trigger", "notes", "attend_destruction"}.
  domain::Result<json> plan_exit(const Actor& actor, const std::string& id, const json& body);
  // One exit check: {"version", "state": done|not_applicable|open, "evidence", "notes"}.
  domain::Result<json> check_exit(const Actor& actor, const std::string& id, const std::string& check,
                                  const json& body);

  // Evidence for something on the contract; `subject` is "<kind>:<key>" of a follow-up record,
  // deviation, delivery check, self-assessment, incident, agreement, change or exit check.
  domain::Result<json> add_file(const Actor& actor, const std::string& id, const std::string& subject,
                                const std::string& file_name, const std::string& bytes);
  domain::Result<ContractFile> file(const Actor& actor, const std::string& id, const std::string& file_id);

 private:
  // The requirement ids the rules select for the case from its current facts.
  std::vector<domain::GeneratedEntry> selected(Transaction& tx, const Case& c);
  json difference_json(Transaction& tx, const Case& c, const json& before);
  // Saves one entry (inserting when version is 0) and audits it; the contract's view after.
  domain::Result<json> check_one_delivery(Transaction& tx, const Actor& actor, const Contract& c,
                                          const std::string& measure_id, const json& body);
  domain::Result<json> save(Transaction& tx, const Actor& actor, const Contract& c, const std::string& kind,
                            const std::string& key, const json& body, std::int64_t version, const std::string& action);
};

}  // namespace kk::app
