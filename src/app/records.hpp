#pragma once
// The records the use cases read and write. Every record belongs to an organisation and
// editable ones carry the integer version a PATCH must send back.
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <string>
#include <vector>

#include "domain/classification.hpp"
#include "domain/enums.hpp"
#include "domain/tender.hpp"

namespace kk::app {
using domain::Role;

struct Organisation {
  std::string id;
  std::string name;
  std::string org_number;
  domain::OrgKind kind = domain::OrgKind::municipality;
  domain::Language language = domain::Language::sv;
  std::string classification_model = "standard";
  std::string catalogue_id = "kravkedja-bas";  // the requirement catalogue its cases use
  std::string risk_matrix = "matris-4x4";
  std::optional<std::int64_t> archive_retention_years;  // none: archive packages are preserved
  std::int64_t version = 1;
  std::string created_at;
};

struct User {
  std::string org_id;
  std::string id;
  std::string username;
  std::string display_name;
  bool active = true;
  std::set<Role> roles;
  std::optional<std::string> supplier_id;  // a supplier's user: the company in the register it belongs to
  std::string email;                       // reminders by e-mail; empty: none
  std::int64_t version = 1;
  std::string created_at;
  bool has(Role r) const { return roles.count(r) > 0; }
  bool is_supplier() const { return supplier_id.has_value(); }
};

struct Asset {
  std::string org_id;
  std::string id;
  std::string name;
  std::string description;
  std::optional<std::string> owner_user_id;
  std::string owner_unit;
  domain::Classification classification;
  std::string model_id;
  int model_version = 1;
  domain::ClassificationStage stage = domain::ClassificationStage::initial;
  domain::ClassificationMethod method = domain::ClassificationMethod::simple;
  std::optional<std::string> approved_by;
  std::optional<std::string> approved_at;
  std::set<domain::Flag> flags;
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Case {
  std::string org_id;
  std::string id;
  std::string registry_number;
  std::string title;
  domain::CaseKind kind = domain::CaseKind::procurement;
  std::string need_statement;
  std::string alternatives;
  domain::ObjectType object_type = domain::ObjectType::service;
  domain::DeliveryModel delivery_model = domain::DeliveryModel::cloud_saas;
  domain::Law law = domain::Law::LOU;
  std::optional<domain::Procedure> procedure;
  std::optional<std::int64_t> estimated_value_sek;
  std::optional<std::string> tender_deadline;  // YYYY-MM-DD
  domain::Party operator_party = domain::Party::own;
  domain::Party support = domain::Party::own;
  domain::HostingLocation hosting_location = domain::HostingLocation::own_premises;
  bool supplier_remote_access = false;
  bool supplier_data_copies = false;
  std::string information_location;
  std::string software_location;
  std::string hardware_location;
  std::optional<std::string> delivery_manager_id;
  std::optional<bool> can_receive_incidents;
  std::optional<bool> can_run_followups;
  std::vector<std::string> catalogue_ids;  // empty: the organisation's catalogue
  domain::CaseStatus status = domain::CaseStatus::open;
  std::string closed_reason;
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Risk {
  std::string id;
  std::string case_id;
  domain::RiskStage stage = domain::RiskStage::initial;
  std::string title;
  std::string description;
  std::vector<std::string> asset_ids;
  std::vector<domain::Aspect> aspects;
  std::string matrix_id;
  int matrix_version = 1;
  int likelihood = 1;
  int consequence = 1;
  std::optional<std::string> owner_user_id;
  domain::Treatment treatment = domain::Treatment::reduce;
  std::vector<std::string> requirement_ids;
  std::optional<int> residual_likelihood;
  std::optional<int> residual_consequence;
  std::optional<domain::RiskDecision> decision;
  std::string decision_rationale;
  std::optional<std::string> decided_by;
  std::optional<std::string> decided_at;
  std::optional<std::string> copied_from;  // the risk of an earlier stage it was copied from
  std::string facts_signature;             // the case facts it was assessed on
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// Who took part in one stage's risk assessment.
// One item recorded on a case (a form's answers, a governing document, a framework party,
// a supplier's confirmation): its kind, its key within the kind, and a JSON body.
struct CaseRecord {
  std::string kind;
  std::string key;
  std::string body;  // JSON
  std::int64_t version = 0;  // 0: not stored yet
  std::optional<std::string> updated_by;
  std::string updated_by_name;
  std::string updated_at;
};

struct RiskAssessment {
  domain::RiskStage stage = domain::RiskStage::initial;
  std::vector<std::string> participants;  // user ids
  std::string notes;
  std::int64_t version = 0;  // 0: nothing recorded yet
  std::optional<std::string> updated_by;
  std::string updated_at;
};

struct Decision {
  std::string id;
  std::string case_id;
  int seq = 0;
  domain::Gate gate;
  domain::Outcome outcome;
  std::string rationale;
  std::string decided_by;
  std::string decided_by_name;
  std::string decided_at;
};

struct ActivityState {
  static ActivityState of(std::string key) {
    ActivityState s;
    s.key = std::move(key);
    return s;
  }
  std::string key;
  domain::ActivityStatus status = domain::ActivityStatus::open;
  std::string comment;
  std::optional<std::string> done_by;
  std::string done_by_name;
  std::optional<std::string> done_at;
  std::int64_t version = 0;  // 0: never recorded
};

struct TeamMember {
  std::string user_id;
  std::string display_name;
  std::string competence;
};

// A catalogue or rule set an organisation imported, as the YAML it came in.
struct ContentSource {
  std::string kind;  // catalogue | rule_set
  std::string id;
  int version = 1;
  std::string name;
  std::string yaml;
  std::optional<std::string> imported_by;
  std::string imported_at;
  std::string owner_org_id;  // set when another organisation shared it
};

struct ContentShare {
  std::string owner_org_id;
  std::string owner_name;
  std::string kind;
  std::string id;
  std::string shared_with;
  std::string shared_with_name;
  std::string shared_at;
};

// A supplier of the organisation's register as stored: the details (parent company, Data
// Privacy Framework, certifications, subcontractors, contacts) are JSON read by app/.
struct SupplierRow {
  std::string id;
  std::string name;
  std::string org_number;
  std::string country;
  std::string details;  // JSON
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Tender {
  std::string id;
  std::string case_id;
  std::string supplier_id;
  std::string supplier_name;
  domain::TenderStatus status = domain::TenderStatus::invited;
  std::string service;
  std::optional<std::int64_t> price_sek;
  std::optional<std::string> submitted_at;
  std::optional<std::string> submitted_by;
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct StoredAnswer {
  domain::TenderAnswer answer;
  std::optional<std::string> updated_by;
  std::string updated_at;
};

struct StoredJudgement {
  domain::Judgement judgement;
  std::string judged_by;
  std::string judged_by_name;
  std::string judged_at;
};

// Evidence attached to an answer. `content` (base64) is read only when the file itself is.
struct TenderFile {
  std::string id;
  std::string tender_id;
  std::string requirement_id;
  std::string file_name;
  std::string media_type;
  std::int64_t size = 0;
  std::string content;
  std::optional<std::string> uploaded_by;
  std::string uploaded_at;
};

struct Contract {
  std::string id;
  std::string case_id;
  std::string supplier_id;
  std::string supplier_name;
  std::optional<std::string> tender_id;
  std::string title;
  std::string starts_on;
  std::string ends_on;
  int expiry_alert_months = 12;
  std::string terms;  // JSON
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// Which contracts a list shows; an empty field does not filter.
struct ContractFilter {
  std::string case_id;
  std::string supplier_id;
};

struct ContractMeasure {
  std::string id;
  std::optional<std::string> requirement_id;  // none: an obligation on our side
  std::string text;
  bool mandatory = true;
  std::string plan;  // JSON
  std::int64_t version = 1;
  std::string updated_at;
};

// The controls already answered: (contract, measure, due date) of every follow-up record with a
// due date. Whatever is planned and not in here is due.
using AnsweredControls = std::set<std::tuple<std::string, std::string, std::string>>;

// One contract's rows from rows read for the whole organisation and kept by contract.
template <typename Row>
const std::vector<Row>& rows_of(const std::map<std::string, std::vector<Row>>& by_contract,
                                const std::string& contract_id) {
  static const std::vector<Row> none;
  auto it = by_contract.find(contract_id);
  return it == by_contract.end() ? none : it->second;
}

struct FollowUpRecord {
  std::string id;
  std::string contract_id;
  std::string measure_id;
  std::optional<std::string> due_on;
  std::string result;  // met | partly | not_met
  std::string notes;
  std::string recorded_by;
  std::string recorded_by_name;
  std::string recorded_at;
};

struct Deviation {
  std::string id;
  std::string contract_id;
  std::string measure_id;
  std::string record_id;
  std::string description;
  std::string action_plan;
  std::string deadline;  // YYYY-MM-DD
  std::string owner_user_id;
  std::string status = "open";  // open | closed
  std::string closing_evidence;
  std::optional<std::string> closed_by;
  std::optional<std::string> closed_at;
  std::int64_t version = 1;
  std::string created_at;
};

// One item in the life of a contract (a delivery check, a self-assessment, an incident, an
// informal agreement, a change, the exit plan or an exit check): its kind, its key within
// the kind, and a JSON body.
struct ContractEntry {
  std::string contract_id;
  std::string kind;
  std::string key;
  std::string body;  // JSON
  std::int64_t version = 0;  // 0: not stored yet
  std::string created_by;
  std::string created_at;
  std::string updated_by;
  std::string updated_by_name;
  std::string updated_at;
};

// Evidence for something on a contract; `subject` says what ("record:<id>", …). `content`
// (base64) is read only when the file itself is.
struct ContractFile {
  std::string id;
  std::string contract_id;
  std::string subject;
  std::string file_name;
  std::string media_type;
  std::int64_t size = 0;
  std::string content;
  std::string uploaded_by;
  std::string uploaded_by_name;
  std::string uploaded_at;
};

// A reminder the daily job recorded for one person.
struct Notification {
  std::string id;
  std::string user_id;
  std::string kind;
  std::string subject_key;
  std::string due_on;
  std::string body;  // JSON
  std::string created_at;
  std::optional<std::string> read_at;
  std::optional<std::string> emailed_at;
};

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;
  std::optional<std::string> actor_id;
  std::string actor_name;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::optional<std::string> prev_hash;   // the entry before it in the organisation's chain
  std::optional<std::string> entry_hash;  // over the canonical form (app/audit_chain.hpp)
};

}  // namespace kk::app
