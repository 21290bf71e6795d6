// What the web edge reads from a request before any use case sees it: the target's path and
// query, an urlencoded form, a multipart upload, cookies and Accept-Language, the JSON body; and
// what it writes back from a user's file name (Content-Disposition). Input: four lines (target,
// Content-Type, Cookie, Accept-Language, then a file name), the rest is the body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "web/http.hpp"
#include "web/language.hpp"

namespace {
std::string_view take_line(std::string_view& rest) {
  auto end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return line;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  kk::web::Request req;
  req.method = "POST";
  req.target = std::string(take_line(rest));
  req.headers["content-type"] = std::string(take_line(rest));
  req.headers["cookie"] = std::string(take_line(rest));
  req.headers["accept-language"] = std::string(take_line(rest));
  std::string file_name(take_line(rest));
  req.body = std::string(rest);

  kk::web::split_target(req);
  (void)req.query_param("next");
  (void)req.cookie("kk_session");
  (void)kk::web::negotiate_language(req);
  (void)kk::web::parse_urlencoded(req.body);
  (void)kk::web::parse_multipart(req);
  (void)nlohmann::json::parse(req.body, nullptr, false);

  // A name the user chose must never break out of the header it is written into.
  auto r = kk::web::Response::attachment("x", "application/pdf", file_name);
  for (const auto& [name, value] : r.headers)
    if (value.find_first_of("\r\n") != std::string::npos || name.find_first_of("\r\n:") != std::string::npos)
      __builtin_trap();
  // Decoding what was encoded gives it back.
  if (kk::web::url_decode(kk::web::url_encode(file_name), false) != file_name) __builtin_trap();
  return 0;
}
