#include "browser.hpp"

#include <regex>

namespace kkt {

Response Browser::post(const std::string& path, Fields fields, bool with_csrf) {
  if (with_csrf) fields.insert(fields.begin(), {"_csrf", csrf_});
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
  return send("POST", path, body, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

Response Browser::post_files(const std::string& path, Fields fields, const std::vector<File>& files, bool with_csrf) {
  const std::string boundary = "----kravkedjaTestBoundary7MA4YWxk";
  fields.insert(fields.begin(), {"_csrf", with_csrf ? csrf_ : "forged"});
  std::string body;
  for (const auto& [k, v] : fields)
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  for (const auto& f : files)
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field + "\"; filename=\"" + f.file_name +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + f.bytes + "\r\n";
  body += "--" + boundary + "--\r\n";
  return send("POST", path, body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
}

std::string Browser::sign_in(const std::string& username, const std::string& password) {
  auto r = send("POST", "/login", "username=" + url_encode(username) + "&password=" + url_encode(password),
                {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 303) << r.body;
  std::string path = r.header("location");
  for (int hops = 0; hops < 3 && r.status == 303; ++hops) {
    path = r.header("location");
    r = get(path);
  }
  std::smatch m;
  if (std::regex_search(r.body, m, std::regex("name=\"_csrf\" value=\"([^\"]+)\""))) csrf_ = m[1];
  EXPECT_FALSE(csrf_.empty()) << r.body;
  return path;
}

Response Browser::send(const std::string& method, const std::string& path, const std::string& body, Headers headers) {
  if (!cookies_.empty()) {
    std::string c;
    for (const auto& [k, v] : cookies_) c += (c.empty() ? "" : "; ") + k + "=" + v;
    headers.emplace_back("Cookie", c);
  }
  auto r = HttpClient("127.0.0.1", port_ ? port_ : server_port()).request(method, path, body, headers);
  auto [begin, end] = r.headers.equal_range("set-cookie");
  for (auto it = begin; it != end; ++it) {
    std::string v = it->second.substr(0, it->second.find(';'));
    auto eq = v.find('=');
    if (eq == std::string::npos) continue;
    if (v.substr(eq + 1).empty()) cookies_.erase(v.substr(0, eq));  // cleared, as at sign-out
    else cookies_[v.substr(0, eq)] = v.substr(eq + 1);
  }
  return r;
}

std::string id_from_location(const Response& r) {
  std::string loc = r.header("location");
  return loc.substr(loc.rfind('/') + 1);
}

bool has(const Response& r, const std::string& text) { return r.body.find(text) != std::string::npos; }

std::string first_match(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? std::string(m[1]) : std::string();
}

}  // namespace kkt
