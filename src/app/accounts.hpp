#pragma once
// Accounts: sign-in, sessions, API tokens, users and the organisation's settings.
#include "app/service_base.hpp"

namespace kk::app {

struct SignedIn {
  std::string session_token;  // goes into the cookie; only its hash is stored
  std::string csrf_token;
  User user;
  // Set instead of a session when the account has a second factor: the code is still to come
  // (sign_in_code), for five minutes. Only its hash is stored.
  std::string challenge;
};

struct FirstAdmin {
  std::string username;
  std::string password;
};

inline constexpr long long session_lifetime_seconds = 8 * 3600;
inline constexpr long session_idle_seconds = 30 * 60;  // a session unused this long ends

// A new account from a request ({"username", "display_name", "password"}): the password is
// the one given or a generated one (returned once), hashed here, before any transaction.
struct NewAccount {
  User user;
  std::string password;
  bool generated = false;
  std::string hash;
};
domain::Result<NewAccount> read_new_account(const json& body);
// Letters, digits and . _ - @, at most 64 characters.
domain::Status check_username(const std::string& username);
// An e-mail address as people type them; empty is none.
domain::Status check_email(const std::string& email);
// A new session for the user, recorded as a sign-in (with `audit_detail`, e.g. how).
SignedIn start_session(Transaction& tx, const User& user, json audit_detail);
// Stores the account unless its user name is taken.
domain::Status insert_account(Transaction& tx, const NewAccount& account);

class AccountService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  // Creates the first organisation and administrator when the database has no users yet.
  std::optional<FirstAdmin> bootstrap();

  // `address` is the client's (empty when unknown): failures are counted per account and per
  // address, and a locked one is refused before its password is checked.
  domain::Result<SignedIn> sign_in(const std::string& username, const std::string& password,
                                   const std::string& address = {});
  // The second step of a sign-in with a second factor: the code of the authenticator app.
  domain::Result<SignedIn> sign_in_code(const std::string& challenge, const std::string& code,
                                        const std::string& address = {});
  // One's own second factor (RFC 6238): whether it is on, and while being set up, the secret and
  // the otpauth address to give the app; it is on once a first code is confirmed, and off again
  // only with a current code. An administrator can remove it (a lost phone).
  domain::Result<json> second_factor(const Actor& actor);
  domain::Result<json> start_second_factor(const Actor& actor);
  domain::Result<json> confirm_second_factor(const Actor& actor, const json& body);
  domain::Result<json> stop_second_factor(const Actor& actor, const json& body);
  domain::Result<json> reset_second_factor(const Actor& actor, const std::string& user_id);
  // A request refused for lack of permission, as a security event of the user's organisation.
  void record_denied(const Actor& actor, const std::string& method, const std::string& path);
  std::optional<AuthenticatedSession> session(const std::string& session_token);
  void sign_out(const std::string& session_token);
  std::optional<User> bearer(const std::string& token);

  // Command line: creates the user (and the organisation when it does not exist).
  domain::Result<User> add_user_cli(const std::string& username, const std::vector<std::string>& roles,
                                    const std::string& org_name, const std::string& password);
  // Command line: a bearer token acting as the user, printed once, stored as a hash.
  domain::Result<std::string> create_token_cli(const std::string& username, std::optional<int> expires_days);

  // Administration (admin role, own organisation).
  // A page of the organisation's people by name: {"items", "page"}; Page{-1, 0}: all of them.
  domain::Result<json> list_users(const Actor& actor, const Page& page);
  domain::Result<json> get_user(const Actor& actor, const std::string& id);
  domain::Result<json> create_user(const Actor& actor, const json& body);
  domain::Result<json> update_user(const Actor& actor, const std::string& id, const json& body);
  // Sets a new random password and returns it once.
  domain::Result<json> reset_password(const Actor& actor, const std::string& id);
  domain::Result<json> organisation(const Actor& actor);
  domain::Result<json> update_organisation(const Actor& actor, const json& body);
  domain::Result<json> audit(const Actor& actor, std::int64_t before_seq, int limit);
  // Users of the organisation for pickers (any signed-in user): id, name, roles.
  domain::Result<json> directory(const Actor& actor);

 private:
  domain::Status read_roles(const json& body, std::set<domain::Role>& roles);
};

}  // namespace kk::app
