#pragma once
// What is recorded on a case besides its process, and how rules see it: the guided forms'
// answers, the governing documents that apply (MSB guidance 3.2.4), the organisations that
// will call off from a framework agreement being established, and the supplier's
// confirmation of each measure. Each kind is stored as case records (ports.hpp) with a
// JSON body this file reads.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/content.hpp"
#include "app/ports.hpp"
#include "domain/case_facts.hpp"
#include "domain/case_progress.hpp"
#include "domain/case_form.hpp"
#include "domain/classification.hpp"

namespace kk::app {

namespace record_kind {
inline constexpr const char* form = "form";
inline constexpr const char* governing_document = "governing_document";
inline constexpr const char* framework_party = "framework_party";
inline constexpr const char* confirmation = "confirmation";
}  // namespace record_kind

KK_ENUM(DocumentOrigin, internal, external)
KK_ENUM(DocumentCategory, policy, guideline, sourcing_strategy, routine, law, regulation, agreement, standard, other)

// One record of a kind by its key, when recorded.
std::optional<CaseRecord> find_case_record(Transaction& tx, const Case& c, const std::string& kind,
                                           const std::string& key);
// A stored JSON body as an object (an empty one when it is not: it was checked when written).
nlohmann::json object_of(const std::string& body);

// Where the case stands, replayed from its decision log (given, or read).
domain::CaseProgress progress_of(const std::vector<Decision>& decisions);
domain::CaseProgress progress_of(Transaction& tx, const Case& c);

// A form's answers from a record body: {"answers": {key: {"value", "reasoning"}}}.
domain::FormAnswers form_answers(const std::string& body);
nlohmann::json form_answers_json(const domain::FormAnswers& answers);

// The sources of the case classification: its linked assets and, for a framework agreement
// being established, the need each calling-off organisation recorded.
std::vector<domain::ClassifiedAsset> classification_sources(Transaction& tx, const Case& c);

// The facts rules read about the case: the case and its assets, the organisation's kind,
// and what its forms and registers record.
domain::CaseFacts read_case_facts(Transaction& tx, const Content& content, const Case& c);

}  // namespace kk::app
