#include "store/sql_transaction.hpp"

#include <map>

namespace kk::store {
using namespace kk::app;
using namespace kk::domain;

SqlTransaction::SqlTransaction(SqlStore::Lease lease, bool write) : lease_(std::move(lease)) { db().begin(write); }

SqlTransaction::~SqlTransaction() {
  if (!done_) {
    try {
      db().rollback();
    } catch (...) {
      // The connection is broken; the pool's health check reconnects it.
    }
  }
}

void SqlTransaction::commit() {
  db().commit();
  done_ = true;
}

// ---- organisations ----

namespace {
constexpr const char* org_columns =
    "org_id, name, org_number, kind, language, classification_model, version, created_at, catalogue_id, risk_matrix, "
    "archive_retention_years";

Organisation org_from(const SqlRow& r) {
  Organisation o;
  o.id = r.text(0);
  o.name = r.text(1);
  o.org_number = r.text(2);
  o.kind = parse_enum<OrgKind>(r.text(3)).value_or(OrgKind::municipality);
  o.language = parse_enum<Language>(r.text(4)).value_or(Language::sv);
  o.classification_model = r.text(5);
  o.version = r.integer(6);
  o.created_at = r.text(7);
  o.catalogue_id = r.text(8);
  o.risk_matrix = r.text(9);
  o.archive_retention_years = r.opt_integer(10);
  return o;
}
}  // namespace

std::optional<Organisation> SqlTransaction::organisation(const std::string& org_id) {
  auto rows = db().query(std::string("SELECT ") + org_columns + " FROM organisations WHERE org_id = ?", {org_id});
  if (rows.empty()) return std::nullopt;
  return org_from(rows[0]);
}

std::optional<Organisation> SqlTransaction::organisation_by_name(const std::string& name) {
  auto rows = db().query(std::string("SELECT ") + org_columns + " FROM organisations WHERE name = ?", {name});
  if (rows.empty()) return std::nullopt;
  return org_from(rows[0]);
}

void SqlTransaction::insert_organisation(const Organisation& o) {
  db().execute(
      "INSERT INTO organisations (org_id, name, org_number, kind, language, classification_model, version, "
      "created_at, catalogue_id, risk_matrix) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {o.id, o.name, o.org_number, std::string(to_string(o.kind)), std::string(to_string(o.language)),
       o.classification_model, o.version, o.created_at, o.catalogue_id, o.risk_matrix});
}

bool SqlTransaction::update_organisation(const Organisation& o, std::int64_t expected_version) {
  return db().execute(
             "UPDATE organisations SET name = ?, org_number = ?, kind = ?, language = ?, classification_model = ?, "
             "catalogue_id = ?, risk_matrix = ?, archive_retention_years = ?, version = version + 1 "
             "WHERE org_id = ? AND version = ?",
             {o.name, o.org_number, std::string(to_string(o.kind)), std::string(to_string(o.language)),
              o.classification_model, o.catalogue_id, o.risk_matrix, opt(o.archive_retention_years), o.id,
              expected_version}) == 1;
}

std::int64_t SqlTransaction::next_audit_seq(const std::string& org_id) {
  // Also serialises writers of one organisation on PostgreSQL (row lock until commit).
  auto rows = db().query("UPDATE organisations SET audit_seq = audit_seq + 1 WHERE org_id = ? RETURNING audit_seq",
                         {org_id});
  return rows.empty() ? 0 : rows[0].integer(0);
}

std::int64_t SqlTransaction::count_users() { return db().query("SELECT COUNT(*) FROM users")[0].integer(0); }

// ---- users ----

namespace {
constexpr const char* user_columns =
    "org_id, user_id, username, display_name, active, version, created_at, supplier_id, email";
}

std::vector<User> SqlTransaction::load_users(const SqlRows& rows) {
  std::vector<User> users;
  for (const auto& r : rows) {
    User u;
    u.org_id = r.text(0);
    u.id = r.text(1);
    u.username = r.text(2);
    u.display_name = r.text(3);
    u.active = r.boolean(4);
    u.version = r.integer(5);
    u.created_at = r.text(6);
    u.supplier_id = r.opt_text(7);
    u.email = r.text(8);
    users.push_back(std::move(u));
  }
  if (users.empty()) return users;
  // One user (every signed-in request) reads its own roles; a list reads the organisation's once.
  auto roles = users.size() == 1
                   ? db().query("SELECT user_id, role FROM user_roles WHERE org_id = ? AND user_id = ?",
                                {users.front().org_id, users.front().id})
                   : db().query("SELECT user_id, role FROM user_roles WHERE org_id = ?", {users.front().org_id});
  std::map<std::string, User*> by_id;
  for (auto& u : users) by_id[u.id] = &u;
  for (const auto& r : roles)
    if (auto it = by_id.find(r.text(0)); it != by_id.end())
      if (auto role = parse_enum<Role>(r.text(1))) it->second->roles.insert(*role);
  return users;
}

std::optional<User> SqlTransaction::user(const std::string& org_id, const std::string& user_id) {
  auto users = load_users(db().query(
      std::string("SELECT ") + user_columns + " FROM users WHERE org_id = ? AND user_id = ?", {org_id, user_id}));
  if (users.empty()) return std::nullopt;
  return users[0];
}

std::optional<Credentials> SqlTransaction::credentials_by_username(const std::string& username) {
  auto rows = db().query(std::string("SELECT ") + user_columns + ", password_hash FROM users WHERE username = ?",
                         {username});
  if (rows.empty()) return std::nullopt;
  std::string hash = rows[0].text(9);  // after the user columns
  auto users = load_users(rows);
  return Credentials{users[0], hash};
}

std::vector<User> SqlTransaction::users(const std::string& org_id) { return users_page(org_id, -1, 0); }

// The index users_by_name serves the order and the page (migration 0022).
std::vector<User> SqlTransaction::users_page(const std::string& org_id, int limit, std::int64_t offset) {
  std::string sql = std::string("SELECT ") + user_columns + " FROM users WHERE org_id = ? ORDER BY display_name, username";
  SqlParams params{org_id};
  add_page(sql, params, limit, offset);
  return load_users(db().query(sql, params));
}

std::int64_t SqlTransaction::count_org_users(const std::string& org_id) {
  return db().query("SELECT count(*) FROM users WHERE org_id = ?", {org_id}).at(0).integer(0);
}

void SqlTransaction::insert_user(const User& u, const std::string& password_hash) {
  db().execute(
      "INSERT INTO users (org_id, user_id, username, display_name, password_hash, active, version, created_at, "
      "supplier_id, email) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {u.org_id, u.id, u.username, u.display_name, password_hash, std::int64_t(u.active), u.version, u.created_at,
       opt(u.supplier_id), u.email});
  for (Role r : u.roles)
    db().execute("INSERT INTO user_roles (org_id, user_id, role) VALUES (?, ?, ?)",
                 {u.org_id, u.id, std::string(to_string(r))});
}

bool SqlTransaction::update_user(const User& u, std::int64_t expected_version) {
  if (db().execute("UPDATE users SET display_name = ?, active = ?, email = ?, version = version + 1 "
                   "WHERE org_id = ? AND user_id = ? AND version = ?",
                   {u.display_name, std::int64_t(u.active), u.email, u.org_id, u.id, expected_version}) != 1)
    return false;
  db().execute("DELETE FROM user_roles WHERE org_id = ? AND user_id = ?", {u.org_id, u.id});
  for (Role r : u.roles)
    db().execute("INSERT INTO user_roles (org_id, user_id, role) VALUES (?, ?, ?)",
                 {u.org_id, u.id, std::string(to_string(r))});
  return true;
}

void SqlTransaction::set_password(const std::string& org_id, const std::string& user_id, const std::string& hash) {
  db().execute("UPDATE users SET password_hash = ?, version = version + 1 WHERE org_id = ? AND user_id = ?",
               {hash, org_id, user_id});
}

// ---- sessions and tokens ----

void SqlTransaction::insert_session(const std::string& token_hash, const std::string& org_id,
                                    const std::string& user_id, const std::string& csrf_token,
                                    const std::string& now, const std::string& expires) {
  db().execute(
      "INSERT INTO sessions (token_hash, org_id, user_id, csrf_token, created_at, expires_at, last_seen) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {token_hash, org_id, user_id, csrf_token, now, expires, now});
}

std::optional<AuthenticatedSession> SqlTransaction::session(const std::string& token_hash, const std::string& now) {
  auto rows = db().query("SELECT org_id, user_id, csrf_token, COALESCE(last_seen, created_at) FROM sessions "
                         "WHERE token_hash = ? AND expires_at > ?",
                         {token_hash, now});
  if (rows.empty()) return std::nullopt;
  auto u = user(rows[0].text(0), rows[0].text(1));
  if (!u || !u->active) return std::nullopt;
  return AuthenticatedSession{*u, rows[0].text(2), rows[0].text(3)};
}

void SqlTransaction::touch_session(const std::string& token_hash, const std::string& now) {
  db().execute("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", {now, token_hash});
}

void SqlTransaction::delete_session(const std::string& token_hash) {
  db().execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void SqlTransaction::delete_expired_sessions(const std::string& now) {
  db().execute("DELETE FROM sessions WHERE expires_at <= ?", {now});
}

void SqlTransaction::delete_user_sessions(const std::string& org_id, const std::string& user_id) {
  db().execute("DELETE FROM sessions WHERE org_id = ? AND user_id = ?", {org_id, user_id});
}

void SqlTransaction::insert_token(const std::string& token_hash, const std::string& org_id,
                                  const std::string& token_id, const std::string& user_id, const std::string& now,
                                  const std::optional<std::string>& expires) {
  db().execute(
      "INSERT INTO api_tokens (token_hash, org_id, token_id, user_id, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {token_hash, org_id, token_id, user_id, now, opt(expires)});
}

std::optional<User> SqlTransaction::token_user(const std::string& token_hash, const std::string& now) {
  auto rows = db().query(
      "SELECT org_id, user_id FROM api_tokens WHERE token_hash = ? AND (expires_at IS NULL OR expires_at > ?)",
      {token_hash, now});
  if (rows.empty()) return std::nullopt;
  auto u = user(rows[0].text(0), rows[0].text(1));
  if (!u || !u->active) return std::nullopt;
  return u;
}

// ---- audit ----

namespace {
constexpr const char* audit_columns =
    "seq, at, actor_id, actor_name, action, object_type, object_id, before_json, after_json, prev_hash, entry_hash";

std::vector<AuditEntry> audit_entries(const SqlRows& rows) {
  std::vector<AuditEntry> entries;
  for (const auto& r : rows)
    entries.push_back({r.integer(0), r.text(1), r.opt_text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                       r.opt_text(7), r.opt_text(8), r.opt_text(9), r.opt_text(10)});
  return entries;
}
}  // namespace

void SqlTransaction::insert_audit(const std::string& org_id, const AuditEntry& e) {
  db().execute("INSERT INTO audit_log (org_id, " + std::string(audit_columns) + ") VALUES (?, " +
                   placeholders(column_count(audit_columns)) + ")",
               {org_id, e.seq, e.at, opt(e.actor_id), e.actor_name, e.action, e.object_type, e.object_id,
                opt(e.before_json), opt(e.after_json), opt(e.prev_hash), opt(e.entry_hash)});
}

std::vector<AuditEntry> SqlTransaction::audit(const std::string& org_id, std::int64_t before_seq, int limit) {
  return audit_entries(db().query(std::string("SELECT ") + audit_columns +
                                      " FROM audit_log WHERE org_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                                  {org_id, before_seq, std::int64_t(limit)}));
}

std::vector<AuditEntry> SqlTransaction::audit_ascending(const std::string& org_id, std::int64_t after_seq, int limit) {
  return audit_entries(db().query(std::string("SELECT ") + audit_columns +
                                      " FROM audit_log WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                                  {org_id, after_seq, std::int64_t(limit)}));
}

std::optional<AuditEntry> SqlTransaction::audit_before(const std::string& org_id, std::int64_t seq) {
  auto entries = audit_entries(db().query(std::string("SELECT ") + audit_columns +
                                              " FROM audit_log WHERE org_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1",
                                          {org_id, seq}));
  if (entries.empty()) return std::nullopt;
  return entries.front();
}

std::int64_t SqlTransaction::delete_audit_through(const std::string& org_id, std::int64_t seq) {
  return db().execute("DELETE FROM audit_log WHERE org_id = ? AND seq <= ?", {org_id, seq});
}

std::optional<AuditEntry> SqlTransaction::latest_audit_action(const std::string& org_id, const std::string& action) {
  auto entries = audit_entries(db().query(std::string("SELECT ") + audit_columns +
                                              " FROM audit_log WHERE org_id = ? AND action = ? ORDER BY seq DESC LIMIT 1",
                                          {org_id, action}));
  if (entries.empty()) return std::nullopt;
  return entries.front();
}

void SqlTransaction::seal_audit_entry(const std::string& org_id, std::int64_t seq, const std::string& prev_hash,
                                      const std::string& entry_hash) {
  db().execute("UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE org_id = ? AND seq = ? AND entry_hash IS NULL",
               {prev_hash, entry_hash, org_id, seq});
}

std::int64_t SqlTransaction::audit_counter(const std::string& org_id) {
  auto rows = db().query("SELECT audit_seq FROM organisations WHERE org_id = ?", {org_id});
  return rows.empty() ? 0 : rows[0].integer(0);
}

std::vector<AuditEntry> SqlTransaction::audit_about(const std::string& org_id, const std::vector<std::string>& object_ids) {
  if (object_ids.empty()) return {};
  SqlParams params{org_id};
  for (const auto& id : object_ids) params.push_back(id);
  return audit_entries(db().query(std::string("SELECT ") + audit_columns + " FROM audit_log WHERE org_id = ? AND object_id IN (" +
                                      placeholders(object_ids.size()) + ") ORDER BY seq",
                                  params));
}

}  // namespace kk::store
