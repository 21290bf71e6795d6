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

 private:
  Response send(const std::string& method, const std::string& path, const std::string& body, Headers headers);
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

bool has(const Response& r, const std::string& text);
// The first group of the first match of `pattern` in `text`, or "".
std::string first_match(const std::string& text, const std::string& pattern);

}  // namespace kkt
