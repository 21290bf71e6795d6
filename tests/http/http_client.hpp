#pragma once
// A tiny blocking HTTP/1.1 client over POSIX sockets, enough to talk to a local
// `kravkedja serve`: one request per connection (Connection: close), read until EOF.
#include <iosfwd>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace kkt {

using json = nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

struct Response {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;

  // The body parsed as JSON; a discarded value when it is not JSON.
  json json_body() const;
  // First value of a header (name in any case), or "" when absent.
  std::string header(const std::string& name) const;
  // error.code / error.field / error.message of an error body, or "" when absent.
  std::string error_code() const;
  std::string error_field() const;
  std::string error_message() const;
};

class HttpClient {
 public:
  HttpClient(std::string host, int port) : host_(std::move(host)), port_(port) {}

  // Throws std::runtime_error when the connection fails or the answer is not HTTP.
  Response request(const std::string& method, const std::string& path, const std::string& body = {},
                   const Headers& headers = {}) const;

 private:
  std::string host_;
  int port_;
};

// Percent-encodes a path segment (ids and keys are normally plain, but be safe).
std::string url_encode(const std::string& s);

}  // namespace kkt

// gtest would otherwise print a json as a container of jsons, recursing forever.
namespace nlohmann {
void PrintTo(const json& j, std::ostream* os);
}
