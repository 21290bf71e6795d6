// The supplier register and the tenders of cases.
#include "store/sql_transaction.hpp"

namespace kk::store {
using namespace kk::app;
using namespace kk::domain;

namespace {
constexpr const char* supplier_columns = "supplier_id, name, org_number, country, details, version, created_at, updated_at";

SupplierRow supplier_from(const SqlRow& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.integer(5), r.text(6), r.text(7)};
}
}  // namespace

std::vector<SupplierRow> SqlTransaction::suppliers(const std::string& org_id) { return suppliers_page(org_id, -1, 0); }

// The unique index suppliers_name serves the order and the page.
std::vector<SupplierRow> SqlTransaction::suppliers_page(const std::string& org_id, int limit, std::int64_t offset) {
  std::string sql = std::string("SELECT ") + supplier_columns + " FROM suppliers WHERE org_id = ? ORDER BY name";
  SqlParams params{org_id};
  add_page(sql, params, limit, offset);
  std::vector<SupplierRow> out;
  for (const auto& r : db().query(sql, params)) out.push_back(supplier_from(r));
  return out;
}

std::int64_t SqlTransaction::count_suppliers(const std::string& org_id) {
  return db().query("SELECT count(*) FROM suppliers WHERE org_id = ?", {org_id}).at(0).integer(0);
}

std::optional<SupplierRow> SqlTransaction::supplier(const std::string& org_id, const std::string& supplier_id) {
  auto rows = db().query(std::string("SELECT ") + supplier_columns + " FROM suppliers WHERE org_id = ? AND supplier_id = ?",
                         {org_id, supplier_id});
  if (rows.empty()) return std::nullopt;
  return supplier_from(rows[0]);
}

bool SqlTransaction::insert_supplier(const std::string& org_id, const SupplierRow& s) {
  return db().execute("INSERT INTO suppliers (org_id, " + std::string(supplier_columns) +
                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                      {org_id, s.id, s.name, s.org_number, s.country, s.details, s.version, s.created_at,
                       s.updated_at}) == 1;
}

bool SqlTransaction::update_supplier(const std::string& org_id, const SupplierRow& s, std::int64_t expected_version) {
  return db().execute("UPDATE suppliers SET name = ?, org_number = ?, country = ?, details = ?, updated_at = ?, "
                      "version = version + 1 WHERE org_id = ? AND supplier_id = ? AND version = ?",
                      {s.name, s.org_number, s.country, s.details, s.updated_at, org_id, s.id, expected_version}) == 1;
}

void SqlTransaction::delete_supplier(const std::string& org_id, const std::string& supplier_id) {
  db().execute("DELETE FROM suppliers WHERE org_id = ? AND supplier_id = ?", {org_id, supplier_id});
}

std::int64_t SqlTransaction::count_supplier_tenders(const std::string& org_id, const std::string& supplier_id) {
  return db()
      .query("SELECT COUNT(*) FROM tenders WHERE org_id = ? AND supplier_id = ?", {org_id, supplier_id})[0]
      .integer(0);
}

// ---- tenders ----

std::vector<Tender> SqlTransaction::load_tenders(std::string_view where, const SqlParams& params) {
  std::vector<Tender> out;
  for (const auto& r : db().query(
           "SELECT t.tender_id, t.case_id, t.supplier_id, s.name, t.status, t.service, t.price_sek, t.submitted_at, "
           "t.submitted_by, t.version, t.created_at, t.updated_at FROM tenders t "
           "JOIN suppliers s ON s.org_id = t.org_id AND s.supplier_id = t.supplier_id WHERE " +
               std::string(where) + " ORDER BY s.name, t.tender_id",
           params)) {
    Tender t;
    t.id = r.text(0);
    t.case_id = r.text(1);
    t.supplier_id = r.text(2);
    t.supplier_name = r.text(3);
    t.status = parse_enum<TenderStatus>(r.text(4)).value_or(TenderStatus::invited);
    t.service = r.text(5);
    t.price_sek = r.opt_integer(6);
    t.submitted_at = r.opt_text(7);
    t.submitted_by = r.opt_text(8);
    t.version = r.integer(9);
    t.created_at = r.text(10);
    t.updated_at = r.text(11);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Tender> SqlTransaction::case_tenders(const std::string& org_id, const std::string& case_id) {
  return load_tenders("t.org_id = ? AND t.case_id = ?", {org_id, case_id});
}

std::vector<Tender> SqlTransaction::user_tenders(const std::string& org_id, const std::string& user_id) {
  return load_tenders(
      "t.org_id = ? AND t.tender_id IN (SELECT tender_id FROM tender_users WHERE org_id = ? AND user_id = ?)",
      {org_id, org_id, user_id});
}

std::optional<Tender> SqlTransaction::tender(const std::string& org_id, const std::string& tender_id) {
  auto list = load_tenders("t.org_id = ? AND t.tender_id = ?", {org_id, tender_id});
  if (list.empty()) return std::nullopt;
  return list.front();
}

bool SqlTransaction::insert_tender(const std::string& org_id, const Tender& t) {
  return db().execute("INSERT INTO tenders (org_id, tender_id, case_id, supplier_id, status, service, price_sek, "
                      "submitted_at, submitted_by, version, created_at, updated_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                      {org_id, t.id, t.case_id, t.supplier_id, std::string(to_string(t.status)), t.service,
                       opt(t.price_sek), opt(t.submitted_at), opt(t.submitted_by), t.version, t.created_at,
                       t.updated_at}) == 1;
}

bool SqlTransaction::update_tender(const std::string& org_id, const Tender& t, std::int64_t expected_version) {
  return db().execute("UPDATE tenders SET status = ?, service = ?, price_sek = ?, submitted_at = ?, submitted_by = ?, "
                      "updated_at = ?, version = version + 1 WHERE org_id = ? AND tender_id = ? AND version = ?",
                      {std::string(to_string(t.status)), t.service, opt(t.price_sek), opt(t.submitted_at),
                       opt(t.submitted_by), t.updated_at, org_id, t.id, expected_version}) == 1;
}

std::vector<std::string> SqlTransaction::tender_users(const std::string& org_id, const std::string& tender_id) {
  std::vector<std::string> out;
  for (const auto& r : db().query("SELECT user_id FROM tender_users WHERE org_id = ? AND tender_id = ? ORDER BY invited_at",
                                  {org_id, tender_id}))
    out.push_back(r.text(0));
  return out;
}

bool SqlTransaction::add_tender_user(const std::string& org_id, const std::string& tender_id, const std::string& user_id,
                                     const std::string& now) {
  return db().execute("INSERT INTO tender_users (org_id, tender_id, user_id, invited_at) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT DO NOTHING",
                      {org_id, tender_id, user_id, now}) == 1;
}

std::vector<StoredAnswer> SqlTransaction::tender_answers(const std::string& org_id, const std::string& tender_id) {
  std::vector<StoredAnswer> out;
  for (const auto& r : db().query("SELECT requirement_id, choice, value, comment, secret, secrecy_reason, updated_by, "
                                  "updated_at FROM tender_answers WHERE org_id = ? AND tender_id = ? ORDER BY requirement_id",
                                  {org_id, tender_id})) {
    StoredAnswer a;
    a.answer.requirement_id = r.text(0);
    if (auto c = r.opt_text(1)) a.answer.choice = parse_enum<AnswerChoice>(*c);
    a.answer.value = r.text(2);
    a.answer.comment = r.text(3);
    a.answer.secret = r.boolean(4);
    a.answer.secrecy_reason = r.text(5);
    a.updated_by = r.opt_text(6);
    a.updated_at = r.text(7);
    out.push_back(std::move(a));
  }
  return out;
}

void SqlTransaction::save_tender_answer(const std::string& org_id, const std::string& tender_id, const StoredAnswer& s) {
  const TenderAnswer& a = s.answer;
  SqlValue choice = a.choice ? SqlValue(std::string(to_string(*a.choice))) : SqlValue(nullptr);
  db().execute(
      "INSERT INTO tender_answers (org_id, tender_id, requirement_id, choice, value, comment, secret, secrecy_reason, "
      "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (org_id, tender_id, requirement_id) DO UPDATE SET choice = excluded.choice, value = excluded.value, "
      "comment = excluded.comment, secret = excluded.secret, secrecy_reason = excluded.secrecy_reason, "
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      {org_id, tender_id, a.requirement_id, choice, a.value, a.comment, std::int64_t(a.secret), a.secrecy_reason,
       opt(s.updated_by), s.updated_at});
}

void SqlTransaction::delete_tender_answer(const std::string& org_id, const std::string& tender_id,
                                          const std::string& requirement_id) {
  db().execute("DELETE FROM tender_answers WHERE org_id = ? AND tender_id = ? AND requirement_id = ?",
               {org_id, tender_id, requirement_id});
}

std::vector<StoredJudgement> SqlTransaction::tender_judgements(const std::string& org_id, const std::string& tender_id) {
  std::vector<StoredJudgement> out;
  for (const auto& r : db().query(
           "SELECT j.requirement_id, j.met, j.reasoning, j.judged_by, COALESCE(u.display_name, ''), j.judged_at "
           "FROM tender_judgements j LEFT JOIN users u ON u.org_id = j.org_id AND u.user_id = j.judged_by "
           "WHERE j.org_id = ? AND j.tender_id = ? ORDER BY j.requirement_id",
           {org_id, tender_id}))
    out.push_back({{r.text(0), r.boolean(1), r.text(2)}, r.text(3), r.text(4), r.text(5)});
  return out;
}

void SqlTransaction::save_judgement(const std::string& org_id, const std::string& tender_id, const StoredJudgement& j) {
  db().execute(
      "INSERT INTO tender_judgements (org_id, tender_id, requirement_id, met, reasoning, judged_by, judged_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, tender_id, requirement_id) DO UPDATE SET met = excluded.met, "
      "reasoning = excluded.reasoning, judged_by = excluded.judged_by, judged_at = excluded.judged_at",
      {org_id, tender_id, j.judgement.requirement_id, std::int64_t(j.judgement.met), j.judgement.reasoning, j.judged_by,
       j.judged_at});
}

void SqlTransaction::delete_judgement(const std::string& org_id, const std::string& tender_id,
                                      const std::string& requirement_id) {
  db().execute("DELETE FROM tender_judgements WHERE org_id = ? AND tender_id = ? AND requirement_id = ?",
               {org_id, tender_id, requirement_id});
}

namespace {
constexpr const char* file_columns = "file_id, tender_id, requirement_id, file_name, media_type, size_bytes, uploaded_by, uploaded_at";

TenderFile file_from(const SqlRow& r) {
  TenderFile f;
  f.id = r.text(0);
  f.tender_id = r.text(1);
  f.requirement_id = r.text(2);
  f.file_name = r.text(3);
  f.media_type = r.text(4);
  f.size = r.integer(5);
  f.uploaded_by = r.opt_text(6);
  f.uploaded_at = r.text(7);
  return f;
}
}  // namespace

std::vector<TenderFile> SqlTransaction::tender_files(const std::string& org_id, const std::string& tender_id) {
  std::vector<TenderFile> out;
  for (const auto& r : db().query(std::string("SELECT ") + file_columns +
                                      " FROM tender_files WHERE org_id = ? AND tender_id = ? ORDER BY requirement_id, uploaded_at",
                                  {org_id, tender_id}))
    out.push_back(file_from(r));
  return out;
}

std::optional<TenderFile> SqlTransaction::tender_file(const std::string& org_id, const std::string& file_id) {
  auto rows = db().query(std::string("SELECT ") + file_columns + ", content FROM tender_files WHERE org_id = ? AND file_id = ?",
                         {org_id, file_id});
  if (rows.empty()) return std::nullopt;
  TenderFile f = file_from(rows[0]);
  f.content = rows[0].text(8);
  return f;
}

void SqlTransaction::insert_tender_file(const std::string& org_id, const TenderFile& f) {
  db().execute("INSERT INTO tender_files (org_id, " + std::string(file_columns) +
                   ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {org_id, f.id, f.tender_id, f.requirement_id, f.file_name, f.media_type, f.size, opt(f.uploaded_by),
                f.uploaded_at, f.content});
}

void SqlTransaction::delete_tender_file(const std::string& org_id, const std::string& file_id) {
  db().execute("DELETE FROM tender_files WHERE org_id = ? AND file_id = ?", {org_id, file_id});
}

}  // namespace kk::store
