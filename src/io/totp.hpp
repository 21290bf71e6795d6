#pragma once
// Time-based one-time passwords (RFC 6238, HMAC-SHA-1 of RFC 4226 with OpenSSL, six digits,
// 30-second steps): the optional second factor of local accounts.
#include <cstdint>
#include <optional>
#include <string>

namespace kk::io {

inline constexpr int totp_step_seconds = 30;

// The code for a time step (the Unix time divided by 30) and a secret of raw bytes.
std::string totp_code(const std::string& secret, std::int64_t step, int digits = 6);
// The step `code` belongs to, when it is the code of the step at `now` (Unix seconds) or of the
// one before or after (a phone's clock a little off), and later than `last_used_step`, so a code
// is accepted once.
std::optional<std::int64_t> totp_accepts(const std::string& secret, const std::string& code, std::int64_t now,
                                         std::int64_t last_used_step);
// RFC 4648 base32 without padding, as authenticator apps take secrets.
std::string base32_encode(const std::string& bytes);
std::optional<std::string> base32_decode(const std::string& text);
// otpauth://totp/Issuer:account?secret=…&issuer=Issuer, for a QR code or a link.
std::string otpauth_uri(const std::string& issuer, const std::string& account, const std::string& secret);

}  // namespace kk::io
