#pragma once
// Single sign-on with OpenID Connect (authorization code flow with PKCE): an organisation names
// its provider (Entra ID, Keycloak, …); its people sign in there and come back with the roles
// their claims map to. The state, nonce and PKCE verifier stay on the server, bound to the
// browser by a SameSite=Lax cookie; the ID token is checked with the provider's published keys.
#include <set>
#include <vector>

#include "app/accounts.hpp"

namespace kk::app {

struct SignOnLink {
  std::string provider_id;
  std::string name;
};

struct SignOnStart {
  std::string redirect_url;    // the provider's authorization endpoint with the request
  std::string browser_secret;  // goes into the SameSite=Lax cookie; only its hash is stored
};

class SignOnService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  // Administration (admin role): the organisation's provider; the client secret is never shown.
  domain::Result<json> settings(const Actor& actor);
  domain::Result<json> save_settings(const Actor& actor, const json& body);

  // The providers the sign-in page offers.
  std::vector<SignOnLink> providers();
  // Reads the provider's discovery document and prepares the request; `redirect_uri` is
  // Kravkedja's callback as the browser reaches it, `next` the local page to land on.
  domain::Result<SignOnStart> start(const std::string& provider_id, const std::string& redirect_uri,
                                    const std::string& next);
  // The provider's answer: exchanges the code, checks the ID token, finds or creates the user with
  // the mapped roles, and opens a session. `next_path` receives where to go.
  domain::Result<SignedIn> finish(const std::string& state, const std::string& code, const std::string& browser_secret,
                                  std::string& next_path);
};

// The checks of OpenID Connect Core §3.1.3.7 on the claims of a verified ID token, `now` in
// seconds since the epoch (two minutes of clock skew allowed).
domain::Status check_id_token(const json& claims, const std::string& issuer, const std::string& client_id,
                              const std::string& nonce, long long now);
// The roles a user's claims map to: `role_claim` (a string or a list of strings) through
// `role_map` ({"value": ["role", …]}); unknown values give nothing.
std::set<domain::Role> roles_from_claims(const json& claims, const std::string& role_claim, const json& role_map);
// base64url(SHA-256(verifier)), the S256 code challenge of RFC 7636.
std::string pkce_challenge(const std::string& verifier);

}  // namespace kk::app
