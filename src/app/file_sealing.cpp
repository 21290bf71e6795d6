#include "app/file_sealing.hpp"

#include <sodium.h>

#include <mutex>

#include "app/crypto.hpp"

namespace kk::app {
using domain::Error;
using domain::ErrorKind;

namespace {
constexpr std::string_view marker = "kkenc1:";

// Written once before the service takes requests, read by every request after.
std::string& key() {
  static std::string k;
  return k;
}

std::string associated(const std::string& org_id, const std::string& file_id) { return org_id + "\n" + file_id; }
}  // namespace

bool use_file_key(const std::string& base64_key) {
  if (base64_key.empty()) {
    key().clear();
    return true;
  }
  auto raw = base64_decode(base64_key);
  if (!raw || raw->size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) return false;
  key() = *raw;
  return true;
}

bool file_key_in_use() { return !key().empty(); }

std::string seal_file(const std::string& bytes, const std::string& org_id, const std::string& file_id) {
  if (key().empty()) return base64_encode(bytes);
  std::string nonce = random_bytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  std::string ad = associated(org_id, file_id);
  std::string out(nonce.size() + bytes.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  std::copy(nonce.begin(), nonce.end(), out.begin());
  unsigned long long length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(out.data() + nonce.size()), &length,
      reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), reinterpret_cast<const unsigned char*>(ad.data()),
      ad.size(), nullptr, reinterpret_cast<const unsigned char*>(nonce.data()),
      reinterpret_cast<const unsigned char*>(key().data()));
  out.resize(nonce.size() + length);
  return std::string(marker) + base64_encode(out);
}

domain::Result<std::string> open_file(const std::string& stored, const std::string& org_id, const std::string& file_id) {
  auto unreadable = [] { return Error::unprocessable("error.file_unreadable", "file"); };
  if (stored.rfind(marker, 0) != 0) {
    auto plain = base64_decode(stored);
    if (!plain) return unreadable();
    return *plain;
  }
  if (key().empty()) return Error{ErrorKind::unavailable, "error.file_key_missing", "file", {}};
  auto sealed = base64_decode(stored.substr(marker.size()));
  const std::size_t nonce_bytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (!sealed || sealed->size() < nonce_bytes + crypto_aead_xchacha20poly1305_ietf_ABYTES) return unreadable();
  std::string ad = associated(org_id, file_id);
  std::string out(sealed->size() - nonce_bytes, '\0');
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &length, nullptr,
          reinterpret_cast<const unsigned char*>(sealed->data() + nonce_bytes), sealed->size() - nonce_bytes,
          reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
          reinterpret_cast<const unsigned char*>(sealed->data()), reinterpret_cast<const unsigned char*>(key().data())) != 0)
    return unreadable();
  out.resize(length);
  return out;
}

}  // namespace kk::app
