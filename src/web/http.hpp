#pragma once
// Plain HTTP request and response values: everything outside http_server.cpp works with
// these, so Boost.Beast stays in one translation unit.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kk::web {

struct Request {
  std::string method;   // GET, POST, …
  std::string target;   // as sent: path and query
  std::string path;     // decoded path without query
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_address;  // the connection's peer

  std::string header(const std::string& lower_name) const;
  std::optional<std::string> query_param(const std::string& name) const;
  std::optional<std::string> cookie(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  static Response text(int status, std::string body, std::string type = "text/plain; charset=utf-8");
  static Response html(std::string body, int status = 200);
  static Response json(const std::string& body, int status = 200);
  static Response redirect(const std::string& location);  // 303 See Other
  // A download: the bytes with their type, saved under `file_name`.
  static Response attachment(std::string bytes, const std::string& type, const std::string& file_name);
};

// Decodes %XX and (for forms) '+' as space.
std::string url_decode(std::string_view s, bool plus_as_space);
std::string url_encode(std::string_view s);
// Parses a query string or an application/x-www-form-urlencoded body.
std::multimap<std::string, std::string> parse_urlencoded(std::string_view s);
// `next` when it is a path on this site, else "/": where to go after signing in, so signing in
// cannot be used to send people elsewhere.
std::string local_path(const std::string& next);
// Fills path and query from target.
void split_target(Request& req);

// One part of a multipart/form-data body (what a form with a file input sends): a file's name
// and bytes, or a text field's value in `bytes`.
struct FormPart {
  std::string file_name;
  std::string bytes;
};
// The parts of a multipart/form-data body by field name; none when the body is not one.
std::map<std::string, FormPart> parse_multipart(const Request& req);

}  // namespace kk::web
