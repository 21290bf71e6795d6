#include "app/tendering.hpp"

#include "app/case_records.hpp"
#include "app/clock.hpp"
#include "app/input.hpp"
#include "domain/text.hpp"
#include "domain/deadline.hpp"
#include "domain/specification.hpp"

namespace kk::app {
using namespace kk::domain;
using nlohmann::json;

namespace {
std::optional<CaseRecord> single(Transaction& tx, const Case& c, const char* kind) {
  return find_case_record(tx, c, kind, single_record);
}
}  // namespace

bool Tendering::awarded() const { return award.has_value() && progress.passed(Gate::award_decided); }

bool Tendering::sees_contents(const Actor& actor) const {
  if (actor.user.is_supplier() || !opened()) return false;
  return awarded() || evaluators.count(actor.user.id) > 0;
}

std::optional<Tendering> read_tendering(Transaction& tx, const std::string& org_id, const std::string& case_id) {
  auto c = tx.get_case(org_id, case_id);
  if (!c) return std::nullopt;
  Tendering t;
  t.c = *c;
  t.progress = progress_of(tx, *c);
  if (c->tender_deadline) t.deadline = parse_moment(*c->tender_deadline);
  t.opening = single(tx, *c, record_kind::tender_opening);
  if (auto g = single(tx, *c, record_kind::evaluation_group)) {
    json body = object_of(g->body);
    // Only those still in the case's team evaluate: leaving the team ends the access.
    std::set<std::string> team;
    for (const auto& m : tx.team(org_id, case_id)) team.insert(m.user_id);
    if (body.contains("user_ids") && body["user_ids"].is_array())
      for (const auto& id : body["user_ids"])
        if (id.is_string() && team.count(id.get<std::string>())) t.evaluators.insert(id.get<std::string>());
    t.group_version = g->version;
  }
  if (auto m = single(tx, *c, record_kind::evaluation_model)) {
    json body = object_of(m->body);
    t.model.method = parse_enum<EvaluationMethod>(body.value("method", "points")).value_or(EvaluationMethod::points);
    if (body.contains("deductions") && body["deductions"].is_object())
      for (const auto& [id, amount] : body["deductions"].items())
        if (amount.is_number_integer()) t.model.deductions[id] = amount.get<std::int64_t>();
    t.model_version = m->version;
  }
  if (auto a = single(tx, *c, record_kind::award)) {
    json body = object_of(a->body);
    t.award = Award{body.value("tender_id", ""), body.value("reasoning", ""),
                    parse_enum<NoticeMethod>(body.value("notice", "electronic")).value_or(NoticeMethod::electronic),
                    body.value("decided_at", ""), body.value("standstill_ends", "")};
    t.award->record_version = a->version;
  }
  return t;
}

bool receives_tenders(CaseKind kind) {
  return kind == CaseKind::procurement || kind == CaseKind::call_off || kind == CaseKind::framework_agreement;
}

std::vector<Finding> evaluation_model_findings(Transaction& tx, const Content& content, const Case& c,
                                               const Evaluation& rules) {
  // A call-off evaluates tenders only in a renewed competition.
  bool evaluates = c.kind == CaseKind::procurement || c.kind == CaseKind::framework_agreement ||
                   (c.kind == CaseKind::call_off && c.procedure == Procedure::mini_competition);
  if (!evaluates || c.status != CaseStatus::open) return {};
  auto finding = [&](const std::string& key, const std::map<std::string, std::string>& params) {
    auto text = [&](Language lang) { return content.messages.text(lang, key, params); };
    return Finding{Severity::block, Localized{text(Language::sv), text(Language::en)}, Gate::documents_approved,
                   Reason{"utvardering", 1, "utvarderingsmodell", {}}};
  };
  auto model = single(tx, c, record_kind::evaluation_model);
  if (!model) return {finding("finding.evaluation_model_missing", {})};
  json body = object_of(model->body);
  if (body.value("method", "points") != "price_deduction") return {};
  // The bör-krav of the specification as it stands: stored, or computed from the facts.
  std::vector<std::string> bor;
  if (tx.specification(c.org_id, c.id)) {
    for (const auto& e : tx.specification_entries(c.org_id, c.id))
      if (e.status == EntryStatus::active && e.kind == RequirementKind::bor) bor.push_back(e.requirement_id);
  } else {
    for (const auto& e : rules.entries)
      if (e.kind == RequirementKind::bor) bor.push_back(e.requirement_id);
  }
  std::string missing;
  const json deductions = body.value("deductions", json::object());
  for (const auto& id : bor)
    if (!deductions.contains(id)) missing += (missing.empty() ? "" : ", ") + id;
  if (missing.empty()) return {};
  return {finding("finding.deductions_missing", {{"requirements", missing}})};
}

json model_json(const EvaluationModel& m) {
  json deductions = json::object();
  for (const auto& [id, amount] : m.deductions) deductions[id] = amount;
  return {{"method", to_string(m.method)}, {"deductions", deductions}};
}

json award_json(const Award& a) {
  return {{"tender_id", a.tender_id},   {"reasoning", a.reasoning},
          {"notice", to_string(a.notice)}, {"decided_at", a.decided_at},
          {"standstill_ends", a.standstill_ends}, {"standstill_ends_local", stockholm_time(a.standstill_ends)}};
}

Result<CheckedEvidence> checked_evidence(const std::string& file_name, const std::string& bytes) {
  if (bytes.size() > max_evidence_bytes)
    return Error::unprocessable("error.file_too_large", "file").with("max", std::to_string(max_evidence_bytes / (1024 * 1024)));
  auto type = evidence_media_type(bytes);
  if (!type) return Error::unprocessable("error.file_type", "file");
  std::string name = file_name.empty() ? "bilaga" : file_name;
  if (utf8_length(name) > input::short_text || name.find_first_of("/\\\r\n\"") != std::string::npos)
    return Error::unprocessable("error.file_name", "file_name");
  return CheckedEvidence{name, *type};
}

std::optional<std::string> evidence_media_type(const std::string& b) {
  auto at = [&](std::size_t pos, std::string_view magic) {
    return b.size() >= pos + magic.size() && b.compare(pos, magic.size(), magic) == 0;
  };
  auto starts = [&](std::string_view magic) { return at(0, magic); };
  if (b.empty()) return std::nullopt;
  if (starts("%PDF-")) return "application/pdf";
  if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts("\xff\xd8\xff")) return "image/jpeg";
  if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
  if (starts(std::string_view("PK\x03\x04", 4))) {
    // Office documents are zip archives that name their parts; other archives are refused.
    if (b.find("[Content_Types].xml") != std::string::npos) {
      if (b.find("word/") != std::string::npos)
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      if (b.find("xl/") != std::string::npos)
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      if (b.find("ppt/") != std::string::npos)
        return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    }
    // OpenDocument: the first entry is "mimetype", stored uncompressed.
    for (const char* type : {"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet"})
      if (at(30, "mimetype") && at(38, type)) return std::string(type);
    return std::nullopt;
  }
  // Plain text: valid UTF-8 without control characters other than tab and line breaks.
  std::size_t i = 0;
  while (i < b.size()) {
    unsigned char ch = static_cast<unsigned char>(b[i]);
    if (ch < 0x80) {
      if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') return std::nullopt;
      ++i;
      continue;
    }
    int extra = (ch & 0xE0) == 0xC0 ? 1 : (ch & 0xF0) == 0xE0 ? 2 : (ch & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0) return std::nullopt;
    for (int k = 1; k <= extra; ++k)
      if (i + k >= b.size() || (static_cast<unsigned char>(b[i + k]) & 0xC0) != 0x80) return std::nullopt;
    i += extra + 1;
  }
  return "text/plain; charset=utf-8";
}

}  // namespace kk::app
