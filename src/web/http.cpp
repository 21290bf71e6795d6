#include "web/http.hpp"

#include "io/http_fetch.hpp"

#include <cctype>

namespace kk::web {

std::string Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::cookie(const std::string& name) const {
  std::string all = header("cookie");
  std::string_view rest = all;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    auto part = rest.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

Response Response::text(int status, std::string body, std::string type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set("Content-Type", std::move(type));
  return r;
}

Response Response::html(std::string body, int status) {
  return text(status, std::move(body), "text/html; charset=utf-8");
}

Response Response::json(const std::string& body, int status) {
  return text(status, body, "application/json; charset=utf-8");
}

Response Response::attachment(std::string bytes, const std::string& type, const std::string& file_name) {
  Response r = text(200, std::move(bytes), type);
  // The name as given travels percent-encoded (RFC 6266, RFC 5987), so no byte of it can end the
  // quoted string or the header; clients without filename* get an ASCII stand-in.
  std::string plain;
  for (unsigned char c : file_name) plain += c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? char(c) : '_';
  r.set("Content-Disposition", "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + url_encode(file_name));
  return r;
}

Response Response::redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.set("Location", location);
  return r;
}

std::string url_decode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && plus_as_space) out += ' ';
    else if (c == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
             std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else out += c;
  }
  return out;
}

std::string url_encode(std::string_view s) { return io::form_encode(s); }

std::string local_path(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.rfind("//", 0) == 0 || next.find('\\') != std::string::npos) return "/";
  return next;
}

std::multimap<std::string, std::string> parse_urlencoded(std::string_view s) {
  std::multimap<std::string, std::string> out;
  while (!s.empty()) {
    auto amp = s.find('&');
    auto pair = s.substr(0, amp);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      if (eq == std::string_view::npos) out.emplace(url_decode(pair, true), "");
      else out.emplace(url_decode(pair.substr(0, eq), true), url_decode(pair.substr(eq + 1), true));
    }
    if (amp == std::string_view::npos) break;
    s.remove_prefix(amp + 1);
  }
  return out;
}

void split_target(Request& req) {
  auto q = req.target.find('?');
  req.path = url_decode(req.target.substr(0, q), false);
  if (q != std::string::npos) req.query = parse_urlencoded(std::string_view(req.target).substr(q + 1));
}

namespace {
std::string disposition_param(const std::string& head, const std::string& key) {
  // Content-Disposition: form-data; name="file"; filename="svar.xlsx"
  for (std::size_t at = head.find(key + "=\""); at != std::string::npos; at = head.find(key + "=\"", at + 1)) {
    if (at == 0 || (head[at - 1] != ' ' && head[at - 1] != ';')) continue;  // "name" inside "filename"
    std::size_t start = at + key.size() + 2;
    auto end = head.find('"', start);
    if (end != std::string::npos) return head.substr(start, end - start);
  }
  return "";
}
}  // namespace

std::map<std::string, FormPart> parse_multipart(const Request& req) {
  std::map<std::string, FormPart> parts;
  const std::string type = req.header("content-type");
  auto b = type.find("boundary=");
  if (type.rfind("multipart/form-data", 0) != 0 || b == std::string::npos) return parts;
  std::string boundary = type.substr(b + 9);
  if (auto semi = boundary.find(';'); semi != std::string::npos) boundary.resize(semi);
  if (boundary.size() > 1 && boundary.front() == '"') boundary = boundary.substr(1, boundary.size() - 2);
  const std::string delimiter = "\r\n--" + boundary;
  const std::string body = "\r\n" + req.body;  // so the first delimiter looks like the others
  std::size_t pos = body.find(delimiter);
  while (pos != std::string::npos) {
    pos += delimiter.size();
    if (body.compare(pos, 2, "--") == 0) break;  // the closing delimiter
    auto head_start = body.find("\r\n", pos);
    auto head_end = head_start == std::string::npos ? head_start : body.find("\r\n\r\n", head_start);
    if (head_end == std::string::npos) break;
    auto next = body.find(delimiter, head_end + 4);
    if (next == std::string::npos) break;
    std::string head = body.substr(head_start + 2, head_end - head_start - 2);
    std::string file_name = disposition_param(head, "filename");
    // Some browsers send the whole path of the file; only its name is kept.
    if (auto slash = file_name.find_last_of("/\\"); slash != std::string::npos) file_name = file_name.substr(slash + 1);
    parts[disposition_param(head, "name")] = {file_name, body.substr(head_end + 4, next - head_end - 4)};
    pos = next;
  }
  return parts;
}

}  // namespace kk::web
