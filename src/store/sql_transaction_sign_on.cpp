// Signing in beyond the password: a local account's second factor and the sign-ins waiting for its
// code; each organisation's OpenID provider, the sign-ins on their way through it, and the
// external subject a user is known by.
#include "store/sql_transaction.hpp"

namespace kk::store {
using namespace kk::app;

namespace {
constexpr const char* settings_columns =
    "org_id, provider_id, name, issuer, client_id, client_secret, scopes, role_claim, role_map, enabled, version, "
    "updated_at";

std::vector<SignOnSettings> settings_of(const SqlRows& rows) {
  std::vector<SignOnSettings> out;
  for (const auto& r : rows)
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8),
                   r.integer(9) != 0, r.integer(10), r.text(11)});
  return out;
}

std::optional<SignOnSettings> first(std::vector<SignOnSettings> all) {
  if (all.empty()) return std::nullopt;
  return all.front();
}
}  // namespace

std::optional<SignOnSettings> SqlTransaction::sign_on_settings(const std::string& org_id) {
  return first(settings_of(
      db().query(std::string("SELECT ") + settings_columns + " FROM sign_on_settings WHERE org_id = ?", {org_id})));
}

std::optional<SignOnSettings> SqlTransaction::sign_on_by_provider(const std::string& provider_id) {
  return first(settings_of(db().query(
      std::string("SELECT ") + settings_columns + " FROM sign_on_settings WHERE provider_id = ?", {provider_id})));
}

std::vector<SignOnSettings> SqlTransaction::enabled_sign_ons() {
  return settings_of(
      db().query(std::string("SELECT ") + settings_columns + " FROM sign_on_settings WHERE enabled = 1 ORDER BY name", {}));
}

bool SqlTransaction::save_sign_on_settings(const SignOnSettings& s, std::int64_t expected_version) {
  if (expected_version == 0)
    return db().execute(
               "INSERT INTO sign_on_settings (org_id, provider_id, name, issuer, client_id, client_secret, scopes, "
               "role_claim, role_map, enabled, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) "
               "ON CONFLICT DO NOTHING",
               {s.org_id, s.provider_id, s.name, s.issuer, s.client_id, s.client_secret, s.scopes, s.role_claim,
                s.role_map, std::int64_t(s.enabled), s.updated_at}) == 1;
  return db().execute(
             "UPDATE sign_on_settings SET name = ?, issuer = ?, client_id = ?, client_secret = ?, scopes = ?, "
             "role_claim = ?, role_map = ?, enabled = ?, version = version + 1, updated_at = ? "
             "WHERE org_id = ? AND version = ?",
             {s.name, s.issuer, s.client_id, s.client_secret, s.scopes, s.role_claim, s.role_map,
              std::int64_t(s.enabled), s.updated_at, s.org_id, expected_version}) == 1;
}

void SqlTransaction::insert_sign_on_attempt(const SignOnAttempt& a) {
  db().execute(
      "INSERT INTO sign_on_attempts (state_hash, org_id, browser_hash, code_verifier, nonce, next_path, redirect_uri, "
      "token_endpoint, jwks_uri, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {a.state_hash, a.org_id, a.browser_hash, a.code_verifier, a.nonce, a.next_path, a.redirect_uri, a.token_endpoint,
       a.jwks_uri, a.expires_at});
}

std::optional<SignOnAttempt> SqlTransaction::take_sign_on_attempt(const std::string& state_hash, const std::string& now) {
  auto rows = db().query(
      "SELECT state_hash, org_id, browser_hash, code_verifier, nonce, next_path, redirect_uri, token_endpoint, "
      "jwks_uri, expires_at FROM sign_on_attempts WHERE state_hash = ? AND expires_at > ?",
      {state_hash, now});
  db().execute("DELETE FROM sign_on_attempts WHERE state_hash = ? OR expires_at <= ?", {state_hash, now});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return SignOnAttempt{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),
                       r.text(5), r.text(6), r.text(7), r.text(8), r.text(9)};
}

std::optional<User> SqlTransaction::user_by_external_subject(const std::string& subject) {
  auto rows = db().query("SELECT org_id, user_id FROM users WHERE external_subject = ?", {subject});
  if (rows.empty()) return std::nullopt;
  return user(rows[0].text(0), rows[0].text(1));
}

void SqlTransaction::set_external_subject(const std::string& org_id, const std::string& user_id,
                                          const std::string& subject) {
  db().execute("UPDATE users SET external_subject = ? WHERE org_id = ? AND user_id = ?", {subject, org_id, user_id});
}

TotpState SqlTransaction::totp(const std::string& org_id, const std::string& user_id) {
  auto rows = db().query("SELECT totp_secret, totp_pending, totp_last_step FROM users WHERE org_id = ? AND user_id = ?",
                         {org_id, user_id});
  if (rows.empty()) return {};
  return {rows[0].opt_text(0), rows[0].opt_text(1), rows[0].integer(2)};
}

void SqlTransaction::save_totp(const std::string& org_id, const std::string& user_id, const TotpState& s) {
  db().execute("UPDATE users SET totp_secret = ?, totp_pending = ?, totp_last_step = ? WHERE org_id = ? AND user_id = ?",
               {opt(s.secret), opt(s.pending), s.last_step, org_id, user_id});
}

void SqlTransaction::insert_sign_in_challenge(const std::string& challenge_hash, const std::string& org_id,
                                              const std::string& user_id, const std::string& expires_at) {
  db().execute("INSERT INTO sign_in_challenges (challenge_hash, org_id, user_id, expires_at) VALUES (?, ?, ?, ?)",
               {challenge_hash, org_id, user_id, expires_at});
}

std::optional<User> SqlTransaction::sign_in_challenge(const std::string& challenge_hash, const std::string& now) {
  db().execute("DELETE FROM sign_in_challenges WHERE expires_at <= ?", {now});
  auto rows = db().query("SELECT org_id, user_id FROM sign_in_challenges WHERE challenge_hash = ?", {challenge_hash});
  if (rows.empty()) return std::nullopt;
  return user(rows[0].text(0), rows[0].text(1));
}

void SqlTransaction::delete_sign_in_challenge(const std::string& challenge_hash) {
  db().execute("DELETE FROM sign_in_challenges WHERE challenge_hash = ?", {challenge_hash});
}

}  // namespace kk::store
