#include "io/http_fetch.hpp"

#include <curl/curl.h>

#include <memory>

namespace kk::io {
using domain::Error;

namespace {
constexpr std::size_t max_body = 1024 * 1024;

struct Sink {
  std::string body;
  bool too_large = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  if (sink->body.size() + size * count > max_body) {
    sink->too_large = true;
    return 0;  // makes libcurl stop with an error
  }
  sink->body.append(data, size * count);
  return size * count;
}

domain::Result<Fetched> perform(const std::string& url, const std::string* form, const std::string& user,
                                const std::string& password) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Error::unprocessable("error.sso_unreachable", "issuer_url").with("reason", "libcurl");
  Sink sink;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &sink);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
      curl_slist_append(nullptr, "Accept: application/json"), curl_slist_free_all);
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  if (form) {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, form->c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(form->size()));
    // RFC 6749 2.3.1: the client id and secret form-encoded, then as Basic credentials.
    std::string id = form_encode(user), secret = form_encode(password);
    curl_easy_setopt(curl.get(), CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, id.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, secret.c_str());
  }
  CURLcode rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK)
    return Error::unprocessable("error.sso_unreachable", "issuer_url")
        .with("reason", sink.too_large ? "answer over 1 MB" : curl_easy_strerror(rc));
  Fetched out;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &out.status);
  out.body = std::move(sink.body);
  return out;
}
}  // namespace

std::string form_encode(std::string_view value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

domain::Result<Fetched> http_get(const std::string& url) { return perform(url, nullptr, {}, {}); }

domain::Result<Fetched> http_post_form(const std::string& url, const std::vector<std::pair<std::string, std::string>>& fields,
                                       const std::string& basic_user, const std::string& basic_password) {
  std::string form;
  for (const auto& [k, v] : fields) form += (form.empty() ? "" : "&") + form_encode(k) + "=" + form_encode(v);
  return perform(url, &form, basic_user, basic_password);
}

}  // namespace kk::io
