#pragma once
// JSON Web Tokens signed with RS256, checked against the provider's published keys (a JWK set)
// with OpenSSL: the ID token of an OpenID Connect sign-in. Only RS256 is accepted ("none" and
// every other algorithm are refused), with RSA keys of at least 2048 bits.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/result.hpp"

namespace kk::io {

struct VerifiedJwt {
  nlohmann::json header;
  nlohmann::json claims;
};

// The token's header and claims when its signature verifies with a key of `jwks` (chosen by
// the header's kid, or the only RSA key when there is no kid); error.sso_token otherwise, with
// the reason in "reason".
domain::Result<VerifiedJwt> verify_rs256(const std::string& token, const nlohmann::json& jwks);

// base64url without padding (RFC 7515 §2).
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace kk::io
