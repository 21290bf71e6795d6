#pragma once
// Where a case's tendering stands, read once per use case: the deadline, whether the tenders
// are opened (and by whom), the evaluation group, the evaluation model and the award. Tender
// contents are sealed until the deadline has passed and the tenders are opened; then the
// evaluation group sees them, and the rest of the organisation after the award decision
// (OSL 19 kap. 3 §).
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "app/actor.hpp"
#include "app/content.hpp"
#include "app/ports.hpp"
#include "domain/case_progress.hpp"
#include "domain/rule_evaluation.hpp"
#include "domain/tender.hpp"

namespace kk::app {

namespace record_kind {
inline constexpr const char* tender_opening = "tender_opening";
inline constexpr const char* evaluation_group = "evaluation_group";
inline constexpr const char* evaluation_model = "evaluation_model";
inline constexpr const char* award = "award";
}  // namespace record_kind

// The one key of the records a case has at most one of.
inline constexpr const char* single_record = "case";

KK_ENUM(NoticeMethod, electronic, other)

struct Award {
  std::string tender_id;
  std::string reasoning;
  NoticeMethod notice = NoticeMethod::electronic;
  std::string decided_at;       // UTC
  std::string standstill_ends;  // UTC: contract_signed is refused until then
  std::int64_t record_version = 0;  // of the stored award it replaces (0: none)
};

struct Tendering {
  Case c;
  domain::CaseProgress progress;
  std::optional<std::string> deadline;  // UTC
  std::optional<CaseRecord> opening;    // body {"opened_at"}; updated_by is who opened
  std::set<std::string> evaluators;     // user ids
  std::int64_t group_version = 0;
  domain::EvaluationModel model;
  std::int64_t model_version = 0;  // 0: no model defined yet
  std::optional<Award> award;

  bool deadline_passed(const std::string& now) const { return deadline && now >= *deadline; }
  bool opened() const { return opening.has_value(); }
  bool awarded() const;
  // Whether a user of the buying organisation sees tender contents.
  bool sees_contents(const Actor& actor) const;
  // Until the award decision every copy of tender contents is marked secret.
  bool secret() const { return !awarded(); }
};

std::optional<Tendering> read_tendering(Transaction& tx, const std::string& org_id, const std::string& case_id);

// Cases that receive tenders (the others confirm measures instead, or are shared services).
bool receives_tenders(domain::CaseKind kind);

// A blocking finding while a case that will evaluate tenders has no evaluation model, or a
// price deduction model lacks the amount of a bör-krav: the model is published with the
// documents, so documents_approved waits for it. `rules` is the evaluation of the case's
// current facts (its entries while nothing is stored).
std::vector<domain::Finding> evaluation_model_findings(Transaction& tx, const Content& content, const Case& c,
                                                       const domain::Evaluation& rules);

nlohmann::json model_json(const domain::EvaluationModel& m);
nlohmann::json award_json(const Award& a);

// Sniffs the type of an evidence file from its first bytes (never from its name): PDF, PNG,
// JPEG, GIF, Office Open XML and OpenDocument (zip) and plain UTF-8 text are accepted.
std::optional<std::string> evidence_media_type(const std::string& bytes);
inline constexpr std::size_t max_evidence_bytes = 10 * 1024 * 1024;

// An evidence file as uploaded, checked: its size, its sniffed type, and a name safe for a
// download header ("bilaga" when none was given).
struct CheckedEvidence {
  std::string name;
  std::string media_type;
};
domain::Result<CheckedEvidence> checked_evidence(const std::string& file_name, const std::string& bytes);

}  // namespace kk::app
