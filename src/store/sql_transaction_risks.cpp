#include <nlohmann/json.hpp>

#include "store/sql_transaction.hpp"

namespace kk::store {
using namespace kk::app;
using namespace kk::domain;
using nlohmann::json;

namespace {
constexpr const char* risk_value_columns =
    "case_id, stage, title, description, asset_ids, aspects, matrix_id, matrix_version, likelihood, consequence, "
    "owner_user_id, treatment, requirement_ids, residual_likelihood, residual_consequence, decision, "
    "decision_rationale, decided_by, decided_at, created_at, updated_at, copied_from, facts_signature";

std::vector<std::string> text_list(const std::string& s) {
  std::vector<std::string> out;
  auto j = json::parse(s, nullptr, false);
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

SqlParams risk_values(const Risk& r) {
  json aspects = json::array();
  for (Aspect a : r.aspects) aspects.push_back(to_string(a));
  return {r.case_id,
          std::string(to_string(r.stage)),
          r.title,
          r.description,
          json(r.asset_ids).dump(),
          aspects.dump(),
          r.matrix_id,
          std::int64_t(r.matrix_version),
          std::int64_t(r.likelihood),
          std::int64_t(r.consequence),
          opt(r.owner_user_id),
          std::string(to_string(r.treatment)),
          json(r.requirement_ids).dump(),
          opt(r.residual_likelihood),
          opt(r.residual_consequence),
          r.decision ? SqlValue(std::string(to_string(*r.decision))) : SqlValue(nullptr),
          r.decision_rationale,
          opt(r.decided_by),
          opt(r.decided_at),
          r.created_at,
          r.updated_at,
          opt(r.copied_from),
          r.facts_signature};
}

Risk risk_from(const SqlRow& row) {
  Risk r;
  r.id = row.text(0);
  r.case_id = row.text(1);
  r.stage = parse_enum<RiskStage>(row.text(2)).value_or(RiskStage::initial);
  r.title = row.text(3);
  r.description = row.text(4);
  r.asset_ids = text_list(row.text(5));
  for (const auto& a : text_list(row.text(6)))
    if (auto aspect = parse_enum<Aspect>(a)) r.aspects.push_back(*aspect);
  r.matrix_id = row.text(7);
  r.matrix_version = static_cast<int>(row.integer(8));
  r.likelihood = static_cast<int>(row.integer(9));
  r.consequence = static_cast<int>(row.integer(10));
  r.owner_user_id = row.opt_text(11);
  r.treatment = parse_enum<Treatment>(row.text(12)).value_or(Treatment::reduce);
  r.requirement_ids = text_list(row.text(13));
  if (auto v = row.opt_integer(14)) r.residual_likelihood = static_cast<int>(*v);
  if (auto v = row.opt_integer(15)) r.residual_consequence = static_cast<int>(*v);
  if (!row.null(16)) r.decision = parse_enum<RiskDecision>(row.text(16));
  r.decision_rationale = row.text(17);
  r.decided_by = row.opt_text(18);
  r.decided_at = row.opt_text(19);
  r.created_at = row.text(20);
  r.updated_at = row.text(21);
  r.copied_from = row.opt_text(22);
  r.facts_signature = row.text(23);
  r.version = row.integer(24);
  return r;
}
}  // namespace

std::vector<Risk> SqlTransaction::risks(const std::string& org_id, const std::string& case_id) {
  std::vector<Risk> out;
  for (const auto& row : db().query(std::string("SELECT risk_id, ") + risk_value_columns +
                                        ", version FROM risks WHERE org_id = ? AND case_id = ? ORDER BY stage, "
                                        "created_at, risk_id",
                                    {org_id, case_id}))
    out.push_back(risk_from(row));
  return out;
}

std::optional<Risk> SqlTransaction::risk(const std::string& org_id, const std::string& risk_id) {
  auto rows = db().query(std::string("SELECT risk_id, ") + risk_value_columns +
                             ", version FROM risks WHERE org_id = ? AND risk_id = ?",
                         {org_id, risk_id});
  if (rows.empty()) return std::nullopt;
  return risk_from(rows[0]);
}

void SqlTransaction::insert_risk(const std::string& org_id, const Risk& r) {
  SqlParams params{org_id, r.id};
  for (auto& v : risk_values(r)) params.push_back(std::move(v));
  params.push_back(r.version);
  db().execute(std::string("INSERT INTO risks (org_id, risk_id, ") + risk_value_columns + ", version) VALUES (" +
                   placeholders(3 + column_count(risk_value_columns)) + ")",
               params);
}

bool SqlTransaction::update_risk(const std::string& org_id, const Risk& r, std::int64_t expected_version) {
  SqlParams params = risk_values(r);
  for (SqlValue v : {SqlValue(org_id), SqlValue(r.id), SqlValue(expected_version)}) params.push_back(std::move(v));
  return db().execute(std::string("UPDATE risks SET ") + assignments(risk_value_columns) +
                          ", version = version + 1 WHERE org_id = ? AND risk_id = ? AND version = ?",
                      params) == 1;
}

void SqlTransaction::delete_risk(const std::string& org_id, const std::string& risk_id) {
  db().execute("DELETE FROM risks WHERE org_id = ? AND risk_id = ?", {org_id, risk_id});
}

std::vector<RiskAssessment> SqlTransaction::risk_assessments(const std::string& org_id, const std::string& case_id) {
  std::vector<RiskAssessment> out;
  for (const auto& row : db().query(
           "SELECT stage, participants, notes, version, updated_by, updated_at FROM risk_assessments "
           "WHERE org_id = ? AND case_id = ? ORDER BY stage",
           {org_id, case_id}))
    out.push_back({parse_enum<RiskStage>(row.text(0)).value_or(RiskStage::initial), text_list(row.text(1)), row.text(2),
                   row.integer(3), row.opt_text(4), row.text(5)});
  return out;
}

bool SqlTransaction::save_risk_assessment(const std::string& org_id, const std::string& case_id,
                                          const RiskAssessment& a, std::int64_t expected_version) {
  if (expected_version == 0)
    return db().execute(
               "INSERT INTO risk_assessments (org_id, case_id, stage, participants, notes, version, updated_by, "
               "updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING",
               {org_id, case_id, std::string(to_string(a.stage)), json(a.participants).dump(), a.notes,
                opt(a.updated_by), a.updated_at}) == 1;
  return db().execute(
             "UPDATE risk_assessments SET participants = ?, notes = ?, updated_by = ?, updated_at = ?, "
             "version = version + 1 WHERE org_id = ? AND case_id = ? AND stage = ? AND version = ?",
             {json(a.participants).dump(), a.notes, opt(a.updated_by), a.updated_at, org_id, case_id,
              std::string(to_string(a.stage)), expected_version}) == 1;
}

}  // namespace kk::store
