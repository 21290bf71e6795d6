#pragma once
// Evidence files at rest (tender and contract files, stored in the database): encrypted with
// XChaCha20-Poly1305 (libsodium) when the service has a key (KK_FILE_KEY), bound to the
// organisation and the file's id so a row copied onto another fails to open. Files stored
// without a key stay readable; encrypted ones need the key.
#include <optional>
#include <string>

#include "domain/result.hpp"

namespace kk::app {

// Sets the key once at start-up: 32 bytes, given as standard base64. Empty: no encryption.
// Returns false when the text is not such a key.
bool use_file_key(const std::string& base64_key);
bool file_key_in_use();

// What goes into the database for a file's bytes: "kkenc1:" and the base64 of nonce and
// ciphertext with a key, the plain base64 without.
std::string seal_file(const std::string& bytes, const std::string& org_id, const std::string& file_id);
// The bytes back; error.file_key_missing (503) when the file is encrypted and no key is set,
// error.file_unreadable when it does not open (another key, or a changed row).
domain::Result<std::string> open_file(const std::string& stored, const std::string& org_id, const std::string& file_id);

}  // namespace kk::app
