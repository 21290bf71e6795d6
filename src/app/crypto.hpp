#pragma once
// Randomness, hashing and password storage (libsodium: argon2id, CSPRNG, SHA-256).
#include <optional>
#include <string>

namespace kk::app {

void init_crypto();                       // once at start-up
std::string new_id();                     // random UUID v4, lower-case text
std::string random_bytes(std::size_t count);        // raw bytes from the CSPRNG
std::string random_token(std::size_t bytes = 32);  // URL-safe base64 without padding
std::string sha256_hex(const std::string& data);
// Whether two secrets are equal, in time that does not depend on where they differ.
bool same_secret(const std::string& given, const std::string& expected);
std::string hash_password(const std::string& password);  // argon2id, encoded string
bool verify_password(const std::string& encoded, const std::string& password);
std::string base64_encode(const std::string& bytes);  // standard alphabet, padded
std::optional<std::string> base64_decode(const std::string& text);

}  // namespace kk::app
