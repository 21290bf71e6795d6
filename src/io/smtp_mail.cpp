#include "io/smtp_mail.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <random>

namespace kk::io {
namespace {
// libsodium's base64 (the one app/crypto uses), for the RFC 2047 subject.
std::string base64(const std::string& in) {
  std::string out(sodium_base64_encoded_len(in.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// RFC 2045 quoted-printable, lines of at most 76 characters, CRLF line ends.
std::string quoted_printable(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out, line;
  auto flush = [&](bool soft) {
    out += line + (soft ? "=\r\n" : "\r\n");
    line.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char ch = text[i];
    if (ch == '\r') continue;
    if (ch == '\n') {
      // A space or tab at the end of a line is encoded, as transport may strip it.
      if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        char last = line.back();
        line.pop_back();
        line += std::string("=") + hex[(unsigned char)last >> 4] + hex[(unsigned char)last & 15];
      }
      flush(false);
      continue;
    }
    std::string piece = (ch >= 33 && ch <= 126 && ch != '=') || ch == ' ' || ch == '\t'
                            ? std::string(1, char(ch))
                            : std::string("=") + hex[ch >> 4] + hex[ch & 15];
    if (line.size() + piece.size() > 75) flush(true);
    line += piece;
  }
  if (!line.empty()) flush(false);
  return out;
}

struct Upload {
  std::string data;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, up->data.size() - up->sent);
  std::copy_n(up->data.data() + up->sent, n, buffer);
  up->sent += n;
  return n;
}
}  // namespace

void init_smtp() { curl_global_init(CURL_GLOBAL_DEFAULT); }

std::string format_mail(const SmtpSettings& settings, const MailMessage& message, const std::string& date,
                        const std::string& message_id) {
  return "Date: " + date + "\r\nFrom: " + settings.from + "\r\nTo: " + message.to + "\r\nMessage-ID: <" + message_id +
         ">\r\nSubject: =?UTF-8?B?" + base64(message.subject) +
         "?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
         quoted_printable(message.body);
}

std::optional<std::string> send_mail(const SmtpSettings& settings, const MailMessage& message) {
  char date[64];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::random_device random;
  auto at = settings.from.find('@');
  std::string domain = at == std::string::npos ? "kravkedja" : settings.from.substr(at + 1);
  std::string id = std::to_string(now) + "." + std::to_string(random()) + "@" + domain;
  Upload upload{format_mail(settings, message, date, id)};

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return std::string("libcurl could not start");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(curl_slist_append(nullptr, message.to.c_str()),
                                                                         curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, settings.from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!settings.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  CURLcode result = curl_easy_perform(c);
  if (result != CURLE_OK) return std::string(error[0] ? error : curl_easy_strerror(result));
  return std::nullopt;
}

}  // namespace kk::io
