#pragma once
// A browser for page tests: keeps the session cookie, posts forms with the page's CSRF token,
// and sends file forms as multipart/form-data with the token as one of the parts, as a browser
// does.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "api_helpers.hpp"

namespace kkt {

using Fields = std::vector<std::pair<std::string, std::string>>;

class Browser {
 public:
  Response get(const std::string& path) { return send("GET", path, "", {}); }
  // Without the token (`with_csrf` false) a form is posted as a forged one would be.
  Response post(const std::string& path, Fields fields, bool with_csrf = true);
  struct File {
    std::string field, file_name, bytes;
  };
  Response post_files(const std::string& path, Fields fields, const std::vector<File>& files, bool with_csrf = true);
  // Signs in with the form (no `next`), follows where the application sends the person, and
  // takes the CSRF token from that page. Returns the page landed on.
  std::string sign_in(const std::string& username, const std::string& password);
  // From now on the forms carry a token the server never gave.
  void forge_csrf() { csrf_ = "forged"; }
  // From now on talks to the server on `port` (0: the test server), keeping cookies and token,
  // as a browser behind a load balancer reaches another node.
  void use_port(int port) { port_ = port; }

 private:
  Response send(const std::string& method, const std::string& path, const std::string& body, Headers headers);
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  int port_ = 0;
};

bool has(const Response& r, const std::string& text);
// The last segment of a redirect's Location: the id of what a form just made.
std::string id_from_location(const Response& r);
// The first group of the first match of `pattern` in `text`, or "".
std::string first_match(const std::string& text, const std::string& pattern);

}  // namespace kkt
