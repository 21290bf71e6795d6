// The pieces of an OpenID Connect sign-in that can be checked without a provider: the PKCE
// challenge, the ID token's signature (against keys made here with OpenSSL) and claims, and the
// mapping of role claims to roles.
#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>

#include "app/sign_on.hpp"
#include "io/jwt.hpp"

using nlohmann::json;
using kk::domain::Role;

namespace {

struct Key {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey{nullptr, EVP_PKEY_free};
  json jwk;
};

Key make_key(unsigned bits, const std::string& kid) {
  Key k;
  k.pkey.reset(EVP_RSA_gen(bits));
  BIGNUM *n = nullptr, *e = nullptr;
  EVP_PKEY_get_bn_param(k.pkey.get(), OSSL_PKEY_PARAM_RSA_N, &n);
  EVP_PKEY_get_bn_param(k.pkey.get(), OSSL_PKEY_PARAM_RSA_E, &e);
  auto bytes = [](const BIGNUM* b) {
    std::string out(static_cast<std::size_t>(BN_num_bytes(b)), '\0');
    BN_bn2bin(b, reinterpret_cast<unsigned char*>(out.data()));
    return out;
  };
  k.jwk = {{"kty", "RSA"}, {"kid", kid}, {"use", "sig"}, {"alg", "RS256"},
           {"n", kk::io::base64url_encode(bytes(n))}, {"e", kk::io::base64url_encode(bytes(e))}};
  BN_free(n);
  BN_free(e);
  return k;
}

std::string sign(const Key& key, const json& header, const json& claims) {
  std::string input = kk::io::base64url_encode(header.dump()) + "." + kk::io::base64url_encode(claims.dump());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t length = 0;
  EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key.pkey.get());
  EVP_DigestSign(md.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string signature(length, '\0');
  EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  signature.resize(length);
  return input + "." + kk::io::base64url_encode(signature);
}

const json kClaims = {{"iss", "https://idp.kommun.example"}, {"aud", "kravkedja"}, {"sub", "anna-1001"},
                      {"exp", 2000000600}, {"iat", 2000000000}, {"nonce", "n-0S6_WzA2Mj"}};

std::string reason(const kk::domain::Status& s) {
  if (s) return "ok";
  auto it = s.error().params.find("reason");
  return it == s.error().params.end() ? s.error().key : it->second;
}

}  // namespace

TEST(Pkce, TheS256ChallengeIsThatOfRfc7636AppendixB) {
  EXPECT_EQ(kk::app::pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(IdToken, ASignatureVerifiesWithTheKeyItNamesAndNothingElse) {
  Key key = make_key(2048, "k1"), other = make_key(2048, "k2");
  json jwks = {{"keys", {other.jwk, key.jwk}}};
  json header = {{"alg", "RS256"}, {"kid", "k1"}, {"typ", "JWT"}};
  std::string token = sign(key, header, kClaims);
  auto ok = kk::io::verify_rs256(token, jwks);
  ASSERT_TRUE(ok) << ok.error().key;
  EXPECT_EQ(ok->claims["sub"], "anna-1001");

  // Another payload under the same signature.
  json forged = kClaims;
  forged["sub"] = "admin";
  std::string swapped = token.substr(0, token.find('.') + 1) + kk::io::base64url_encode(forged.dump()) +
                        token.substr(token.rfind('.'));
  EXPECT_FALSE(kk::io::verify_rs256(swapped, jwks));
  // Signed by a key the header does not name, by no key at all, with "none", or too short a key.
  EXPECT_FALSE(kk::io::verify_rs256(sign(other, header, kClaims), jwks));
  EXPECT_FALSE(kk::io::verify_rs256(sign(key, {{"alg", "RS256"}, {"kid", "k9"}}, kClaims), jwks));
  json none = {{"alg", "none"}};
  EXPECT_FALSE(kk::io::verify_rs256(kk::io::base64url_encode(none.dump()) + "." +
                                        kk::io::base64url_encode(kClaims.dump()) + ".",
                                    jwks));
  Key small = make_key(1024, "small");
  EXPECT_FALSE(kk::io::verify_rs256(sign(small, {{"alg", "RS256"}, {"kid", "small"}}, kClaims), {{"keys", {small.jwk}}}));
  // Without a kid, the only RSA key of the set is used; with two, the token must say which.
  EXPECT_TRUE(kk::io::verify_rs256(sign(key, {{"alg", "RS256"}}, kClaims), {{"keys", {key.jwk}}}));
  EXPECT_FALSE(kk::io::verify_rs256(sign(key, {{"alg", "RS256"}}, kClaims), jwks));
  // Not a token.
  EXPECT_FALSE(kk::io::verify_rs256("a.b", jwks));
  EXPECT_FALSE(kk::io::verify_rs256("!!.??.**", jwks));
}

TEST(IdToken, TheClaimsMustBeForUsFromTheIssuerInTimeAndForThisSignIn) {
  using kk::app::check_id_token;
  const std::string iss = "https://idp.kommun.example", nonce = "n-0S6_WzA2Mj";
  long long now = 2000000100;
  EXPECT_EQ(reason(check_id_token(kClaims, iss, "kravkedja", nonce, now)), "ok");
  auto with = [&](const char* key, json value) {
    json c = kClaims;
    if (value.is_null()) c.erase(key);
    else c[key] = value;
    return reason(check_id_token(c, iss, "kravkedja", nonce, now));
  };
  EXPECT_EQ(with("iss", "https://elsewhere.example"), "the token is from another issuer");
  EXPECT_EQ(with("aud", "another-client"), "the token is not for this client");
  EXPECT_EQ(with("aud", json::array({"kravkedja", "other"})),
            "the token is for several clients and not authorised for this one");
  EXPECT_EQ(with("nonce", "replayed"), "the nonce does not match this sign-in");
  EXPECT_EQ(with("nonce", nullptr), "the nonce does not match this sign-in");
  EXPECT_EQ(with("sub", nullptr), "the token names no subject");
  EXPECT_EQ(reason(check_id_token(kClaims, iss, "kravkedja", nonce, 2000000600 + 121)), "the token has expired");
  EXPECT_EQ(reason(check_id_token(kClaims, iss, "kravkedja", nonce, 2000000600 + 119)), "ok") << "two minutes of skew";
  EXPECT_EQ(reason(check_id_token(kClaims, iss, "kravkedja", nonce, 2000000000 - 121)), "the token is issued in the future");
  json several = kClaims;
  several["aud"] = json::array({"kravkedja", "other"});
  several["azp"] = "kravkedja";
  EXPECT_EQ(reason(check_id_token(several, iss, "kravkedja", nonce, now)), "ok");
}

TEST(RoleClaims, ValuesMapToRolesAndAnythingUnknownGivesNothing) {
  json map = {{"kk-upphandlare", {"procurer"}}, {"kk-ledning", {"ciso", "reader"}}, {"kk-fel", {"kung"}}};
  using kk::app::roles_from_claims;
  EXPECT_EQ(roles_from_claims({{"roles", {"kk-upphandlare", "kk-ledning", "ekonomi"}}}, "roles", map),
            (std::set<Role>{Role::procurer, Role::ciso, Role::reader}));
  EXPECT_EQ(roles_from_claims({{"groups", "kk-upphandlare"}}, "groups", map), (std::set<Role>{Role::procurer}));
  EXPECT_TRUE(roles_from_claims({{"roles", {"ekonomi"}}}, "roles", map).empty());
  EXPECT_TRUE(roles_from_claims({{"roles", {"kk-fel"}}}, "roles", map).empty());
  EXPECT_TRUE(roles_from_claims({{"other", {"kk-upphandlare"}}}, "roles", map).empty());
  EXPECT_TRUE(roles_from_claims({{"roles", {{{"nested", true}}}}}, "roles", map).empty());
}
