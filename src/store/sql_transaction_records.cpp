#include "store/sql_transaction.hpp"

namespace kk::store {
using namespace kk::app;

std::vector<CaseRecord> SqlTransaction::case_records(const std::string& org_id, const std::string& case_id,
                                                     const std::string& kind) {
  std::vector<CaseRecord> out;
  for (const auto& row : db().query(
           "SELECT r.kind, r.record_key, r.body, r.version, r.updated_by, COALESCE(u.display_name, ''), r.updated_at "
           "FROM case_records r LEFT JOIN users u ON u.org_id = r.org_id AND u.user_id = r.updated_by "
           "WHERE r.org_id = ? AND r.case_id = ? AND r.kind = ? ORDER BY r.updated_at, r.record_key",
           {org_id, case_id, kind}))
    out.push_back({row.text(0), row.text(1), row.text(2), row.integer(3), row.opt_text(4), row.text(5), row.text(6)});
  return out;
}

// The index case_records_by_kind serves it (migration 0023).
std::vector<std::pair<std::string, CaseRecord>> SqlTransaction::open_case_records(const std::string& org_id,
                                                                                 const std::string& kind) {
  std::vector<std::pair<std::string, CaseRecord>> out;
  for (const auto& row : db().query(
           "SELECT r.case_id, r.kind, r.record_key, r.body, r.version, r.updated_by, r.updated_at FROM case_records r "
           "JOIN cases c ON c.org_id = r.org_id AND c.case_id = r.case_id "
           "WHERE r.org_id = ? AND r.kind = ? AND c.status = 'open' ORDER BY r.case_id, r.record_key",
           {org_id, kind}))
    out.push_back({row.text(0), {row.text(1), row.text(2), row.text(3), row.integer(4), row.opt_text(5), "", row.text(6)}});
  return out;
}

bool SqlTransaction::save_case_record(const std::string& org_id, const std::string& case_id, const CaseRecord& r,
                                      std::int64_t expected_version) {
  if (expected_version == 0)
    return db().execute(
               "INSERT INTO case_records (org_id, case_id, kind, record_key, body, version, updated_by, updated_at) "
               "VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING",
               {org_id, case_id, r.kind, r.key, r.body, opt(r.updated_by), r.updated_at}) == 1;
  return db().execute(
             "UPDATE case_records SET body = ?, updated_by = ?, updated_at = ?, version = version + 1 "
             "WHERE org_id = ? AND case_id = ? AND kind = ? AND record_key = ? AND version = ?",
             {r.body, opt(r.updated_by), r.updated_at, org_id, case_id, r.kind, r.key, expected_version}) == 1;
}

bool SqlTransaction::delete_case_record(const std::string& org_id, const std::string& case_id, const std::string& kind,
                                        const std::string& key, std::int64_t expected_version) {
  return db().execute("DELETE FROM case_records WHERE org_id = ? AND case_id = ? AND kind = ? AND record_key = ? "
                      "AND version = ?",
                      {org_id, case_id, kind, key, expected_version}) == 1;
}

}  // namespace kk::store
