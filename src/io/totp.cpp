#include "io/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>

#include "io/http_fetch.hpp"

namespace kk::io {

namespace {
constexpr const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

std::string totp_code(const std::string& secret, std::int64_t step, int digits) {
  unsigned char message[8];
  for (int i = 7; i >= 0; --i, step >>= 8) message[i] = static_cast<unsigned char>(step & 0xff);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), message, sizeof message, mac, &length);
  // Dynamic truncation (RFC 4226 §5.3).
  int offset = mac[length - 1] & 0x0f;
  std::uint32_t binary = (std::uint32_t(mac[offset] & 0x7f) << 24) | (std::uint32_t(mac[offset + 1]) << 16) |
                         (std::uint32_t(mac[offset + 2]) << 8) | std::uint32_t(mac[offset + 3]);
  std::uint32_t modulo = 1;
  for (int i = 0; i < digits; ++i) modulo *= 10;
  std::string out = std::to_string(binary % modulo);
  return std::string(static_cast<std::size_t>(digits) - out.size(), '0') + out;
}

std::optional<std::int64_t> totp_accepts(const std::string& secret, const std::string& code, std::int64_t now,
                                         std::int64_t last_used_step) {
  std::string digits;
  for (char c : code)
    if (c != ' ' && c != '-') digits += c;  // as people copy it: "123 456"
  if (digits.size() != 6) return std::nullopt;
  std::int64_t current = now / totp_step_seconds;
  for (std::int64_t step : {current, current - 1, current + 1})
    if (step > last_used_step && totp_code(secret, step) == digits) return step;
  return std::nullopt;
}

std::string base32_encode(const std::string& bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> base32_decode(const std::string& text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == ' ') continue;
    char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    const char* at = std::char_traits<char>::find(alphabet, 32, upper);
    if (!at) return std::nullopt;
    buffer = (buffer << 5) | static_cast<unsigned>(at - alphabet);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string otpauth_uri(const std::string& issuer, const std::string& account, const std::string& secret) {
  return "otpauth://totp/" + form_encode(issuer) + ":" + form_encode(account) + "?secret=" +
         base32_encode(secret) + "&issuer=" + form_encode(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace kk::io
