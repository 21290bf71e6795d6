// Contracts and their agreed measures.
#include "store/sql_transaction.hpp"

namespace kk::store {
using namespace kk::app;

namespace {
constexpr const char* contract_select =
    "SELECT c.contract_id, c.case_id, c.supplier_id, s.name, c.tender_id, c.title, c.starts_on, c.ends_on, "
    "c.expiry_alert_months, c.terms, c.version, c.created_at, c.updated_at FROM contracts c "
    "JOIN suppliers s ON s.org_id = c.org_id AND s.supplier_id = c.supplier_id ";

Contract contract_from(const SqlRow& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), r.opt_text(4), r.text(5), r.text(6),
          r.text(7), static_cast<int>(r.integer(8)), r.text(9), r.integer(10), r.text(11), r.text(12)};
}
}  // namespace

std::vector<Contract> SqlTransaction::contracts(const std::string& org_id) {
  return contracts_page(org_id, {}, -1, 0);
}

namespace {
// The WHERE clause of a filtered contract list, on the contracts table as c.
std::string contract_where(const std::string& org_id, const ContractFilter& filter, SqlParams& params) {
  std::string where = "WHERE c.org_id = ?";
  params.push_back(org_id);
  if (!filter.case_id.empty()) {
    where += " AND c.case_id = ?";
    params.push_back(filter.case_id);
  }
  if (!filter.supplier_id.empty()) {
    where += " AND c.supplier_id = ?";
    params.push_back(filter.supplier_id);
  }
  return where;
}
}  // namespace

// The index contracts_by_end serves the order and the page (migration 0022).
std::vector<Contract> SqlTransaction::contracts_page(const std::string& org_id, const ContractFilter& filter, int limit,
                                                     std::int64_t offset) {
  SqlParams params;
  std::string sql = std::string(contract_select) + contract_where(org_id, filter, params) +
                    " ORDER BY c.ends_on, c.title, c.contract_id";
  add_page(sql, params, limit, offset);
  std::vector<Contract> out;
  for (const auto& r : db().query(sql, params)) out.push_back(contract_from(r));
  return out;
}

std::int64_t SqlTransaction::count_contracts(const std::string& org_id, const ContractFilter& filter) {
  SqlParams params;
  return db().query("SELECT count(*) FROM contracts c " + contract_where(org_id, filter, params), params).at(0).integer(0);
}

std::optional<Contract> SqlTransaction::contract(const std::string& org_id, const std::string& contract_id) {
  auto rows = db().query(std::string(contract_select) + "WHERE c.org_id = ? AND c.contract_id = ?", {org_id, contract_id});
  if (rows.empty()) return std::nullopt;
  return contract_from(rows[0]);
}

bool SqlTransaction::insert_contract(const std::string& org_id, const Contract& c) {
  return db().execute("INSERT INTO contracts (org_id, contract_id, case_id, supplier_id, tender_id, title, starts_on, "
                      "ends_on, expiry_alert_months, terms, version, created_at, updated_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                      {org_id, c.id, c.case_id, c.supplier_id, opt(c.tender_id), c.title, c.starts_on, c.ends_on,
                       std::int64_t(c.expiry_alert_months), c.terms, c.version, c.created_at, c.updated_at}) == 1;
}

bool SqlTransaction::update_contract(const std::string& org_id, const Contract& c, std::int64_t expected_version) {
  return db().execute("UPDATE contracts SET title = ?, starts_on = ?, ends_on = ?, expiry_alert_months = ?, terms = ?, "
                      "updated_at = ?, version = version + 1 WHERE org_id = ? AND contract_id = ? AND version = ?",
                      {c.title, c.starts_on, c.ends_on, std::int64_t(c.expiry_alert_months), c.terms, c.updated_at,
                       org_id, c.id, expected_version}) == 1;
}

std::vector<ContractMeasure> SqlTransaction::contract_measures(const std::string& org_id, const std::string& contract_id) {
  std::vector<ContractMeasure> out;
  for (const auto& r : db().query("SELECT measure_id, requirement_id, text, mandatory, plan, version, updated_at "
                                  "FROM contract_measures WHERE org_id = ? AND contract_id = ? ORDER BY measure_id",
                                  {org_id, contract_id}))
    out.push_back({r.text(0), r.opt_text(1), r.text(2), r.boolean(3), r.text(4), r.integer(5), r.text(6)});
  return out;
}

std::map<std::string, std::vector<ContractMeasure>> SqlTransaction::measures_by_contract(const std::string& org_id) {
  std::map<std::string, std::vector<ContractMeasure>> out;
  for (const auto& r : db().query("SELECT measure_id, requirement_id, text, mandatory, plan, version, updated_at, contract_id "
                                  "FROM contract_measures WHERE org_id = ? ORDER BY contract_id, measure_id",
                                  {org_id}))
    out[r.text(7)].push_back({r.text(0), r.opt_text(1), r.text(2), r.boolean(3), r.text(4), r.integer(5), r.text(6)});
  return out;
}

void SqlTransaction::insert_contract_measure(const std::string& org_id, const std::string& contract_id,
                                             const ContractMeasure& m) {
  db().execute("INSERT INTO contract_measures (org_id, contract_id, measure_id, requirement_id, text, mandatory, plan, "
               "version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {org_id, contract_id, m.id, opt(m.requirement_id), m.text, std::int64_t(m.mandatory), m.plan, m.version,
                m.updated_at});
}

bool SqlTransaction::update_contract_measure(const std::string& org_id, const std::string& contract_id,
                                             const ContractMeasure& m, std::int64_t expected_version) {
  return db().execute("UPDATE contract_measures SET plan = ?, updated_at = ?, version = version + 1 "
                      "WHERE org_id = ? AND contract_id = ? AND measure_id = ? AND version = ?",
                      {m.plan, m.updated_at, org_id, contract_id, m.id, expected_version}) == 1;
}

}  // namespace kk::store

namespace kk::store {
using namespace kk::app;

std::vector<FollowUpRecord> SqlTransaction::follow_up_records(const std::string& org_id, const std::string& contract_id) {
  std::vector<FollowUpRecord> out;
  std::string where = contract_id.empty() ? "r.org_id = ?" : "r.org_id = ? AND r.contract_id = ?";
  SqlParams params = contract_id.empty() ? SqlParams{org_id} : SqlParams{org_id, contract_id};
  for (const auto& r : db().query(
           "SELECT r.record_id, r.contract_id, r.measure_id, r.due_on, r.result, r.notes, r.recorded_by, "
           "COALESCE(u.display_name, ''), r.recorded_at FROM follow_up_records r "
           "LEFT JOIN users u ON u.org_id = r.org_id AND u.user_id = r.recorded_by WHERE " + where +
               " ORDER BY r.recorded_at, r.record_id",
           params))
    out.push_back({r.text(0), r.text(1), r.text(2), r.opt_text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8)});
  return out;
}

AnsweredControls SqlTransaction::answered_controls(const std::string& org_id) {
  AnsweredControls out;
  for (const auto& r : db().query("SELECT contract_id, measure_id, due_on FROM follow_up_records "
                                  "WHERE org_id = ? AND due_on IS NOT NULL",
                                  {org_id}))
    out.emplace(r.text(0), r.text(1), r.text(2));
  return out;
}

void SqlTransaction::insert_follow_up_record(const std::string& org_id, const FollowUpRecord& r) {
  db().execute("INSERT INTO follow_up_records (org_id, record_id, contract_id, measure_id, due_on, result, notes, "
               "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {org_id, r.id, r.contract_id, r.measure_id, opt(r.due_on), r.result, r.notes, r.recorded_by, r.recorded_at});
}

namespace {
constexpr const char* deviation_columns =
    "deviation_id, contract_id, measure_id, record_id, description, action_plan, deadline, owner_user_id, status, "
    "closing_evidence, closed_by, closed_at, version, created_at";

Deviation deviation_from(const SqlRow& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
          r.text(7), r.text(8), r.text(9), r.opt_text(10), r.opt_text(11), r.integer(12), r.text(13)};
}
}  // namespace

std::vector<Deviation> SqlTransaction::deviations(const std::string& org_id, const std::string& contract_id) {
  std::vector<Deviation> out;
  std::string where = contract_id.empty() ? "org_id = ?" : "org_id = ? AND contract_id = ?";
  SqlParams params = contract_id.empty() ? SqlParams{org_id} : SqlParams{org_id, contract_id};
  for (const auto& r : db().query(std::string("SELECT ") + deviation_columns + " FROM deviations WHERE " + where +
                                      " ORDER BY created_at, deviation_id",
                                  params))
    out.push_back(deviation_from(r));
  return out;
}

std::optional<Deviation> SqlTransaction::deviation(const std::string& org_id, const std::string& deviation_id) {
  auto rows = db().query(std::string("SELECT ") + deviation_columns + " FROM deviations WHERE org_id = ? AND deviation_id = ?",
                         {org_id, deviation_id});
  if (rows.empty()) return std::nullopt;
  return deviation_from(rows[0]);
}

void SqlTransaction::insert_deviation(const std::string& org_id, const Deviation& d) {
  db().execute("INSERT INTO deviations (org_id, " + std::string(deviation_columns) +
                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {org_id, d.id, d.contract_id, d.measure_id, d.record_id, d.description, d.action_plan, d.deadline,
                d.owner_user_id, d.status, d.closing_evidence, opt(d.closed_by), opt(d.closed_at), d.version,
                d.created_at});
}

bool SqlTransaction::update_deviation(const std::string& org_id, const Deviation& d, std::int64_t expected_version) {
  return db().execute("UPDATE deviations SET action_plan = ?, deadline = ?, owner_user_id = ?, status = ?, "
                      "closing_evidence = ?, closed_by = ?, closed_at = ?, version = version + 1 "
                      "WHERE org_id = ? AND deviation_id = ? AND version = ?",
                      {d.action_plan, d.deadline, d.owner_user_id, d.status, d.closing_evidence, opt(d.closed_by),
                       opt(d.closed_at), org_id, d.id, expected_version}) == 1;
}

}  // namespace kk::store
