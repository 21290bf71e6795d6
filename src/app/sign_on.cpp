#include "app/sign_on.hpp"

#include <sodium.h>

#include "app/case_records.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/input.hpp"
#include "app/views.hpp"
#include "io/http_fetch.hpp"
#include "io/jwt.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
constexpr long long attempt_seconds = 600;  // from leaving for the provider to coming back
constexpr long long clock_skew = 120;

// http(s)://… ; plain http only to this machine (a provider run next to Kravkedja, or a test).
bool acceptable_issuer(const std::string& url) {
  if (url.rfind("https://", 0) == 0) return url.size() > 8;
  for (const char* local : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
    std::string prefix(local);
    if (url.rfind(prefix, 0) == 0 && (url.size() == prefix.size() || url[prefix.size()] == ':' || url[prefix.size()] == '/'))
      return true;
  }
  return false;
}

json settings_json(const SignOnSettings& s) {
  return {{"configured", true},      {"provider_id", s.provider_id}, {"name", s.name},
          {"issuer_url", s.issuer},      {"client_id", s.client_id},     {"client_secret_set", !s.client_secret.empty()},
          {"scopes", s.scopes},      {"role_claim", s.role_claim},   {"role_map", object_of(s.role_map)},
          {"enabled", s.enabled},    {"version", s.version},         {"updated_at", s.updated_at}};
}

Error state_error() { return Error{ErrorKind::unauthenticated, "error.sso_state", {}, {}}; }
Error refused(const std::string& reason) {
  return Error{ErrorKind::forbidden, "error.sso_refused", {}, {}}.with("reason", reason);
}

// The provider's discovery document, checked to be about the issuer configured.
Result<json> discover(const std::string& issuer) {
  std::string base = issuer;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto got = KK_TRY(io::http_get(base + "/.well-known/openid-configuration"));
  json doc = json::parse(got.body, nullptr, false);
  if (got.status != 200 || !doc.is_object())
    return Error::unprocessable("error.sso_unreachable", "issuer_url").with("reason", "no discovery document (HTTP " +
                                                                                  std::to_string(got.status) + ")");
  if (doc.value("issuer", "") != issuer)
    return Error::unprocessable("error.sso_unreachable", "issuer_url").with("reason", "the document names another issuer");
  for (const char* key : {"authorization_endpoint", "token_endpoint", "jwks_uri"})
    if (!doc.contains(key) || !doc[key].is_string())
      return Error::unprocessable("error.sso_unreachable", "issuer_url").with("reason", std::string("no ") + key);
  return doc;
}

// A user name for someone the provider introduces: theirs where it fits, unique in the installation.
std::string username_for(Transaction& tx, const json& claims, const std::string& subject) {
  std::string wanted;
  for (const char* key : {"preferred_username", "email"})
    if (claims.contains(key) && claims[key].is_string() && check_username(claims[key].get<std::string>())) {
      wanted = claims[key].get<std::string>();
      break;
    }
  if (wanted.empty()) wanted = "sso-" + sha256_hex(subject).substr(0, 12);
  std::string name = wanted;
  for (int n = 2; tx.credentials_by_username(name); ++n) name = wanted.substr(0, 58) + "-" + std::to_string(n);
  return name;
}

std::string claim_text(const json& claims, const char* key) {
  return claims.contains(key) && claims[key].is_string() ? claims[key].get<std::string>() : std::string();
}
}  // namespace

std::string pkce_challenge(const std::string& verifier) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
  return io::base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

Status check_id_token(const json& claims, const std::string& issuer, const std::string& client_id,
                      const std::string& nonce, long long now) {
  auto fail = [](const std::string& reason) {
    return Error{ErrorKind::unauthenticated, "error.sso_token", {}, {}}.with("reason", reason);
  };
  if (claims.value("iss", json()) != issuer) return fail("the token is from another issuer");
  const json& aud = claims.contains("aud") ? claims["aud"] : json();
  bool for_us = aud == client_id;
  if (aud.is_array())
    for (const auto& a : aud) for_us = for_us || a == client_id;
  if (!for_us) return fail("the token is not for this client");
  if (aud.is_array() && aud.size() > 1 && claims.value("azp", json()) != client_id)
    return fail("the token is for several clients and not authorised for this one");
  if (!claims.contains("exp") || !claims["exp"].is_number() || claims["exp"].get<long long>() + clock_skew < now)
    return fail("the token has expired");
  if (!claims.contains("iat") || !claims["iat"].is_number() || claims["iat"].get<long long>() - clock_skew > now)
    return fail("the token is issued in the future");
  if (claims.value("nonce", json()) != nonce) return fail("the nonce does not match this sign-in");
  if (!claims.contains("sub") || !claims["sub"].is_string() || claims["sub"].get<std::string>().empty())
    return fail("the token names no subject");
  return ok();
}

std::set<Role> roles_from_claims(const json& claims, const std::string& role_claim, const json& role_map) {
  std::set<Role> out;
  if (!claims.contains(role_claim) || !role_map.is_object()) return out;
  json values = claims[role_claim].is_array() ? claims[role_claim] : json::array({claims[role_claim]});
  for (const auto& v : values) {
    if (!v.is_string() || !role_map.contains(v.get<std::string>())) continue;
    const json& mapped = role_map[v.get<std::string>()];
    json roles = mapped.is_array() ? mapped : json::array({mapped});
    for (const auto& r : roles)
      if (r.is_string())
        if (auto role = parse_enum<Role>(r.get<std::string>())) out.insert(*role);
  }
  return out;
}

Result<json> SignOnService::settings(const Actor& actor) {
  KK_TRY(authorize(actor, Permission::administer));
  return read([&](Transaction& tx) -> Result<json> {
    auto s = tx.sign_on_settings(actor.org_id());
    if (!s) return json{{"configured", false}, {"enabled", false}, {"version", 0}};
    return settings_json(*s);
  });
}

Result<json> SignOnService::save_settings(const Actor& actor, const json& body) {
  KK_TRY(authorize(actor, Permission::administer));
  KK_TRY(input::require_object(body));
  KK_TRY(input::only_fields(body, {"version", "name", "issuer_url", "client_id", "client_secret", "scopes", "role_claim",
                                   "role_map", "enabled"}));
  std::int64_t version = 0;
  KK_TRY(input::version(body, version));
  return write([&](Transaction& tx) -> Result<json> {
    auto current = tx.sign_on_settings(actor.org_id());
    SignOnSettings next = current.value_or(SignOnSettings{});
    if ((current ? current->version : 0) != version)
      return stale(current ? settings_json(*current) : json{{"configured", false}, {"version", 0}});
    if (!current) {
      next.org_id = actor.org_id();
      next.provider_id = new_id();
    }
    KK_TRY(input::text(body, "name", next.name, input::short_text));
    KK_TRY(input::text(body, "issuer_url", next.issuer, 500));
    KK_TRY(input::text(body, "client_id", next.client_id, 500));
    KK_TRY(input::text(body, "client_secret", next.client_secret, 1000));
    KK_TRY(input::text(body, "scopes", next.scopes, 500));
    KK_TRY(input::text(body, "role_claim", next.role_claim, 100));
    if (body.contains("enabled")) KK_TRY(input::boolean(body, "enabled", next.enabled));
    for (auto [field, value] : {std::pair{"name", &next.name}, std::pair{"issuer_url", &next.issuer},
                                std::pair{"client_id", &next.client_id}, std::pair{"client_secret", &next.client_secret},
                                std::pair{"role_claim", &next.role_claim}})
      if (value->empty()) return Error::unprocessable("error.required", field);
    if (!acceptable_issuer(next.issuer)) return Error::unprocessable("error.sso_issuer", "issuer_url");
    if ((" " + next.scopes + " ").find(" openid ") == std::string::npos)
      return Error::unprocessable("error.sso_scopes", "scopes");
    if (body.contains("role_map")) {
      const json& map = body["role_map"];
      if (!map.is_object()) return Error::invalid("error.type_object", "role_map");
      for (const auto& [value, roles] : map.items()) {
        std::string field = "role_map." + value;
        json list = roles.is_array() ? roles : json::array({roles});
        for (const auto& r : list)
          if (!r.is_string() || !parse_enum<Role>(r.get<std::string>()))
            return Error::unprocessable("error.unknown_value", field).with("value", r.is_string() ? r.get<std::string>() : r.dump());
      }
      next.role_map = map.dump();
    }
    next.updated_at = now_utc();
    if (!tx.save_sign_on_settings(next, version)) return stale(current ? settings_json(*current) : json());
    next.version = version + 1;
    json before = current ? settings_json(*current) : json();
    json after = settings_json(next);
    after["client_secret_changed"] = body.contains("client_secret");
    record_audit(tx, actor, "organisation.sign_on", "organisation", actor.org_id(), before, after);
    return settings_json(next);
  });
}

std::vector<SignOnLink> SignOnService::providers() {
  std::vector<SignOnLink> out;
  for (const auto& s : store_.begin(false)->enabled_sign_ons()) out.push_back({s.provider_id, s.name});
  return out;
}

Result<SignOnStart> SignOnService::start(const std::string& provider_id, const std::string& redirect_uri,
                                         const std::string& next) {
  auto settings = store_.begin(false)->sign_on_by_provider(provider_id);
  if (!settings || !settings->enabled) return Error::not_found();
  // The provider is asked before anything is written: no transaction waits for the network.
  json doc = KK_TRY(discover(settings->issuer));
  SignOnAttempt a;
  std::string state = random_token(), verifier = random_token(48);
  SignOnStart out{"", random_token()};
  a.state_hash = sha256_hex(state);
  a.org_id = settings->org_id;
  a.browser_hash = sha256_hex(out.browser_secret);
  a.code_verifier = verifier;
  a.nonce = random_token();
  a.next_path = next;
  a.redirect_uri = redirect_uri;
  a.token_endpoint = doc["token_endpoint"];
  a.jwks_uri = doc["jwks_uri"];
  a.expires_at = utc_in(attempt_seconds);
  {
    auto tx = store_.begin(true);
    tx->insert_sign_on_attempt(a);
    tx->commit();
  }
  std::string endpoint = doc["authorization_endpoint"];
  out.redirect_url = endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") +
                     "response_type=code&client_id=" + io::form_encode(settings->client_id) +
                     "&redirect_uri=" + io::form_encode(redirect_uri) + "&scope=" + io::form_encode(settings->scopes) +
                     "&state=" + io::form_encode(state) + "&nonce=" + io::form_encode(a.nonce) +
                     "&code_challenge=" + pkce_challenge(verifier) + "&code_challenge_method=S256";
  return out;
}

Result<SignedIn> SignOnService::finish(const std::string& state, const std::string& code,
                                       const std::string& browser_secret, std::string& next_path) {
  std::optional<SignOnAttempt> a;
  {
    auto tx = store_.begin(true);
    a = tx->take_sign_on_attempt(sha256_hex(state), now_utc());
    tx->commit();
  }
  // An unknown or used state, or one that started in another browser, is refused alike.
  if (!a || browser_secret.empty() || sha256_hex(browser_secret) != a->browser_hash) return state_error();
  next_path = a->next_path;
  auto settings = store_.begin(false)->sign_on_settings(a->org_id);
  if (!settings || !settings->enabled) return state_error();

  auto exchanged = KK_TRY(io::http_post_form(a->token_endpoint,
                                             {{"grant_type", "authorization_code"}, {"code", code},
                                              {"redirect_uri", a->redirect_uri}, {"code_verifier", a->code_verifier}},
                                             settings->client_id, settings->client_secret));
  json tokens = json::parse(exchanged.body, nullptr, false);
  if (exchanged.status != 200 || !tokens.is_object() || !tokens.contains("id_token") || !tokens["id_token"].is_string()) {
    std::string reason = tokens.is_object() ? tokens.value("error_description", tokens.value("error", "")) : "";
    return Error{ErrorKind::unauthenticated, "error.sso_exchange", {}, {}}.with(
        "reason", reason.empty() ? "HTTP " + std::to_string(exchanged.status) : reason);
  }
  auto keys = KK_TRY(io::http_get(a->jwks_uri));
  json jwks = json::parse(keys.body, nullptr, false);
  auto token = KK_TRY(io::verify_rs256(tokens["id_token"].get<std::string>(), jwks));
  KK_TRY(check_id_token(token.claims, settings->issuer, settings->client_id, a->nonce, unix_now()));
  const json& claims = token.claims;
  std::string subject = settings->issuer + " " + claims["sub"].get<std::string>();
  std::set<Role> roles = roles_from_claims(claims, settings->role_claim, object_of(settings->role_map));

  auto tx = store_.begin(true);
  Actor system = system_actor(a->org_id);
  auto user = tx->user_by_external_subject(subject);
  auto refuse = [&](const std::string& reason, const std::string& who) -> Result<SignedIn> {
    record_audit(*tx, system, "auth.sign_in_failed", "user", user ? user->id : "", nullptr,
                 {{"method", "sso"}, {"reason", reason}, {"subject", who}});
    tx->commit();
    return refused(reason);
  };
  std::string shown = claim_text(claims, "email").empty() ? claims["sub"].get<std::string>() : claim_text(claims, "email");
  if (user && user->org_id != a->org_id) return refuse("another organisation", shown);
  if (roles.empty()) return refuse("no role", shown);
  if (user) {
    if (!user->active) return refuse("inactive", shown);
    // The provider is where roles are decided; a change there shows at the next sign-in.
    if (user->roles != roles) {
      User next = *user;
      next.roles = roles;
      if (tx->update_user(next, user->version)) {
        record_audit(*tx, system, "user.update", "user", user->id, user_json(*user), user_json(next));
        next.version = user->version + 1;
        user = next;
      }
    }
  } else {
    User u;
    u.org_id = a->org_id;
    u.id = new_id();
    u.username = username_for(*tx, claims, subject);
    u.display_name = claim_text(claims, "name").empty() ? shown : claim_text(claims, "name");
    if (check_email(claim_text(claims, "email"))) u.email = claim_text(claims, "email");
    u.roles = roles;
    u.created_at = now_utc();
    // No password: such a user signs in only through the provider ("!" never verifies).
    tx->insert_user(u, "!sso");
    tx->set_external_subject(u.org_id, u.id, subject);
    json created = user_json(u);
    created["via"] = "sso";
    record_audit(*tx, system, "user.create", "user", u.id, nullptr, created);
    user = u;
  }
  SignedIn s = start_session(*tx, *user, {{"method", "sso"}, {"provider", settings->name}});
  tx->commit();
  return s;
}

}  // namespace kk::app
