#include "io/jwt.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include <memory>
#include <vector>

namespace kk::io {
using domain::Error;
using nlohmann::json;

std::string base64url_encode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size())
    return std::nullopt;
  out.resize(length);
  return out;
}

namespace {
Error token_error(const std::string& reason) {
  return Error{domain::ErrorKind::unauthenticated, "error.sso_token", {}, {}}.with("reason", reason);
}

using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// The RSA public key of a JWK ({"kty":"RSA","n":…,"e":…}).
domain::Result<Pkey> rsa_key(const json& jwk) {
  auto n = base64url_decode(jwk.value("n", "")), e = base64url_decode(jwk.value("e", ""));
  if (!n || !e || n->empty() || e->empty()) return token_error("the key has no valid n and e");
  if (n->size() * 8 < 2048) return token_error("the key is shorter than 2048 bits");
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn_n(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()), static_cast<int>(n->size()), nullptr), BN_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn_e(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()), static_cast<int>(e->size()), nullptr), BN_free);
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> build(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!bn_n || !bn_e || !build || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()))
    return token_error("the key cannot be read");
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr),
                                                                 EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
    return token_error("the key cannot be read");
  return Pkey(raw, EVP_PKEY_free);
}

// The key the header names, or the only RSA signing key.
domain::Result<json> pick_key(const json& header, const json& jwks) {
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) return token_error("no key set");
  std::vector<json> candidates;
  for (const auto& k : jwks["keys"]) {
    if (!k.is_object() || k.value("kty", "") != "RSA") continue;
    if (k.contains("use") && k["use"] != "sig") continue;
    if (k.contains("alg") && k["alg"] != "RS256") continue;
    if (header.contains("kid") && k.value("kid", "") != header.value("kid", "")) continue;
    candidates.push_back(k);
  }
  if (candidates.size() != 1) return token_error(candidates.empty() ? "no key matches the token" : "several keys match");
  return candidates.front();
}
}  // namespace

domain::Result<VerifiedJwt> verify_rs256(const std::string& token, const json& jwks) {
  auto first = token.find('.');
  auto second = first == std::string::npos ? first : token.find('.', first + 1);
  if (second == std::string::npos || token.find('.', second + 1) != std::string::npos)
    return token_error("not a signed token of three parts");
  auto header_bytes = base64url_decode(std::string_view(token).substr(0, first));
  auto claims_bytes = base64url_decode(std::string_view(token).substr(first + 1, second - first - 1));
  auto signature = base64url_decode(std::string_view(token).substr(second + 1));
  if (!header_bytes || !claims_bytes || !signature) return token_error("not base64url");
  VerifiedJwt out;
  out.header = json::parse(*header_bytes, nullptr, false);
  out.claims = json::parse(*claims_bytes, nullptr, false);
  if (!out.header.is_object() || !out.claims.is_object()) return token_error("header or claims are not JSON objects");
  if (out.header.value("alg", "") != "RS256") return token_error("the algorithm is not RS256");
  auto jwk = pick_key(out.header, jwks);
  if (!jwk) return jwk.error();
  auto key = rsa_key(*jwk);
  if (!key) return key.error();
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::string_view signed_part = std::string_view(token).substr(0, second);
  if (!md || EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key->get()) != 1 ||
      EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
                       reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) != 1)
    return token_error("the signature does not verify");
  return out;
}

}  // namespace kk::io
