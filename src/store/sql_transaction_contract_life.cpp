// The life of a contract beyond its controls (entries and evidence files), personal calendar
// feeds, notifications and the once-a-day claim of a job.
#include "store/sql_transaction.hpp"

namespace kk::store {
using namespace kk::app;

std::vector<ContractEntry> SqlTransaction::contract_entries(const std::string& org_id, const std::string& contract_id,
                                                            const std::string& kind) {
  std::string where = contract_id.empty() ? "e.org_id = ? AND e.kind = ?" : "e.org_id = ? AND e.contract_id = ? AND e.kind = ?";
  SqlParams params = contract_id.empty() ? SqlParams{org_id, kind} : SqlParams{org_id, contract_id, kind};
  std::vector<ContractEntry> out;
  for (const auto& r : db().query(
           "SELECT e.contract_id, e.kind, e.entry_key, e.body, e.version, e.created_by, e.created_at, e.updated_by, "
           "COALESCE(u.display_name, ''), e.updated_at FROM contract_entries e "
           "LEFT JOIN users u ON u.org_id = e.org_id AND u.user_id = e.updated_by WHERE " + where +
               " ORDER BY e.created_at, e.entry_key",
           params))
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4), r.text(5), r.text(6), r.text(7), r.text(8),
                   r.text(9)});
  return out;
}

bool SqlTransaction::save_contract_entry(const std::string& org_id, const ContractEntry& e,
                                         std::int64_t expected_version) {
  if (expected_version == 0)
    return db().execute("INSERT INTO contract_entries (org_id, contract_id, kind, entry_key, body, version, created_by, "
                        "created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        {org_id, e.contract_id, e.kind, e.key, e.body, e.created_by, e.created_at, e.updated_by,
                         e.updated_at}) == 1;
  return db().execute("UPDATE contract_entries SET body = ?, updated_by = ?, updated_at = ?, version = version + 1 "
                      "WHERE org_id = ? AND contract_id = ? AND kind = ? AND entry_key = ? AND version = ?",
                      {e.body, e.updated_by, e.updated_at, org_id, e.contract_id, e.kind, e.key, expected_version}) == 1;
}

namespace {
constexpr const char* file_columns =
    "f.file_id, f.contract_id, f.subject, f.file_name, f.media_type, f.size_bytes, f.uploaded_by, "
    "COALESCE(u.display_name, ''), f.uploaded_at";
constexpr const char* file_join = " FROM contract_files f LEFT JOIN users u ON u.org_id = f.org_id AND u.user_id = f.uploaded_by ";

ContractFile file_from(const SqlRow& r) {
  ContractFile f;
  f.id = r.text(0);
  f.contract_id = r.text(1);
  f.subject = r.text(2);
  f.file_name = r.text(3);
  f.media_type = r.text(4);
  f.size = r.integer(5);
  f.uploaded_by = r.text(6);
  f.uploaded_by_name = r.text(7);
  f.uploaded_at = r.text(8);
  return f;
}
}  // namespace

std::vector<ContractFile> SqlTransaction::contract_files(const std::string& org_id, const std::string& contract_id) {
  std::vector<ContractFile> out;
  for (const auto& r : db().query(std::string("SELECT ") + file_columns + file_join +
                                      "WHERE f.org_id = ? AND f.contract_id = ? ORDER BY f.uploaded_at, f.file_id",
                                  {org_id, contract_id}))
    out.push_back(file_from(r));
  return out;
}

std::optional<ContractFile> SqlTransaction::contract_file(const std::string& org_id, const std::string& file_id) {
  auto rows = db().query(std::string("SELECT ") + file_columns + ", f.content" + file_join +
                             "WHERE f.org_id = ? AND f.file_id = ?",
                         {org_id, file_id});
  if (rows.empty()) return std::nullopt;
  ContractFile f = file_from(rows[0]);
  f.content = rows[0].text(9);
  return f;
}

void SqlTransaction::insert_contract_file(const std::string& org_id, const ContractFile& f) {
  db().execute("INSERT INTO contract_files (org_id, file_id, contract_id, subject, file_name, media_type, size_bytes, "
               "content, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {org_id, f.id, f.contract_id, f.subject, f.file_name, f.media_type, f.size, f.content, f.uploaded_by,
                f.uploaded_at});
}

void SqlTransaction::delete_contract_file(const std::string& org_id, const std::string& file_id) {
  db().execute("DELETE FROM contract_files WHERE org_id = ? AND file_id = ?", {org_id, file_id});
}

void SqlTransaction::set_calendar_feed(const std::string& org_id, const std::string& user_id,
                                       const std::string& token_hash, const std::string& now) {
  db().execute("DELETE FROM calendar_feeds WHERE org_id = ? AND user_id = ?", {org_id, user_id});
  db().execute("INSERT INTO calendar_feeds (org_id, user_id, token_hash, created_at) VALUES (?, ?, ?, ?)",
               {org_id, user_id, token_hash, now});
}

bool SqlTransaction::delete_calendar_feed(const std::string& org_id, const std::string& user_id) {
  return db().execute("DELETE FROM calendar_feeds WHERE org_id = ? AND user_id = ?", {org_id, user_id}) == 1;
}

bool SqlTransaction::has_calendar_feed(const std::string& org_id, const std::string& user_id) {
  return !db().query("SELECT 1 FROM calendar_feeds WHERE org_id = ? AND user_id = ?", {org_id, user_id}).empty();
}

std::optional<User> SqlTransaction::calendar_feed_user(const std::string& token_hash) {
  auto rows = db().query("SELECT org_id, user_id FROM calendar_feeds WHERE token_hash = ?", {token_hash});
  if (rows.empty()) return std::nullopt;
  return user(rows[0].text(0), rows[0].text(1));
}

bool SqlTransaction::insert_notification(const std::string& org_id, const Notification& n) {
  return db().execute("INSERT INTO notifications (org_id, notification_id, user_id, kind, subject_key, due_on, body, "
                      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                      {org_id, n.id, n.user_id, n.kind, n.subject_key, n.due_on, n.body, n.created_at}) == 1;
}

std::vector<Notification> SqlTransaction::notifications(const std::string& org_id, const std::string& user_id,
                                                        bool unread_only) {
  return notifications_page(org_id, user_id, unread_only, -1, 0);
}

// The index notifications_by_due serves the order and the page (migration 0022).
std::vector<Notification> SqlTransaction::notifications_page(const std::string& org_id, const std::string& user_id,
                                                             bool unread_only, int limit, std::int64_t offset) {
  std::string sql = std::string("SELECT notification_id, user_id, kind, subject_key, due_on, body, created_at, read_at, "
                                "emailed_at FROM notifications WHERE org_id = ? AND user_id = ?") +
                    (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY due_on, created_at, notification_id";
  SqlParams params{org_id, user_id};
  add_page(sql, params, limit, offset);
  std::vector<Notification> out;
  for (const auto& r : db().query(sql, params))
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.opt_text(7),
                   r.opt_text(8)});
  return out;
}

std::int64_t SqlTransaction::count_notifications(const std::string& org_id, const std::string& user_id,
                                                 bool unread_only) {
  return db().query(std::string("SELECT count(*) FROM notifications WHERE org_id = ? AND user_id = ?") +
                        (unread_only ? " AND read_at IS NULL" : ""),
                    {org_id, user_id})
      .at(0)
      .integer(0);
}

bool SqlTransaction::mark_notification_read(const std::string& org_id, const std::string& user_id,
                                            const std::string& notification_id, const std::string& now) {
  return db().execute("UPDATE notifications SET read_at = ? WHERE org_id = ? AND user_id = ? AND notification_id = ? "
                      "AND read_at IS NULL",
                      {now, org_id, user_id, notification_id}) == 1;
}

void SqlTransaction::mark_notifications_emailed(const std::string& org_id, const std::vector<std::string>& ids,
                                               const std::string& now) {
  for (const auto& id : ids)
    db().execute("UPDATE notifications SET emailed_at = ? WHERE org_id = ? AND notification_id = ?", {now, org_id, id});
}

domain::ThrottleState SqlTransaction::sign_in_throttle(const std::string& subject) {
  auto rows = db().query("SELECT failures, window_start, locked_until FROM sign_in_throttle WHERE subject = ?", {subject});
  if (rows.empty()) return {};
  return {static_cast<int>(rows[0].integer(0)), rows[0].text(1), rows[0].opt_text(2)};
}

void SqlTransaction::save_sign_in_throttle(const std::string& subject, const domain::ThrottleState& s) {
  db().execute("DELETE FROM sign_in_throttle WHERE subject = ?", {subject});
  if (s == domain::ThrottleState{}) return;
  db().execute("INSERT INTO sign_in_throttle (subject, failures, window_start, locked_until) VALUES (?, ?, ?, ?)",
               {subject, std::int64_t(s.failures), s.window_start, opt(s.locked_until)});
}

std::vector<std::string> SqlTransaction::organisation_ids() {
  std::vector<std::string> out;
  for (const auto& r : db().query("SELECT org_id FROM organisations ORDER BY org_id", {})) out.push_back(r.text(0));
  return out;
}

bool SqlTransaction::claim_daily_job(const std::string& job, const std::string& day, const std::string& now) {
  // One statement per engine-neutral step: insert the first run, or move the day forward.
  if (db().execute("INSERT INTO job_runs (job, last_day, ran_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                   {job, day, now}) == 1)
    return true;
  return db().execute("UPDATE job_runs SET last_day = ?, ran_at = ? WHERE job = ? AND last_day < ?",
                      {day, now, job, day}) == 1;
}

}  // namespace kk::store
