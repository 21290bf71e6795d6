#include "app/accounts.hpp"

#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/input.hpp"
#include "app/views.hpp"
#include "io/totp.hpp"
#include "domain/deadline.hpp"
#include <cctype>

namespace kk::app {
using namespace kk::domain;

namespace {
constexpr std::size_t min_password_length = 12;
constexpr long long challenge_seconds = 300;  // from the password to the code

// Failed sign-ins are counted per account and per client address (when known); either lock
// refuses the sign-in before anything else is looked at.
std::string account_subject(const std::string& username) { return "account:" + username; }
std::string address_subject(const std::string& address) { return "address:" + address; }

bool locked(Transaction& tx, const std::string& username, const std::string& address, const std::string& now) {
  return throttle_locked(tx.sign_in_throttle(account_subject(username)), now) ||
         (!address.empty() && throttle_locked(tx.sign_in_throttle(address_subject(address)), now));
}

void count_failure(Transaction& tx, const std::string& username, const std::string& address, const std::string& now) {
  std::string account = account_subject(username), from = address_subject(address);
  tx.save_sign_in_throttle(account, after_failure(tx.sign_in_throttle(account), now, account_throttle));
  if (!address.empty()) tx.save_sign_in_throttle(from, after_failure(tx.sign_in_throttle(from), now, address_throttle));
}
const char* const totp_issuer = "Kravkedja";

json second_factor_json(const User& u, const TotpState& t) {
  json out = {{"enabled", t.secret.has_value()}, {"pending", t.pending.has_value()}};
  if (t.pending) {
    // Shown to its owner until confirmed: it is not in force before that.
    out["secret"] = *t.pending;
    out["uri"] = io::otpauth_uri(totp_issuer, u.username, io::base32_decode(*t.pending).value_or(""));
  }
  return out;
}

Result<std::string> required_code(const json& body) {
  KK_TRY(input::require_object(body));
  KK_TRY(input::only_fields(body, {"code"}));
  KK_TRY(input::require(body, "code"));
  std::string code;
  KK_TRY(input::text(body, "code", code, 20));
  return code;
}
}  // namespace

Status check_username(const std::string& username) {
  if (username.empty() || username.size() > 64) return Error::unprocessable("error.username", "username");
  for (char c : username)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '@'))
      return Error::unprocessable("error.username", "username");
  return ok();
}
// An e-mail address as people type them: one @, a domain with a dot, no spaces; empty is none.
Status check_email(const std::string& email) {
  if (email.empty()) return ok();
  auto at = email.find('@');
  bool shape = email.size() <= 254 && at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
               email.find('.', at + 2) != std::string::npos && email.back() != '.';
  for (unsigned char c : email) shape = shape && c > 32 && c != 127 && c != '<' && c != '>' && c != ',' && c != ';';
  if (!shape) return Error::unprocessable("error.email", "email").with("value", email);
  return ok();
}

SignedIn start_session(Transaction& tx, const User& user, json audit_detail) {
  SignedIn s{random_token(), random_token(), user};
  tx.delete_expired_sessions(now_utc());  // sign-ins keep the table small
  tx.insert_session(sha256_hex(s.session_token), user.org_id, user.id, s.csrf_token, now_utc(),
                    utc_in(session_lifetime_seconds));
  Actor who;
  who.user = user;
  audit_detail["username"] = user.username;
  record_audit(tx, who, "auth.sign_in", "user", user.id, nullptr, audit_detail);
  return s;
}

std::optional<FirstAdmin> AccountService::bootstrap() {
  auto tx = store_.begin(true);
  if (tx->count_users() > 0) return std::nullopt;
  Organisation org;
  org.id = new_id();
  org.name = "Min organisation";
  org.created_at = now_utc();
  tx->insert_organisation(org);
  FirstAdmin admin{"admin", random_token(12)};
  User u;
  u.org_id = org.id;
  u.id = new_id();
  u.username = admin.username;
  u.display_name = "Administratör";
  // The first account can walk a whole case at once; the administrator narrows roles later.
  u.roles = {Role::admin, Role::ciso, Role::procurer, Role::information_owner};
  u.created_at = org.created_at;
  tx->insert_user(u, hash_password(admin.password));
  record_audit(*tx, system_actor(org.id), "user.create", "user", u.id, nullptr, user_json(u));
  tx->commit();
  return admin;
}

Result<SignedIn> AccountService::sign_in(const std::string& username, const std::string& password,
                                        const std::string& address) {
  // Throttled per account and per address, before the password is looked at: while locked,
  // even the right password is refused, so guessing cannot go on.
  {
    auto tx = store_.begin(false);
    std::string now = now_utc();
    if (locked(*tx, username, address, now))
      return Error{ErrorKind::too_many, "error.sign_in_locked", {}, {}};
  }
  // The password is checked outside any write transaction: argon2 takes long enough that
  // other writers should not wait for it.
  auto creds = store_.begin(false)->credentials_by_username(username);
  // Verify against a dummy hash when the user is unknown, so timing does not tell.
  static const std::string dummy = hash_password(random_token());
  bool good = verify_password(creds ? creds->password_hash : dummy, password);
  if (!creds || !good || !creds->user.active) {
    auto tx = store_.begin(true);
    std::string now = now_utc();
    count_failure(*tx, username, address, now);
    // A failed sign-in to a known account is a security event of its organisation (seed 003
    // condition 25); the password tried is never kept. Unknown names have no organisation.
    if (creds)
      record_audit(*tx, system_actor(creds->user.org_id), "auth.sign_in_failed", "user", creds->user.id, nullptr,
                   {{"username", creds->user.username}, {"reason", creds->user.active ? "password" : "inactive"}});
    tx->commit();
    return Error{ErrorKind::unauthenticated, "error.sign_in_failed", {}, {}};
  }
  auto tx = store_.begin(true);
  if (tx->totp(creds->user.org_id, creds->user.id).secret) {
    // The password was right; the code is still to come. The account's count of failures stays
    // until then, so wrong codes and wrong passwords lock it alike.
    SignedIn waiting;
    waiting.user = creds->user;
    waiting.challenge = random_token();
    tx->insert_sign_in_challenge(sha256_hex(waiting.challenge), creds->user.org_id, creds->user.id,
                                 utc_in(challenge_seconds));
    tx->commit();
    return waiting;
  }
  tx->save_sign_in_throttle(account_subject(username), {});  // a success starts the account's count anew
  SignedIn s = start_session(*tx, creds->user, json::object());
  tx->commit();
  return s;
}

Result<SignedIn> AccountService::sign_in_code(const std::string& challenge, const std::string& code,
                                             const std::string& address) {
  std::string hash = sha256_hex(challenge), now = now_utc();
  auto tx = store_.begin(true);
  auto user = tx->sign_in_challenge(hash, now);
  if (!user || !user->active) {
    tx->commit();  // expired challenges are gone
    return Error{ErrorKind::unauthenticated, "error.sign_in_expired", {}, {}};
  }
  if (locked(*tx, user->username, address, now))
    return Error{ErrorKind::too_many, "error.sign_in_locked", {}, {}};
  TotpState t = tx->totp(user->org_id, user->id);
  auto secret = t.secret ? io::base32_decode(*t.secret) : std::nullopt;
  auto step = secret ? io::totp_accepts(*secret, code, unix_now(), t.last_step) : std::nullopt;
  if (!step) {
    count_failure(*tx, user->username, address, now);
    record_audit(*tx, system_actor(user->org_id), "auth.sign_in_failed", "user", user->id, nullptr,
                 {{"username", user->username}, {"reason", "code"}});
    tx->commit();
    return Error{ErrorKind::unauthenticated, "error.totp_wrong", "code", {}};
  }
  t.last_step = *step;
  tx->save_totp(user->org_id, user->id, t);
  tx->delete_sign_in_challenge(hash);
  tx->save_sign_in_throttle(account_subject(user->username), {});
  SignedIn s = start_session(*tx, *user, {{"second_factor", "totp"}});
  tx->commit();
  return s;
}

Result<json> AccountService::second_factor(const Actor& actor) {
  if (actor.system) return Error::forbidden();
  return read([&](Transaction& tx) -> Result<json> {
    return second_factor_json(actor.user, tx.totp(actor.org_id(), actor.user.id));
  });
}

Result<json> AccountService::start_second_factor(const Actor& actor) {
  if (actor.system) return Error::forbidden();
  return write([&](Transaction& tx) -> Result<json> {
    TotpState t = tx.totp(actor.org_id(), actor.user.id);
    if (t.secret) return Error::conflict("error.totp_enabled");
    t.pending = io::base32_encode(random_bytes(20));  // 160 bits, as RFC 4226 recommends
    tx.save_totp(actor.org_id(), actor.user.id, t);
    record_audit(tx, actor, "user.second_factor_started", "user", actor.user.id, nullptr, {{"pending", true}});
    return second_factor_json(actor.user, t);
  });
}

Result<json> AccountService::confirm_second_factor(const Actor& actor, const json& body) {
  if (actor.system) return Error::forbidden();
  std::string code = KK_TRY(required_code(body));
  return write([&](Transaction& tx) -> Result<json> {
    TotpState t = tx.totp(actor.org_id(), actor.user.id);
    if (!t.pending) return Error::unprocessable("error.totp_not_started", "code");
    auto step = io::totp_accepts(io::base32_decode(*t.pending).value_or(""), code, unix_now(), 0);
    if (!step) return Error::unprocessable("error.totp_wrong", "code");
    t.secret = t.pending;
    t.pending.reset();
    t.last_step = *step;
    tx.save_totp(actor.org_id(), actor.user.id, t);
    record_audit(tx, actor, "user.second_factor_enabled", "user", actor.user.id, {{"enabled", false}}, {{"enabled", true}});
    return second_factor_json(actor.user, t);
  });
}

Result<json> AccountService::stop_second_factor(const Actor& actor, const json& body) {
  if (actor.system) return Error::forbidden();
  std::string code = KK_TRY(required_code(body));
  return write([&](Transaction& tx) -> Result<json> {
    TotpState t = tx.totp(actor.org_id(), actor.user.id);
    if (!t.secret) return Error::unprocessable("error.totp_not_enabled", "code");
    if (!io::totp_accepts(io::base32_decode(*t.secret).value_or(""), code, unix_now(), t.last_step))
      return Error::unprocessable("error.totp_wrong", "code");
    tx.save_totp(actor.org_id(), actor.user.id, TotpState{});
    record_audit(tx, actor, "user.second_factor_disabled", "user", actor.user.id, {{"enabled", true}}, {{"enabled", false}});
    return second_factor_json(actor.user, TotpState{});
  });
}

Result<json> AccountService::reset_second_factor(const Actor& actor, const std::string& user_id) {
  KK_TRY(authorize(actor, Permission::administer));
  return write([&](Transaction& tx) -> Result<json> {
    auto u = tx.user(actor.org_id(), user_id);
    if (!u) return Error::not_found();
    TotpState t = tx.totp(actor.org_id(), user_id);
    tx.save_totp(actor.org_id(), user_id, TotpState{});
    record_audit(tx, actor, "user.second_factor_reset", "user", user_id, {{"enabled", t.secret.has_value()}},
                 {{"enabled", false}});
    return second_factor_json(*u, TotpState{});
  });
}

void AccountService::record_denied(const Actor& actor, const std::string& method, const std::string& path) {
  if (actor.system || actor.user.org_id.empty()) return;
  auto tx = store_.begin(true);
  record_audit(*tx, actor, "access.denied", "user", actor.user.id, nullptr, {{"method", method}, {"path", path}});
  tx->commit();
}

std::optional<AuthenticatedSession> AccountService::session(const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::string hash = sha256_hex(token), now = now_utc();
  auto s = store_.begin(false)->session(hash, now);
  if (!s) return std::nullopt;
  // Idle too long: the session ends, as if signed out. Otherwise its use is noted, at most once
  // a minute, so reading pages does not write on every request.
  if (add_seconds(s->last_seen, session_idle_seconds).value_or(now) <= now) {
    auto tx = store_.begin(true);
    tx->delete_session(hash);
    tx->commit();
    return std::nullopt;
  }
  if (add_seconds(s->last_seen, 60).value_or(now) <= now) {
    auto tx = store_.begin(true);
    tx->touch_session(hash, now);
    tx->commit();
  }
  return s;
}

void AccountService::sign_out(const std::string& token) {
  auto tx = store_.begin(true);
  tx->delete_session(sha256_hex(token));
  tx->commit();
}

std::optional<User> AccountService::bearer(const std::string& token) {
  if (token.empty()) return std::nullopt;
  auto tx = store_.begin(false);
  return tx->token_user(sha256_hex(token), now_utc());
}

Result<User> AccountService::add_user_cli(const std::string& username, const std::vector<std::string>& role_names,
                                          const std::string& org_name, const std::string& password) {
  KK_TRY(check_username(username));
  if (password.size() < min_password_length)
    return Error::unprocessable("error.password_short", "password").with("min", std::to_string(min_password_length));
  std::set<Role> roles;
  for (const auto& name : role_names) {
    auto r = parse_enum<Role>(name);
    if (!r) return Error::unprocessable("error.unknown_value", "role").with("value", name);
    roles.insert(*r);
  }
  if (roles.empty()) return Error::unprocessable("error.required", "role");
  std::string hash = hash_password(password);  // before the write lock, as argon2 takes its time
  return write([&](Transaction& tx) -> Result<User> {
    if (tx.credentials_by_username(username)) return Error::conflict("error.username_taken").with("value", username);
    auto org = tx.organisation_by_name(org_name);
    if (!org) {
      Organisation o;
      o.id = new_id();
      o.name = org_name;
      o.created_at = now_utc();
      tx.insert_organisation(o);
      record_audit(tx, system_actor(o.id), "organisation.create", "organisation", o.id, nullptr, organisation_json(o));
      org = o;
    }
    User u;
    u.org_id = org->id;
    u.id = new_id();
    u.username = username;
    u.display_name = username;
    u.roles = roles;
    u.created_at = now_utc();
    tx.insert_user(u, hash);
    record_audit(tx, system_actor(org->id), "user.create", "user", u.id, nullptr, user_json(u));
    return u;
  });
}

Result<std::string> AccountService::create_token_cli(const std::string& username, std::optional<int> expires_days) {
  return write([&](Transaction& tx) -> Result<std::string> {
    auto creds = tx.credentials_by_username(username);
    if (!creds) return Error::unprocessable("error.unknown_user", "NAME");
    std::string token = "kk_" + random_token();
    std::string id = new_id();
    std::optional<std::string> expires;
    if (expires_days) expires = utc_in(static_cast<long long>(*expires_days) * 86400);
    tx.insert_token(sha256_hex(token), creds->user.org_id, id, creds->user.id, now_utc(), expires);
    record_audit(tx, system_actor(creds->user.org_id), "token.create", "api_token", id, nullptr,
                 {{"user_id", creds->user.id}, {"expires_at", expires ? json(*expires) : json()}});
    return token;
  });
}

Status AccountService::read_roles(const json& body, std::set<Role>& roles) {
  if (!body.contains("roles")) return ok();
  if (!body["roles"].is_array()) return Error::invalid("error.type_array", "roles");
  std::set<Role> next;
  for (const auto& r : body["roles"]) {
    if (!r.is_string()) return Error::invalid("error.type_text", "roles");
    auto role = parse_enum<Role>(r.get<std::string>());
    if (!role) return Error::unprocessable("error.unknown_value", "roles").with("value", r.get<std::string>());
    next.insert(*role);
  }
  if (next.empty()) return Error::unprocessable("error.required", "roles");
  roles = next;
  return ok();
}

Result<json> AccountService::list_users(const Actor& actor, const Page& page) {
  KK_TRY(authorize(actor, Permission::administer));
  return read([&](Transaction& tx) -> Result<json> {
    json items = json::array();
    for (const auto& u : tx.users_page(actor.org_id(), page.limit, page.offset)) items.push_back(user_json(u));
    return paged_list(std::move(items), page, [&] { return tx.count_org_users(actor.org_id()); });
  });
}

Result<json> AccountService::get_user(const Actor& actor, const std::string& id) {
  KK_TRY(authorize(actor, Permission::administer));
  return read([&](Transaction& tx) -> Result<json> {
    auto u = tx.user(actor.org_id(), id);
    if (!u) return Error::not_found();
    return user_json(*u);
  });
}

Result<json> AccountService::directory(const Actor& actor) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    json items = json::array();
    for (const auto& u : tx.users(actor.org_id())) {
      if (!u.active || u.is_supplier()) continue;
      json roles = json::array();
      for (Role r : u.roles) roles.push_back(to_string(r));
      items.push_back({{"id", u.id}, {"display_name", u.display_name}, {"roles", roles}});
    }
    return json{{"items", items}};
  });
}

Result<NewAccount> read_new_account(const json& body) {
  for (const char* f : {"username", "display_name"}) KK_TRY(input::require(body, f));
  NewAccount a;
  KK_TRY(input::text(body, "username", a.user.username, 64));
  KK_TRY(check_username(a.user.username));
  KK_TRY(input::text(body, "display_name", a.user.display_name, input::short_text));
  KK_TRY(input::text(body, "email", a.user.email, 254));
  KK_TRY(check_email(a.user.email));
  KK_TRY(input::text(body, "password", a.password, 200));
  a.generated = a.password.empty();
  if (a.generated) a.password = random_token(12);
  if (a.password.size() < min_password_length)
    return Error::unprocessable("error.password_short", "password").with("min", std::to_string(min_password_length));
  a.hash = hash_password(a.password);  // before the write lock, as argon2 takes its time
  a.user.id = new_id();
  a.user.created_at = now_utc();
  return a;
}

Status insert_account(Transaction& tx, const NewAccount& a) {
  if (tx.credentials_by_username(a.user.username))
    return Error::conflict("error.username_taken").with("value", a.user.username);
  tx.insert_user(a.user, a.hash);
  return ok();
}

Result<json> AccountService::create_user(const Actor& actor, const json& body) {
  KK_TRY(authorize(actor, Permission::administer));
  KK_TRY(input::require_object(body));
  KK_TRY(input::only_fields(body, {"username", "display_name", "roles", "password", "supplier_id", "email"}));
  std::optional<std::string> supplier_id;
  KK_TRY(input::optional_text(body, "supplier_id", supplier_id, 64));
  // A supplier's user has no role in the organisation: it sees only the tenders it is invited to.
  if (supplier_id && body.contains("roles") && !body["roles"].empty())
    return Error::unprocessable("error.supplier_user_roles", "roles");
  if (!supplier_id) KK_TRY(input::require(body, "roles"));
  std::set<Role> roles;
  if (!supplier_id) KK_TRY(read_roles(body, roles));
  auto account = KK_TRY(read_new_account(body));
  return write([&](Transaction& tx) -> Result<json> {
    if (supplier_id && !tx.supplier(actor.org_id(), *supplier_id))
      return Error::unprocessable("error.unknown_supplier", "supplier_id").with("value", *supplier_id);
    account.user.org_id = actor.org_id();
    account.user.roles = roles;
    account.user.supplier_id = supplier_id;
    KK_TRY(insert_account(tx, account));
    json after = user_json(account.user);
    record_audit(tx, actor, "user.create", "user", account.user.id, nullptr, after);
    if (account.generated) after["initial_password"] = account.password;
    return after;
  });
}

Result<json> AccountService::update_user(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::administer));
  return write([&](Transaction& tx) -> Result<json> {
    auto current = tx.user(actor.org_id(), id);
    if (!current) return Error::not_found();
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"display_name", "roles", "active", "version", "email"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    if (current->version != version) return stale(user_json(*current));
    User next = *current;
    KK_TRY(input::text(body, "display_name", next.display_name, input::short_text));
    KK_TRY(input::text(body, "email", next.email, 254));
    KK_TRY(check_email(next.email));
    if (current->is_supplier() && body.contains("roles")) return Error::unprocessable("error.supplier_user_roles", "roles");
    KK_TRY(read_roles(body, next.roles));
    KK_TRY(input::boolean(body, "active", next.active));
    if (next.display_name.empty()) return Error::unprocessable("error.required", "display_name");
    if (id == actor.user.id && (!next.active || !next.has(Role::admin)))
      return Error::unprocessable("error.cannot_demote_self", body.contains("active") ? "active" : "roles");
    if (!tx.update_user(next, version)) return stale(user_json(*current));
    next.version = version + 1;
    if (!next.active) tx.delete_user_sessions(actor.org_id(), id);
    record_audit(tx, actor, "user.update", "user", id, user_json(*current), user_json(next));
    return user_json(next);
  });
}

Result<json> AccountService::reset_password(const Actor& actor, const std::string& id) {
  KK_TRY(authorize(actor, Permission::administer));
  std::string password = random_token(12);
  std::string hash = hash_password(password);  // before the write lock, as argon2 takes its time
  return write([&](Transaction& tx) -> Result<json> {
    auto current = tx.user(actor.org_id(), id);
    if (!current) return Error::not_found();
    tx.set_password(actor.org_id(), id, hash);
    tx.delete_user_sessions(actor.org_id(), id);
    record_audit(tx, actor, "user.reset_password", "user", id, nullptr, {{"password_reset", true}});
    json j = user_json(*current);
    j["version"] = current->version + 1;
    j["new_password"] = password;
    return j;
  });
}

Result<json> AccountService::organisation(const Actor& actor) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto org = tx.organisation(actor.org_id());
    if (!org) return Error::not_found();
    return organisation_json(*org);
  });
}

Result<json> AccountService::update_organisation(const Actor& actor, const json& body) {
  KK_TRY(authorize(actor, Permission::administer));
  KK_TRY(input::require_object(body));
  KK_TRY(input::only_fields(body, {"name", "org_number", "kind", "language", "classification_model", "catalogue_id",
                                   "risk_matrix", "archive_retention_years", "version"}));
  std::int64_t version = 0;
  KK_TRY(input::version(body, version));
  return write([&](Transaction& tx) -> Result<json> {
    auto current = tx.organisation(actor.org_id());
    if (!current) return Error::not_found();
    if (current->version != version) return stale(organisation_json(*current));
    Organisation next = *current;
    KK_TRY(input::text(body, "name", next.name, input::short_text));
    KK_TRY(input::text(body, "org_number", next.org_number, 20));
    KK_TRY(input::enumeration(body, "kind", next.kind));
    KK_TRY(input::enumeration(body, "language", next.language));
    KK_TRY(input::text(body, "classification_model", next.classification_model, 64));
    KK_TRY(input::text(body, "catalogue_id", next.catalogue_id, 64));
    KK_TRY(input::text(body, "risk_matrix", next.risk_matrix, 64));
    KK_TRY(input::optional_integer(body, "archive_retention_years", next.archive_retention_years, 1, 100));
    if (!content_.risk_matrices.count(next.risk_matrix))
      return Error::unprocessable("error.unknown_value", "risk_matrix").with("value", next.risk_matrix);
    if (registry_.newest_version(tx, next.id, "catalogue", next.catalogue_id) == 0)
      return Error::unprocessable("error.unknown_value", "catalogue_id").with("value", next.catalogue_id);
    if (next.name.empty()) return Error::unprocessable("error.required", "name");
    if (!content_.models.count(next.classification_model))
      return Error::unprocessable("error.unknown_value", "classification_model").with("value", next.classification_model);
    if (!next.org_number.empty()) {
      // Swedish organisation number: NNNNNN-NNNN.
      const auto& n = next.org_number;
      bool shape = n.size() == 11 && n[6] == '-';
      for (std::size_t i = 0; shape && i < n.size(); ++i)
        if (i != 6 && !std::isdigit(static_cast<unsigned char>(n[i]))) shape = false;
      if (!shape) return Error::unprocessable("error.org_number", "org_number");
    }
    if (!tx.update_organisation(next, version)) return stale(organisation_json(*current));
    next.version = version + 1;
    record_audit(tx, actor, "organisation.update", "organisation", next.id, organisation_json(*current),
                 organisation_json(next));
    return organisation_json(next);
  });
}

Result<json> AccountService::audit(const Actor& actor, std::int64_t before_seq, int limit) {
  KK_TRY(authorize(actor, Permission::read_audit));
  return read([&](Transaction& tx) -> Result<json> {
    json items = json::array();
    for (const auto& e : tx.audit(actor.org_id(), before_seq, limit)) items.push_back(audit_entry_json(e));
    return json{{"items", items}};
  });
}

}  // namespace kk::app
